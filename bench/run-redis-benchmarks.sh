#!/bin/sh
# One node vs two nodes through Redis, same load (docs/benchmarks.md, "Several nodes (Redis)").
# Each case starts a fresh redis-server (appendonly, temp dir) and fresh nodes, prints one JSON line.
#   BUILD=build-bench CONNECTIONS=1000 SENDERS=5 RATE=20 DURATION=20 bench/run-redis-benchmarks.sh
# WINDOW=64 (with RATE=0) measures throughput instead of a fixed rate.
set -eu
BUILD=${BUILD:-build-bench}
SERVER=$BUILD/bin/collab-server
BENCH=$BUILD/bin/collab-bench
CONNECTIONS=${CONNECTIONS:-1000}
SENDERS=${SENDERS:-5}
RATE=${RATE:-20}
WINDOW=${WINDOW:-0}
DURATION=${DURATION:-20}
CASES=${CASES:-"sqlite redis1 redis2"}
WORK=$(mktemp -d)
trap 'kill $(cat "$WORK"/*.pid 2>/dev/null) 2>/dev/null || true; rm -rf "$WORK"' EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
cat > "$WORK/config.json" <<'JSON'
{"courses": [{"id": "CECS327", "title": "Bench", "joinCode": "bench-code-1", "channels": ["general"]}],
 "apiKeys": [{"name": "bench", "key": "bench-key-123", "courses": ["CECS327"]}],
 "limits": {"chatPerSecond": 0, "maxConnectionsPerAddress": 0,
            "newNamesPerAddressPerMinute": 0, "newNamesPerCoursePerMinute": 0}}
JSON

start_node() { # name port [redis-url]
    mkdir -p "$WORK/$1"
    if [ -n "${3:-}" ]; then
        "$SERVER" --listen 127.0.0.1:"$2" --data "$WORK/$1" --config "$WORK/config.json" --redis "$3" >"$WORK/$1.log" 2>&1 &
    else
        "$SERVER" --listen 127.0.0.1:"$2" --data "$WORK/$1" --config "$WORK/config.json" >"$WORK/$1.log" 2>&1 &
    fi
    echo $! >"$WORK/$1.pid"
    for _ in $(seq 100); do grep -q "listening on" "$WORK/$1.log" && return 0; sleep 0.1; done
    echo "node $1 did not start:" >&2; cat "$WORK/$1.log" >&2; exit 1
}

stop_all() { kill $(cat "$WORK"/*.pid) 2>/dev/null || true; sleep 0.5; rm -f "$WORK"/*.pid; rm -rf "$WORK"/node* "$WORK"/redis; }

for case in $CASES; do
    REDIS=""
    if [ "$case" != sqlite ]; then
        RPORT=$(free_port); mkdir -p "$WORK/redis"
        redis-server --port "$RPORT" --bind 127.0.0.1 --appendonly yes --dir "$WORK/redis" --save "" \
            --daemonize no --logfile "$WORK/redis/log" &
        echo $! >"$WORK/redis.pid"
        for _ in $(seq 50); do redis-cli -p "$RPORT" ping >/dev/null 2>&1 && break; sleep 0.1; done
        REDIS=redis://127.0.0.1:$RPORT
    fi
    A=$(free_port); start_node nodeA "$A" "$REDIS"
    SECOND=""
    if [ "$case" = redis2 ]; then
        B=$(free_port); start_node nodeB "$B" "$REDIS"
        SECOND="--url2 ws://127.0.0.1:$B/ws"
    fi
    printf '%s: ' "$case"
    # shellcheck disable=SC2086
    "$BENCH" --url "ws://127.0.0.1:$A/ws" $SECOND --join-code bench-code-1 --connections "$CONNECTIONS" \
        --senders "$SENDERS" --rate "$RATE" --window "$WINDOW" --duration "$DURATION" --server-pid "$(cat "$WORK/nodeA.pid")"
    stop_all
done
