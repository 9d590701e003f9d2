#!/usr/bin/env bash
# Builds the libFuzzer targets (build-fuzz: clang, coverage + ASan + UBSan on our libraries too) and
# runs each for SECONDS (default 20) on a copy of its seed corpus, so runs never grow the repository.
# Exits non-zero on any crash, leak, undefined behaviour, timeout or broken property; the input that
# did it is kept in build-fuzz/artifacts/ (see docs/CONTRIBUTING.md, "Fuzzing", to turn it into a
# regression test).
#   tests/fuzz/run-fuzzers.sh [SECONDS]          environment: JOBS (default 2), FUZZ_TARGETS
set -euo pipefail

seconds=${1:-20}
root=$(cd "$(dirname "$0")/../.." && pwd)
build=$root/build-fuzz
jobs=${JOBS:-2}
# target:max_len[:dictionary] — inputs longer than the code under test can use only slow the search.
targets=${FUZZ_TARGETS:-"fuzz_protocol:4096:json.dict fuzz_rest_bodies:4096:json.dict fuzz_crdt:256 fuzz_ws_frames:4096 fuzz_http_parser:4096:http.dict"}

started=$(date +%s)
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_CXX_COMPILER=clang++ \
  -DCMAKE_BUILD_TYPE=Debug "-DCMAKE_CXX_FLAGS_DEBUG=-g1 -O1" \
  -DCOLLAB_FUZZ=ON -DCOLLAB_BUILD_CLIENTS=OFF -DCOLLAB_BUILD_DESKTOP=OFF -DBUILD_TESTING=OFF \
  -DCOLLAB_BUILD_BENCH=OFF >/dev/null
# Only the targets that run: FUZZ_TARGETS=fuzz_protocol:4096 builds no collab_server.
cmake --build "$build" -j "$jobs" --target $(for spec in $targets; do printf '%s ' "${spec%%:*}"; done)
echo "fuzz: built in $(($(date +%s) - started)) s; running each target for ${seconds} s"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# A smaller quarantine than ASan's 256 MB: fuzz_crdt then runs ~1.5x faster in a quarter of the memory.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:quarantine_size_mb=64}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
status=0
for spec in $targets; do
  IFS=: read -r target maxlen dict <<<"$spec"
  options=(-max_total_time="$seconds" -max_len="$maxlen" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1
           -artifact_prefix="$build/artifacts/$target-")
  if [ -n "$dict" ]; then
    options+=(-dict="$root/tests/fuzz/$dict")
  fi
  cp -r "$root/tests/fuzz/corpus/$target" "$work/$target"
  inputs=("$work/$target")
  if [ -d "$root/tests/fuzz/regressions/$target" ]; then
    inputs+=("$root/tests/fuzz/regressions/$target")  # read, never written: new inputs go to the first
  fi
  mkdir -p "$build/artifacts"
  log=$work/$target.log
  if "$build/fuzz/$target" "${options[@]}" "${inputs[@]}" >"$log" 2>&1; then
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
    printf 'fuzz: %-17s ok     %10s executions in %s s (%s/s), corpus %s -> %s inputs\n' "$target" "$runs" \
      "$seconds" "$rate" "$(ls "$root/tests/fuzz/corpus/$target" | wc -l)" "$(ls "$work/$target" | wc -l)"
  else
    status=1
    printf 'fuzz: %-17s FAILED (log below; the input is in %s)\n' "$target" "$build/artifacts/"
    grep -v -E '^(#[0-9]+|\s+NEW_FUNC|"|INFO:)' "$log" | tail -60
  fi
done
echo "fuzz: done in $(($(date +%s) - started)) s"
exit $status
