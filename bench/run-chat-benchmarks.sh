#!/usr/bin/env bash
# Runs the four "Chat server (one node)" scenarios of docs/benchmarks.md, each against a fresh
# collab-server in a temporary data directory, and prints one JSON line per scenario.
#   bench/run-chat-benchmarks.sh [BUILD_DIR]        (default: build-bench, a Release build)
# Environment: DURATION (s, scenario 1, default 30), DURATION2 (s, scenario 2, default 10),
# IDLE (connections, scenario 3, default 19000), WRK_DURATION (s, default 10), PORT (default 18700),
# ONLY="1 3" to run a subset, CONNECTIONS1 (scenario 1's connections, default 1000),
# TRANSPORT=portable to run collab-server --transport portable (docs/transport.md), TARGET=reference to load the same-run reference server instead
# (bench/reference/chat-server.js: Node.js + ws, in memory) with the same generator and config.
# Needs wrk for scenario 4 and Node.js + ws for TARGET=reference (bench/install-bench-deps.sh).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BUILD="${1:-$ROOT/build-bench}"
SERVER="$BUILD/bin/collab-server"
BENCH="$BUILD/bin/collab-bench"
PORT="${PORT:-18700}"
ONLY="${ONLY:-1 2 3 4}"
TARGET="${TARGET:-collab}"
REFERENCE="$ROOT/bench/reference/chat-server.js"
case "$TARGET" in
collab) ;;
reference)
  [ -d "$ROOT/bench/reference/node_modules/ws" ] && command -v node >/dev/null \
    || { echo "TARGET=reference needs Node.js and ws: bench/install-bench-deps.sh" >&2; exit 2; } ;;
*) echo "TARGET must be collab or reference, not '$TARGET'" >&2; exit 2 ;;
esac
for f in "$SERVER" "$BENCH"; do
  [ -x "$f" ] || { echo "missing $f: cmake -S . -B build-bench -G Ninja -DCMAKE_BUILD_TYPE=Release -DCOLLAB_BUILD_DESKTOP=OFF -DBUILD_TESTING=OFF && ninja -C build-bench collab-server collab-bench" >&2; exit 2; }
done

WORK="$(mktemp -d /tmp/collab-bench.XXXXXX)"
SERVER_PID=""
stop_server() {
  if [ -n "$SERVER_PID" ]; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
    SERVER_PID=""
  fi
}
trap 'stop_server; rm -rf "$WORK"' EXIT

# Starts a fresh server on $PORT with its own data dir; sets SERVER_PID and DATA.
start_server() {
  PORT=$((PORT + 1))
  DATA="$WORK/data-$PORT"
  mkdir -p "$DATA"
  # The demo setup, with the rate and per-address limits off: the load is the point here.
  cat >"$DATA/demo-config.json" <<'JSON'
{"courses": [{"id": "CECS327", "title": "Benchmark", "joinCode": "bench-join-1",
              "channels": ["general", "homework"], "notes": ["class-notes"]}],
 "apiKeys": [{"name": "bench", "key": "bench-key-0123456789", "courses": ["CECS327"]}],
 "limits": {"chatPerSecond": 0, "requestsPerSecond": 0, "restPerSecond": 0, "maxConnectionsPerAddress": 0,
            "newNamesPerAddressPerMinute": 0, "newNamesPerCoursePerMinute": 0}}
JSON
  if [ "$TARGET" = reference ]; then
    node "$REFERENCE" --listen "127.0.0.1:$PORT" --data "$DATA" >"$DATA/server.log" 2>&1 &
  else
    "$SERVER" --listen "127.0.0.1:$PORT" --data "$DATA" ${TRANSPORT:+--transport "$TRANSPORT"} >"$DATA/server.log" 2>&1 &
  fi
  SERVER_PID=$!
  for _ in $(seq 100); do
    [ -s "$DATA/demo-config.json" ] && grep -qs "listening on" "$DATA/server.log" && return 0
    sleep 0.1
  done
  echo "$TARGET server did not start: $(cat "$DATA/server.log")" >&2
  exit 1
}

echo "# $(date -u +%FT%TZ) $TARGET ${TRANSPORT:-engine}, $(nproc) cores, load:$(uptime | sed 's/.*load average://')" >&2
URL() { echo "ws://127.0.0.1:$PORT/ws"; }
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; } # utime + stime
# utime + stime of the main (hub) thread of $1: other threads may carry the process's name too
hub_ticks() { awk '{ print $14 + $15 }' "/proc/$1/task/$1/stat"; }
# utime + stime of one thread of $1 by name (the name has no spaces): collab-http, collab-ckpt
thread_ticks() {
  for t in /proc/"$1"/task/*; do
    [ "$(cat "$t/comm")" = "$2" ] && awk '{ print $14 + $15 }' "$t/stat" && return
  done
  echo 0
}

for s in $ONLY; do
  start_server
  case "$s" in
  1) # 1,000 connections, 5 senders × 20 msg/s = 100k deliveries/s
    "$BENCH" --url "$(URL)" --data "$DATA" --connections "${CONNECTIONS1:-1000}" --senders 5 --rate 20 \
      --duration "${DURATION:-30}" --server-pid "$SERVER_PID" || echo '{"scenario":1,"failed":true}' ;;
  2) # 100 connections, 1 sender with 64 unacked sends in flight
    "$BENCH" --url "$(URL)" --data "$DATA" --connections 100 --senders 1 --window 64 \
      --duration "${DURATION2:-10}" --server-pid "$SERVER_PID" || echo '{"scenario":2,"failed":true}' ;;
  3) # idle connections: accept time and RSS per connection
    "$BENCH" --url "$(URL)" --connect-only --connections "${IDLE:-19000}" --server-pid "$SERVER_PID" \
      || echo '{"scenario":3,"failed":true}' ;;
  4) # REST: durable posts with 50 connections
    command -v wrk >/dev/null || { echo "wrk missing: bench/install-bench-deps.sh" >&2; stop_server; continue; }
    KEY="$(sed -n 's/.*"key": *"\([^"]*\)".*/\1/p' "$DATA/demo-config.json" | head -1)"
    pct() { awk -v a="$1" -v b="$2" -v t0="$t0" -v t1="$t1" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.1f", 100 * (b - a) / hz / (t1 - t0) }'; }
    before=$(cpu_ticks "$SERVER_PID"); hub0=$(hub_ticks "$SERVER_PID"); http0=$(thread_ticks "$SERVER_PID" collab-http); ckpt0=$(thread_ticks "$SERVER_PID" collab-ckpt)
    t0=$(date +%s.%N)
    line=$(wrk -t2 -c50 -d"${WRK_DURATION:-10}s" -s "$ROOT/bench/rest-post.lua" "http://127.0.0.1:$PORT" -- "$KEY" | tail -1)
    after=$(cpu_ticks "$SERVER_PID"); hub1=$(hub_ticks "$SERVER_PID"); http1=$(thread_ticks "$SERVER_PID" collab-http); ckpt1=$(thread_ticks "$SERVER_PID" collab-ckpt)
    t1=$(date +%s.%N)
    # The hub thread (main), the REST thread (HTTP parsing and writing) and the WAL checkpointer
    # separately, in % of a core (collab-server's threads; the reference has its own).
    threads=""
    if [ "$TARGET" = collab ]; then threads=",\"hub_thread_cpu_pct\":$(pct "$hub0" "$hub1"),\"http_thread_cpu_pct\":$(pct "$http0" "$http1"),\"checkpoint_thread_cpu_pct\":$(pct "$ckpt0" "$ckpt1")"; fi
    echo "${line%\}},\"server_cpu_pct\":$(pct "$before" "$after")$threads}"
    if [ "$TARGET" = collab ]; then
      curl -s "http://127.0.0.1:$PORT/metrics" | grep '^collab_messages_posted_total' >&2 || true
    fi ;;
  esac
  stop_server
done
