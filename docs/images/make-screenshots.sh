#!/usr/bin/env bash
# Makes the desktop screenshots in docs/images/ from a build directory, under Xvfb:
#   desktop.png        one collab-desktop window (a classmate) in the demo course, the host typing
#                      in the shared notes
#   two-instances.png  the whole screen: the hosting instance (left) and a second instance (right)
#                      editing the same note at the same time
#   desktop-dark.png   another classmate's window at 800x600 in a dark theme (GTK's Adwaita:dark
#                      through Qt's gtk3 platform theme, package qt6-gtk-platformtheme)
# Usage: docs/images/make-screenshots.sh [BUILD_DIR]   (needs xvfb-run; run from anywhere)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
build="$(cd "${1:-$here/../../build}" && pwd)"

if [ -z "${COLLAB_SCREENSHOT_INNER:-}" ]; then
  export COLLAB_SCREENSHOT_INNER=1
  exec xvfb-run -a -s '-screen 0 1920x800x24' "$0" "$build"
fi

desktop="$build/bin/collab-desktop"
cli="$build/bin/collab-cli"
work="$(mktemp -d)"
host_pid=""
cleanup() {
  if [ -n "$host_pid" ]; then kill "$host_pid" 2>/dev/null || true; wait "$host_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
export XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/share" XDG_RUNTIME_DIR="$work/run"
mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"

# 1. The host: prof.lee hosts the demo course (left half of the screen), welcomes the class and,
#    a few seconds in, starts typing into the shared notes. (Names used by a desktop instance are
#    claimed by it; collab-cli below speaks for other classmates.)
"$desktop" --host-demo --local-only --port 0 --data "$work/data" --user prof.lee \
  --geometry 960x800+0+0 --type-delay 5000 --type-interval 110 \
  --say "Welcome to Distributed Systems! Lecture notes are in the shared notes." \
  --type-note $'\nWeek 3 \xe2\x80\x94 Consistency: linearizable, sequential, causal, eventual' \
  >"$work/host.log" 2>&1 &
host_pid=$!
# It prints "collab-desktop: hosting CECS327 at ws://127.0.0.1:PORT/ws (join code CODE)".
for _ in $(seq 100); do
  grep -q '^collab-desktop: hosting' "$work/host.log" && break
  sleep 0.1
done
line="$(grep -m1 '^collab-desktop: hosting' "$work/host.log")" || { cat "$work/host.log"; exit 1; }
url="$(sed -E 's/.* at ([^ ]+) .*/\1/' <<<"$line")"
code="$(sed -E 's/.*\(join code ([^)]+)\).*/\1/' <<<"$line")"
export COLLAB_JOIN_CODE="$code"
sleep 1 # the host's welcome comes first

# 2. Some history: classmates chat, the notes get an outline. (One collab-cli run per name: a
#    name is claimed by the first client that joins with it.)
say() { "$cli" --server "$url" --course CECS327 --username "$1" --channel "${3:-general}" --chat "$2" >/dev/null; }
note() { "$cli" --server "$url" --course CECS327 --username "$1" --edit insert_line --text "$2" >/dev/null; }
say cara.diaz "Is the Lamport clocks reading due before Thursday?"
say dan.kim "Chapters 3.1-3.3 I think. @angie.nguyen you took notes last week, right?"
say erin.wu "Quick question on vector clocks: do we compare entry-wise for happened-before?"
say farah.ali "Entry-wise <=, and at least one strictly less. Concurrent otherwise."
# Markdown, highlighted code and typeset math (issue 13).
say lee.chen $'Why is `x = x++` undefined? My test:\n```cpp\nint x = 1;\nx = x++; // unsequenced writes\nstd::cout << x << "\\n";\n```'
say prof.tan $'**Two unsequenced writes** to `x`. And for merge sort: $T(n) = 2T(n/2) + O(n)$, so\n$$T(n) = \\sum_{i=0}^{\\log_2 n} 2^i \\cdot \\frac{n}{2^i} = \\Theta(n \\log n)$$'
say gus.moreno "Homework 2: implement a vector clock and test it with three processes." homework
note hana.sato "# CECS327 class notes"
note ivan.petrov $'## Week 1 \xe2\x80\x94 Introduction'
note lars.holm "What makes a system distributed; failures are **partial**."
note jun.park $'## Week 2 \xe2\x80\x94 Time and clocks'
note mia.rossi $'- Lamport clocks: $a \\to b \\Rightarrow L(a) < L(b)$'
note noah.ende "- vector clocks, happened-before"
note kai.berg "  - vector clocks compare entry-wise; neither <= other means concurrent"

# 3. A classmate's window (full size), while the host types in the notes.
${COLLAB_WRAP:-} "$desktop" --server "$url" --user angie.nguyen --course CECS327 --join-code "$code" \
  --say "Yes! Study group in the library at 5pm, anyone?" --geometry 1280x800+0+0 --settle 6000 --screenshot "$here/desktop.png"

# 4. Two instances side by side editing the same note: ben.ortiz (right) types while prof.lee
#    (left) still types; the whole screen is captured.
"$desktop" --server "$url" --user ben.ortiz --course CECS327 --join-code "$code" \
  --geometry 960x800+960+0 --type-interval 60 --type-note $'\n  - Q: can two events have equal Lamport times? (Ben)' \
  --settle 4000 --screenshot-screen "$here/two-instances.png"

# 5. The small screen in a dark theme.
QT_QPA_PLATFORMTHEME=gtk3 GTK_THEME=Adwaita:dark "$desktop" --server "$url" --user carl.jones --course CECS327 \
  --join-code "$code" --geometry 800x600+0+0 --settle 4000 --screenshot "$here/desktop-dark.png"

ls -l "$here"/*.png
