#!/usr/bin/env bash
# Makes the desktop screenshots in docs/images/ from a build directory, under Xvfb:
#   desktop.png        one collab-desktop window (a classmate) in the demo course, the host typing
#                      in the shared notes, two more of the classmate's courses (on a second server,
#                      collab-server) in the course sidebar with unread and mention badges
#   two-instances.png  the whole screen: the hosting instance (left) and a second instance (right)
#                      editing the same note at the same time
#   desktop-dark.png   another classmate's window at 800x600 in a dark theme (GTK's Adwaita:dark
#                      through Qt's gtk3 platform theme, package qt6-gtk-platformtheme), also with
#                      three courses
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
server="$build/bin/collab-server"
work="$(mktemp -d)"
host_pid=""
more_pid=""
cleanup() {
  if [ -n "$host_pid" ]; then kill "$host_pid" 2>/dev/null || true; wait "$host_pid" 2>/dev/null || true; fi
  if [ -n "$more_pid" ]; then kill "$more_pid" 2>/dev/null || true; wait "$more_pid" 2>/dev/null || true; fi
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

# 2b. A second server (collab-server) with two more courses the classmates take: their windows
#     open them beside the hosted course (from the settings file, as the app reopens the courses of
#     the last run), and classmates write there meanwhile (unread and mention badges).
cat >"$work/more.json" <<'JSON'
{"courses": [
  {"id": "MATH221", "title": "Linear Algebra", "joinCode": "eigen-basis-7",
   "instructors": [{"user": "dr.okafor", "secret": "a-long-random-secret-1"}],
   "channels": ["general", "problem-sets"], "notes": ["lecture-notes"]},
  {"id": "PHYS210", "title": "Waves and Optics", "joinCode": "snell-law-3",
   "instructors": [{"user": "prof.ito", "secret": "a-long-random-secret-2"}],
   "channels": ["general", "labs"], "notes": ["lab-manual"]}]}
JSON
"$server" --listen 127.0.0.1:0 --data "$work/more-data" --config "$work/more.json" >"$work/more.log" 2>&1 &
more_pid=$!
for _ in $(seq 100); do
  grep -q 'server listening on http' "$work/more.log" && break
  sleep 0.1
done
more_port="$(grep -m1 -oE 'listening on http://127\.0\.0\.1:[0-9]+' "$work/more.log" | sed -E 's/.*://')" || { cat "$work/more.log"; exit 1; }
more_url="ws://127.0.0.1:$more_port/ws"
# The courses a window had open at its last exit (its settings file, [openCourses]).
courses_of() {
  printf '[openCourses]\n1\\server=%s\n1\\user=%s\n1\\course=MATH221\n1\\joinCode=eigen-basis-7\n' "$more_url" "$1"
  printf '2\\server=%s\n2\\user=%s\n2\\course=PHYS210\n2\\joinCode=snell-law-3\nsize=2\n' "$more_url" "$1"
}
say_more() { COLLAB_JOIN_CODE="$2" "$cli" --server "$more_url" --course "$1" --username "$3" --channel "$4" --chat "$5" >/dev/null; }
# Written while the window is open (a course not shown counts them as unread).
chat_in_other_courses() {
  sleep 3
  say_more MATH221 eigen-basis-7 olga.ivanova general "Problem set 4 is posted, due Monday."
  say_more MATH221 eigen-basis-7 pat.nguyen general "@$1 can you share your eigenvector notes?"
  say_more MATH221 eigen-basis-7 pat.nguyen problem-sets "Is 4.3 asking for the basis or just the dimension?"
  say_more PHYS210 snell-law-3 quinn.lee labs "Lab 2 moved to room 114."
}

# 3. A classmate's window (full size), while the host types in the notes.
courses_of angie.nguyen >"$work/angie.ini"
chat_in_other_courses angie.nguyen &
${COLLAB_WRAP:-} "$desktop" --server "$url" --user angie.nguyen --course CECS327 --join-code "$code" --settings "$work/angie.ini" \
  --say "Yes! Study group in the library at 5pm, anyone?" --geometry 1280x800+0+0 --settle 6000 --screenshot "$here/desktop.png"
wait $! || true

# 4. Two instances side by side editing the same note: ben.ortiz (right) types while prof.lee
#    (left) still types; the whole screen is captured.
"$desktop" --server "$url" --user ben.ortiz --course CECS327 --join-code "$code" \
  --geometry 960x800+960+0 --type-interval 60 --type-note $'\n  - Q: can two events have equal Lamport times? (Ben)' \
  --settle 4000 --screenshot-screen "$here/two-instances.png"

# 5. The small screen in a dark theme, with three courses too.
courses_of carl.jones >"$work/carl.ini"
chat_in_other_courses carl.jones &
QT_QPA_PLATFORMTHEME=gtk3 GTK_THEME=Adwaita:dark "$desktop" --server "$url" --user carl.jones --course CECS327 \
  --join-code "$code" --settings "$work/carl.ini" --geometry 800x600+0+0 --settle 6000 --screenshot "$here/desktop-dark.png"
wait $! || true

ls -l "$here"/*.png
