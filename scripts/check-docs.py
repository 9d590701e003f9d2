#!/usr/bin/env python3
"""Fails when the docs or a source comment name something the tree does not have.

    scripts/check-docs.py [--root DIR] [--build DIR]

Reads docs/*.md, README.md and the comments of the sources (C++, CMake, shell, Python,
JavaScript), and reports, one line each (FILE:LINE: what):
  - a file path (server/rest/httpwire.cpp, wslistener.h, docs/images/desktop.png, bench/) that
    exists neither in the tree (from the root, from the naming file's directory, or as the tail
    of a tree path) nor under /usr/include (a system header such as hiredis's adapters/qt.h);
  - a CamelCase name that looks like one of our classes (WsListener, RestAuth, Class::member)
    and is not an identifier of the code (comments and strings do not count);
  - in a ```cpp block, any identifier the code does not have (a stale signature);
  - the current results table: docs/benchmarks.md has one (between the results-table markers,
    written by bench/results-table.py --write) with at least one row, and README.md quotes it
    unchanged;
  - a command-line option: after one of our programs (PROGRAMS, SCRIPTS) in the same command (a
    code block line, a `code span`, a comment), one that program's --help (run from --build)
    does not list; anywhere else, one that none of them lists and no string of the code passes.
    Options after another tool's name (TOOLS: cmake, perf, redis-server, ...) are its own.
Exit 0: nothing found; 1: the report; 2: bad usage. CTest runs it as check_docs (tests/docs/).
"""
import argparse
import os
import re
import subprocess
import sys
import tokenize

CODE_DIRS = ["server", "common", "app", "bench", "tests", "scripts", "installer", "resources"]
SKIP_DIRS = {"node_modules", ".git", "__pycache__"}
DATA_DIRS = ("tests/data/", "tests/fuzz/corpus/", "docs/images/")  # in the tree, not read
CPP_EXT = (".cpp", ".h")
COMMENT_EXT = {".cpp": "c", ".h": "c", ".js": "c", ".cmake": "hash", ".sh": "hash", ".py": "hash"}

# CamelCase words of prose that are not classes of ours (only those the docs use: a longer list
# would hide drift).
NOT_CLASSES = {
    "CourseCollab", "WebSocket", "WebSockets", "OpenAPI", "FastAPI", "OpenSSL", "ThreadSanitizer",
    "CamelCase", "KiB", "MiB", "GiB",
    "RelWithDebInfo",                # a CMake build type
    "PkgConfig",                     # CMake's imported targets (PkgConfig::SQLITE3)
    "ClientHello",                   # the TLS handshake message
    "WxH",                           # a window geometry, width x height
    "VmRSS",                         # a field of /proc/PID/status
    # rich text (issue 13): products and formats, not classes of ours
    "MathJax", "KaTeX", "TeX", "MathML", "WebEngine", "CommonMark", "GitHub", "JavaScript",
    # systemd unit directives (installer/collab-server.service.in); Key=value ones need no entry
    "NoNewPrivileges", "ProtectHome", "PrivateTmp", "PrivateDevices",
    # libFuzzer's and the sanitizers' own names (docs/security.md, "Fuzzing")
    "LeakSanitizer", "InputCorpus", "AddRareFeature", "CollectFeatures",
}

# Names that look like files and are not.
NOT_PATHS = {"Node.js"}
# The layout inside a course export zip (docs/rest.md, "Export"), not files of the tree.
NOT_PATHS |= {"notes/", "channels/", "files/", "notes/NOTE.md", "notes/NOTE@VERSION.md", "notes/NOTE.versions.json",
              "channels/CHANNEL.html", "channels/NAME.html", "channels/*.html"}

# Our programs whose --help lists their options, and the file that declares them: a program the
# build does not have (collab-desktop in a server-only build) is checked against the string
# literals of that file instead, which may let a typo through but never fails a right option.
PROGRAMS = {"collab-server": "server/config/servercommandline.cpp", "collab-cli": "app/cli/clioptions.cpp",
            "collab-desktop": "app/desktop/desktopoptions.cpp", "collab-bench": "bench/load/benchoptions.cpp",
            "collab-bench-transport": "bench/transport/main.cpp",
            "collab-bench-resilience": "bench/resilience/main.cpp",
            "collab-bench-note-stall": "bench/notestall/main.cpp",
            "collab-bench-search": "bench/search/main.cpp",
            "collab-bench-note-history": "bench/notehistory/main.cpp",
            "collab-bench-lecture": "bench/lecture/main.cpp",
            "collab-bench-richtext": "bench/richtext/main.cpp"}
# Our scripts with options (argparse: --help lists them), by the name the docs use.
SCRIPTS = {"results-table.py": "bench/results-table.py", "check-docs.py": "scripts/check-docs.py"}
# Other commands the docs and comments show: the options after one of these are theirs, unchecked.
# (collab-bench-crdt reads its few arguments by hand and has no --help.)
TOOLS = ["collab-bench-crdt", "cmake", "ctest", "ninja", "make", "git", "perf", "strace", "gdb", "chrt", "taskset",
         "nice", "prlimit", "redis-server", "redis-cli", "wrk", "curl", "npm", "node", "python3", "cpack", "apt",
         "apt-get", "dpkg", "dpkg-deb", "adduser", "useradd", "systemctl", "journalctl", "openssl", "valgrind",
         "sudo", "xvfb-run", "Xvfb", "docker", "vmstat", "ulimit", "sysctl", "ss", "ps"]

PATH_EXT = ("cpp|h|md|sh|py|cmake|txt|json|lua|js|mjs|dict|service|png|jpg|yml|yaml|conf|qrc|gz")
# A path token: optional directories, a file name with one of PATH_EXT, or directories ending in '/'.
PATH_RE = re.compile(
    r"(?<![\w/.\-~$@:*])"
    r"((?:[\w.\-*{},]+/)*[\w.\-*{},]*\.(?:" + PATH_EXT + r")|(?:[\w.\-]+/)+)"
    r"(?![\w\-/(]|\.\w)")
# Bare names (no directory) are only checked for these: a bare "x.json" or "x.db" is usually a
# file the server writes at run time (demo-config.json), not one of the tree.
BARE_EXT = (".cpp", ".h", ".md", ".sh", ".py", ".cmake", ".lua", ".js", ".mjs", ".dict", ".service")
CAMEL_RE = re.compile(r"(?<![\w$])((?!Qt)[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]*)+)(?:::(~?\w+))?(?![\w$])")
FLAG_RE = re.compile(r"(?<![\w\-/=.])--([a-z0-9][a-z0-9\-]*)(\*?)")
PROGRAM_RE = re.compile(r"(?<![\w\-.])(" + "|".join(sorted((re.escape(p) for p in list(PROGRAMS) + list(SCRIPTS) + TOOLS), key=len,
                                                          reverse=True)) + r")(?![\w\-.])")
SEPARATOR_RE = re.compile(r"\|\||&&|[|;&]|\$\(|`")
URL_RE = re.compile(r"\b(?:https?|wss?|redis|file)://\S+")
IDENT_RE = re.compile(r"[A-Za-z_]\w*")
MEMBER_RE = re.compile(r"(?<![\w$:])((?!Q[A-Z]|Qt|std\b)[A-Z]\w*)::(~?[A-Za-z_]\w*)")


def tree_files(root):
    """Every file of the tree: the sources, not build directories, .git or installed npm packages."""
    out = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if d not in SKIP_DIRS and not d.startswith("build")]
        out += [os.path.join(dirpath, f) for f in filenames]
    return sorted(out)


def strip_cpp(text):
    """C++/JS source without comments and string literals (newlines kept)."""
    out = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("//", i):
            j = text.find("\n", i)
            i = n if j < 0 else j
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append("\n" * text.count("\n", i, j))
            i = j
        elif c == 'R' and text.startswith('R"', i):
            m = re.match(r'R"([^(\s]*)\(', text[i:])
            if not m:
                out.append(c)
                i += 1
                continue
            end = text.find(")" + m.group(1) + '"', i)
            j = n if end < 0 else end + len(m.group(1)) + 2
            out.append("\n" * text.count("\n", i, j))
            i = j
        elif c in "\"'`":
            j = i + 1
            while j < n and text[j] != c and text[j] != "\n":
                j += 2 if text[j] == "\\" else 1
            i = j + 1
            out.append(" ")
        else:
            out.append(c)
            i += 1
    return "".join(out)


def python_names(path):
    """The names of a Python file's code (not its strings or comments)."""
    with open(path, "rb") as fh:
        try:
            return {t.string for t in tokenize.tokenize(fh.readline) if t.type == tokenize.NAME}
        except (tokenize.TokenError, SyntaxError):
            return set()


def comments(path, text):
    """(line number, comment text) of a source file."""
    kind = COMMENT_EXT.get(os.path.splitext(path)[1])
    if os.path.basename(path) == "CMakeLists.txt":
        kind = "hash"
    if kind is None:
        return
    if kind == "hash":
        for number, line in enumerate(text.split("\n"), 1):
            m = re.search(r"(?:^|\s)#(?!!)(.*)$", line)
            if m and not re.match(r"\s*(include|define|if|endif|pragma)\b", m.group(1)):
                yield number, m.group(1)
        return
    i, n, line = 0, len(text), 1
    while i < n:
        c = text[i]
        if c == "\n":
            line += 1
            i += 1
        elif text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            yield line, text[i + 2:j]
            i = j
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j
            for k, part in enumerate(text[i + 2:j].split("\n")):
                yield line + k, part
            line += text.count("\n", i, j)
            i = j + 2
        elif c == 'R' and text.startswith('R"', i):
            m = re.match(r'R"([^(\s]*)\(', text[i:])
            end = text.find(")" + m.group(1) + '"', i) if m else -1
            j = i + 1 if not m else (n if end < 0 else end + len(m.group(1)) + 2)
            line += text.count("\n", i, j)
            i = j
        elif c in "\"'`":
            j = i + 1
            while j < n and text[j] != c and text[j] != "\n":
                j += 2 if text[j] == "\\" else 1
            i = j + 1
        else:
            i += 1


def program_flags(root, build_dir):
    """{program: set of its long options}, from each built program's (and script's) --help."""
    flags = {}
    if not build_dir:
        return flags
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    commands = {}
    for program, source in PROGRAMS.items():
        exe = next((e for e in (os.path.join(build_dir, d, program) for d in ("bin", "bench"))
                    if os.access(e, os.X_OK)), None)
        if exe:
            commands[program] = [exe]
        elif os.path.isfile(os.path.join(root, source)):
            with open(os.path.join(root, source), encoding="utf-8") as fh:
                flags[program] = set(re.findall(r'"([a-z][a-z0-9\-]*)"', fh.read())) | {"help", "version"}
            print(f"check-docs: {program} is not built: its options are read from {source}")
    for script, path in SCRIPTS.items():
        if os.path.isfile(os.path.join(root, path)):
            commands[script] = [sys.executable, os.path.join(root, path)]
    for program, command in commands.items():
        exe = " ".join(command)
        try:
            run = subprocess.run(command + ["--help"], capture_output=True, text=True, timeout=30, env=env)
        except (OSError, subprocess.TimeoutExpired) as e:
            sys.exit(f"check-docs: {exe} --help: {e}")
        found = set(re.findall(r"^\s+(?:-\w,\s+)?--([a-z0-9][a-z0-9\-]*)", run.stdout + run.stderr, re.M))
        found |= set(re.findall(r"^\s+(?:-\w(?: \w+)?,\s+)?--([a-z0-9][a-z0-9\-]*)", run.stdout, re.M))
        if not found:
            sys.exit(f"check-docs: {exe} --help lists no option")
        flags[program] = found
    return flags


class Checker:
    def __init__(self, root, build_dir):
        self.root = os.path.realpath(root)
        self.files = tree_files(self.root)
        self.rel_files = {os.path.relpath(f, self.root) for f in self.files}
        self.rel_dirs = set()
        for f in self.rel_files:
            d = os.path.dirname(f)
            while d:
                self.rel_dirs.add(d)
                d = os.path.dirname(d)
        self.basenames = {os.path.basename(f) for f in self.rel_files}
        self.identifiers = set()
        self.literal_flags = set()  # options in the code's string literals: passed to a child or a tool
        self.scanned = [f for f in self.files
                        if not os.path.relpath(f, self.root).startswith(DATA_DIRS)
                        and os.path.relpath(f, self.root).split(os.sep)[0] in CODE_DIRS + ["CMakeLists.txt"]]
        for f in self.scanned:
            if f.endswith(CPP_EXT + (".js", ".mjs")):
                with open(f, encoding="utf-8", errors="replace") as fh:
                    text = fh.read()
                self.identifiers.update(IDENT_RE.findall(strip_cpp(text)))
                self.literal_flags.update(re.findall(r'"--([a-z0-9][a-z0-9\-]*)"', text))
            elif f.endswith(".py"):
                self.identifiers.update(python_names(f))
        self.system_paths = None
        self.flags = program_flags(self.root, build_dir)
        self.all_flags = set().union(*self.flags.values()) if self.flags else set()
        self.problems = []

    # --- paths ---------------------------------------------------------------------------------
    def system_has(self, path):
        if self.system_paths is None:
            self.system_paths = set()
            for dirpath, _, filenames in os.walk("/usr/include"):
                for name in filenames:
                    self.system_paths.add(os.path.relpath(os.path.join(dirpath, name), "/usr/include"))
        return any(p == path or p.endswith("/" + path) for p in self.system_paths)

    def expand(self, token):
        m = re.search(r"\{([^{}]*)\}", token)
        if not m:
            return [token]
        return [x for alt in m.group(1).split(",") for x in self.expand(token[:m.start()] + alt + token[m.end():])]

    def path_exists(self, token, naming_file):
        is_dir = token.endswith("/")
        token = token.rstrip("/")
        if not token or token in (".", ".."):
            return True
        here = os.path.relpath(os.path.dirname(naming_file), self.root)
        candidates = [token, os.path.normpath(os.path.join(here, token))]
        pool = self.rel_dirs if is_dir else self.rel_files | self.rel_dirs
        pattern = re.compile(re.escape(token).replace(r"\*", r"[^/]*") + r"$")
        for c in candidates:
            if ("*" in c and any(pattern.fullmatch(p) for p in pool)) or c in pool or c + ".in" in pool:
                return True
        if "/" not in token and not is_dir:
            return token in self.basenames or ("*" in token and any(pattern.match(b) for b in self.basenames))
        if any(p.endswith("/" + token) or ("*" in token and re.search("/" + pattern.pattern, p)) for p in pool):
            return True
        return not is_dir and self.system_has(token)

    def check_paths(self, where, line, text):
        for m in PATH_RE.finditer(URL_RE.sub(" ", text)):
            token = m.group(1).rstrip(".,")
            if not token.endswith("/") and ("." not in os.path.basename(token) or token.startswith(".")):
                continue  # no extension, or only one (".cpp": "the .cpp beside it")
            first = token.split("/")[0]
            # Placeholders (DIR/, DATA/, FILE.pem), build and temporary directories, home dirs.
            if (first.isupper() or first.startswith(("build", "tmp", "~", ".local", "<")) or first[:1].isdigit()
                    or "foo" in token
                    or (re.fullmatch(r"[A-Z][A-Z0-9_\-]*(\.\w+)?", os.path.basename(token))
                        and not token.endswith(BARE_EXT))  # FILE, CA.pem: placeholders; README.md is not
                    or "…" in token or "..." in token):
                continue
            if "/" not in token.rstrip("/") and not token.endswith("/") and not token.endswith(BARE_EXT):
                continue
            if token in NOT_PATHS:
                continue
            if token.endswith("/") and token.count("/") == 1 and not re.search(r"[`\w]", text[m.end():m.end() + 1] or " "):
                # "server/" or "docs/" alone: a directory of the tree
                pass
            if not all(self.path_exists(t, where) for t in self.expand(token)):
                self.report(where, line, f"no such file or directory: {token}")

    # --- classes -------------------------------------------------------------------------------
    def check_classes(self, where, line, text):
        text = URL_RE.sub(" ", text)
        text = PATH_RE.sub(" ", text)
        for m in MEMBER_RE.finditer(text):  # a member, also of a one-word class (Hub::post)
            name, member = m.group(1), m.group(2).lstrip("~")
            if CAMEL_RE.fullmatch(m.group(0)) or name in NOT_CLASSES:
                continue  # two-hump classes: below
            if name not in self.identifiers or member not in self.identifiers:
                self.report(where, line, f"no {name}::{member} in the code")
        for m in CAMEL_RE.finditer(text):
            name, member = m.group(1), m.group(2)
            if name in NOT_CLASSES or text[m.end():m.end() + 1] == "=":  # Key=value: a setting, not a class
                continue
            singular = re.sub(r"(?<=[a-z])(es|s)$", "", name)
            if name not in self.identifiers and singular not in self.identifiers and name[:-1] not in self.identifiers:
                self.report(where, line, f"no class or identifier {name} in the code")
            elif member and member.lstrip("~") not in self.identifiers:
                self.report(where, line, f"no {name}::{member} in the code")

    def check_cpp_block_line(self, where, line, text):
        code = re.sub(r"//.*", "", text)
        for ident in IDENT_RE.findall(code):
            if ident not in self.identifiers:
                self.report(where, line, f"```cpp block: {ident} is not in the code")

    # --- options -------------------------------------------------------------------------------
    def check_flags(self, where, line, text, code):
        """CODE: TEXT is one command (a code-block line or a code span): a program's name there
        owns the options after it, up to a separator."""
        text = URL_RE.sub(" ", text)
        owner_at = []
        if code:
            for m in PROGRAM_RE.finditer(text):
                owner_at.append((m.end(), m.group(1)))
            for m in SEPARATOR_RE.finditer(text):
                owner_at.append((m.end(), None))
            owner_at.sort()
        for m in FLAG_RE.finditer(text):
            flag, wildcard = m.group(1), m.group(2)
            owner = None
            for at, program in owner_at:
                if at <= m.start():
                    owner = program
            if owner in TOOLS:
                continue
            if owner and owner in self.flags:
                known = self.flags[owner]
                ok = any(f.startswith(flag) for f in known) if wildcard else flag in known
                if not ok:
                    self.report(where, line, f"{owner} has no option --{flag}{wildcard}")
            elif owner is None or owner not in self.flags:
                if owner is not None and owner not in self.flags:
                    continue  # that program is not built here: nothing to compare with
                known = self.all_flags | self.literal_flags
                ok = any(f.startswith(flag) for f in known) if wildcard else flag in known
                if self.flags and not ok:
                    self.report(where, line, f"no program of ours (nor a known tool) has the option --{flag}{wildcard}")

    # --- files ---------------------------------------------------------------------------------
    def check_markdown(self, path):
        with open(path, encoding="utf-8") as fh:
            lines = fh.read().split("\n")
        fence = None
        pending = ""
        paragraph = []
        example = False
        for number, raw in enumerate(lines, 1):
            # A worked example names what is not in the tree yet, on purpose: between
            # <!-- check-docs: example --> and <!-- check-docs: end of example --> nothing is checked.
            if "<!-- check-docs: example -->" in raw:
                example = True
            if "<!-- check-docs: end of example -->" in raw:
                example = False
            if example:
                continue
            # ~~name~~: struck through, a name that is gone (history); not checked.
            raw = re.sub(r"~~.+?~~", " ", raw)
            stripped = raw.strip()
            if stripped.startswith("```"):
                fence = None if fence is not None else (stripped[3:].strip() or "text")
                continue
            indented = fence is None and raw.startswith("    ") and not raw.lstrip().startswith(("-", "*", "|"))
            self.check_paths(path, number, raw)
            if fence == "cpp":
                self.check_cpp_block_line(path, number, raw)
                continue
            self.check_classes(path, number, raw)
            if fence is not None or indented:
                command = pending + raw
                if raw.rstrip().endswith("\\"):
                    pending = command.rstrip()[:-1] + " "
                    continue
                pending = ""
                self.check_flags(path, number, command, True)
            else:
                paragraph.append((number, raw))
                if not stripped:
                    self.check_prose_flags(path, paragraph)
                    paragraph = []
        self.check_prose_flags(path, paragraph)

    def check_prose_flags(self, path, paragraph):
        """Options in a paragraph of prose: a `code span` (which may go over a line break) is one
        command; the rest is prose."""
        if not paragraph:
            return
        text = "\n".join(raw for _, raw in paragraph)
        starts = []
        at = 0
        for number, raw in paragraph:
            starts.append((at, number))
            at += len(raw) + 1

        def line_of(offset):
            return max(n for start, n in starts if start <= offset)
        for m in re.finditer(r"`([^`]+)`", text):
            self.check_flags(path, line_of(m.start()), m.group(1).replace("\n", " "), True)
        prose = re.sub(r"`[^`]+`", lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)
        for number, part in zip((n for n, _ in paragraph), prose.split("\n")):
            self.check_flags(path, number, part, False)

    def check_source(self, path):
        with open(path, encoding="utf-8", errors="replace") as fh:
            text = fh.read()
        for number, comment in comments(path, text):
            comment = re.sub(r"~~.+?~~", " ", comment)
            self.check_paths(path, number, comment)
            self.check_classes(path, number, comment)
            for span in re.findall(r"`([^`]+)`", comment):
                self.check_flags(path, number, span, True)
            self.check_flags(path, number, re.sub(r"`[^`]+`", " ", comment), True)

    RESULTS = re.compile(r"<!-- results-table:begin.*?<!-- results-table:end -->", re.S)

    def check_results_table(self):
        """docs/benchmarks.md's current table, quoted word for word by the README."""
        tables = {}
        for doc in ("docs/benchmarks.md", "README.md"):
            path = os.path.join(self.root, doc)
            if not os.path.isfile(path):
                return
            with open(path, encoding="utf-8") as fh:
                text = fh.read()
            found = self.RESULTS.findall(text)
            if len(found) != 1:
                self.report(path, 1, f"{len(found)} current results tables (results-table markers); want exactly one")
                return
            tables[doc] = (found[0], text[:text.index(found[0])].count("\n") + 1)
        table, line = tables["docs/benchmarks.md"]
        if not re.search(r"^\| \d", table, re.M):
            self.report(os.path.join(self.root, "docs/benchmarks.md"), line, "the current results table has no rows")
        if tables["README.md"][0] != table:
            self.report(os.path.join(self.root, "README.md"), tables["README.md"][1],
                        "the results table differs from docs/benchmarks.md's (bench/results-table.py --write writes both)")

    def report(self, path, line, what):
        self.problems.append(f"{os.path.relpath(path, self.root)}:{line}: {what}")

    def run(self):
        docs = [os.path.join(self.root, "README.md")]
        docs_dir = os.path.join(self.root, "docs")
        if os.path.isdir(docs_dir):
            docs += sorted(os.path.join(docs_dir, f) for f in os.listdir(docs_dir) if f.endswith(".md"))
        for d in docs:
            if os.path.isfile(d):
                self.check_markdown(d)
        self.check_results_table()
        for f in self.scanned:
            if os.path.splitext(f)[1] in COMMENT_EXT or os.path.basename(f) == "CMakeLists.txt":
                self.check_source(f)
        return self.problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0], allow_abbrev=False)
    parser.add_argument("--root", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    parser.add_argument("--build", help="the build directory: options are read from each program's --help "
                                         "(without it, options are not checked)")
    args = parser.parse_args()
    checker = Checker(args.root, args.build)
    problems = checker.run()
    for p in problems:
        print(p)
    print(f"check-docs: {len(problems)} problem(s) in the docs and comments")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
