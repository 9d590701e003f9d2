#!/usr/bin/env python3
"""Fails when a source file of a portable target uses Linux-only code (COLLAB_PORTABLE).

Usage: check-portable-sources.py LISTFILE   (one source or header path per line)

Refused anywhere in those files:
  - Linux-only headers: sys/epoll.h, sys/signalfd.h, sys/eventfd.h, sys/timerfd.h, sys/inotify.h,
    sys/sendfile.h, sys/prctl.h, liburing.h, linux/*, malloc.h;
  - Linux-only calls: epoll_*, io_uring_*, signalfd, eventfd, timerfd_*, pipe2, accept4, inotify_*;
  - paths under /proc.
POSIX-only headers (unistd.h, fcntl.h, dirent.h, sys/*.h, netinet/*, arpa/*, poll.h, pwd.h, termios.h)
are allowed only inside a conditional naming Q_OS_UNIX (or in the #else branch of one naming
Q_OS_WIN): macOS has them, Windows needs the other branch. The local headers a file includes
("...") are checked too when they are in the list.
"""
import re
import sys

LINUX_HEADERS = re.compile(r'#\s*include\s*<(sys/(epoll|signalfd|eventfd|timerfd|inotify|sendfile|prctl)\.h|liburing\.h|linux/[^>]+|malloc\.h)>')
POSIX_HEADERS = re.compile(r'#\s*include\s*<(unistd\.h|fcntl\.h|dirent\.h|sys/[^>]+|netinet/[^>]+|arpa/[^>]+|poll\.h|pwd\.h|termios\.h)>')
LINUX_CALLS = re.compile(r'\b(epoll_\w+|io_uring_\w+|signalfd|eventfd|timerfd_\w+|pipe2|accept4|inotify_\w+)\s*\(')
PROC_PATH = re.compile(r'"/proc/')


def strip_comments(line, in_block):
    out = ''
    i = 0
    while i < len(line):
        if in_block:
            end = line.find('*/', i)
            if end < 0:
                return out, True
            i = end + 2
            in_block = False
        elif line.startswith('//', i):
            break
        elif line.startswith('/*', i):
            in_block = True
            i += 2
        else:
            out += line[i]
            i += 1
    return out, in_block


def unix_guarded(stack):
    for condition, in_else in stack:
        if 'Q_OS_UNIX' in condition and not in_else and not condition.lstrip().startswith('ifndef'):
            return True
        if 'Q_OS_UNIX' in condition and condition.lstrip().startswith('ifndef') and in_else:
            return True
        if 'Q_OS_WIN' in condition and in_else:
            return True
    return False


def check(path):
    problems = []
    stack = []
    in_block = False
    try:
        lines = open(path, encoding='utf-8', errors='replace').read().splitlines()
    except OSError as e:
        return [f'{path}: cannot read: {e}']
    for number, raw in enumerate(lines, 1):
        line, in_block = strip_comments(raw, in_block)
        directive = re.match(r'\s*#\s*(\w+)(.*)', line)
        if directive:
            word, rest = directive.group(1), directive.group(2)
            if word in ('if', 'ifdef', 'ifndef'):
                stack.append((word + rest, False))
            elif word == 'elif' and stack:
                stack[-1] = ('if' + rest, False)
            elif word == 'else' and stack:
                stack[-1] = (stack[-1][0], True)
            elif word == 'endif' and stack:
                stack.pop()
        where = f'{path}:{number}'
        if LINUX_HEADERS.search(line):
            problems.append(f'{where}: Linux-only header in a portable target: {raw.strip()}')
        elif POSIX_HEADERS.search(line) and not unix_guarded(stack):
            problems.append(f'{where}: POSIX-only header outside #ifdef Q_OS_UNIX in a portable target: {raw.strip()}')
        if LINUX_CALLS.search(line):
            problems.append(f'{where}: Linux-only call in a portable target: {raw.strip()}')
        if PROC_PATH.search(line):
            problems.append(f'{where}: /proc is Linux-only: {raw.strip()}')
    return problems


def main():
    files = [f.strip() for f in open(sys.argv[1]).read().split(';' if ';' in open(sys.argv[1]).read() else '\n') if f.strip()]
    files = sorted(set(f for f in files if re.search(r'\.(c|cc|cpp|h|hpp)$', f)))
    problems = []
    for f in files:
        problems += check(f)
    if problems:
        print('\n'.join(problems))
        print(f'check-portable-sources: {len(problems)} problem(s) in the portable targets (docs/packaging.md)')
        return 1
    print(f'check-portable-sources: {len(files)} files of the portable targets, no Linux-only code')
    return 0


if __name__ == '__main__':
    sys.exit(main())
