#!/usr/bin/env bash
# Builds the libFuzzer targets (build-fuzz: clang, coverage + ASan + UBSan on our libraries too) and
# runs each for SECONDS (default 20) on a copy of its seed corpus, so runs never grow the repository.
# fuzz_crdt fuzzes in a build without ASan (build-fuzz-fast: UBSan, libstdc++ and Qt assertions),
# ~4x the executions; then build-fuzz's ASan binary replays every input of its corpus, the new ones
# included, and its regressions (docs/security.md, "Fuzzing", says what each build catches).
# Exits non-zero on any crash, leak, undefined behaviour, timeout or broken property; the input that
# did it is kept in build-fuzz/artifacts/ (see docs/CONTRIBUTING.md, "Fuzzing", to turn it into a
# regression test).
#   tests/fuzz/run-fuzzers.sh [SECONDS]          environment: JOBS (default 2), FUZZ_TARGETS
set -euo pipefail

seconds=${1:-20}
root=$(cd "$(dirname "$0")/../.." && pwd)
build=$root/build-fuzz
fast=$root/build-fuzz-fast
jobs=${JOBS:-2}
# target:max_len[:dictionary] — inputs longer than the code under test can use only slow the search.
targets=${FUZZ_TARGETS:-"fuzz_protocol:4096:json.dict fuzz_rest_bodies:4096:json.dict fuzz_crdt:256 fuzz_ws_frames:4096 fuzz_http_parser:4096:http.dict"}
# Targets that fuzz in build-fuzz-fast (ASan replays their corpus afterwards), and their own
# libFuzzer options: the entropic schedule with a smaller set of rare features (libFuzzer's
# default keeps every feature seen fewer than 255 times, and scanned that set for each feature of
# each execution: 60% of fuzz_crdt's time without ASan).
fast_targets="fuzz_crdt"
fast_options=(-entropic_number_of_rarest_features=10 -entropic_feature_frequency_threshold=16)

started=$(date +%s)
configure() { # BUILD_DIR SANITIZERS
  cmake -S "$root" -B "$1" -G Ninja -DCMAKE_CXX_COMPILER=clang++ \
    -DCMAKE_BUILD_TYPE=Debug "-DCMAKE_CXX_FLAGS_DEBUG=-g1 -O1" -DCOLLAB_FUZZ_SANITIZERS="$2" \
    $(command -v ccache >/dev/null 2>&1 && echo -DCMAKE_CXX_COMPILER_LAUNCHER=ccache) \
    -DCOLLAB_FUZZ=ON -DCOLLAB_BUILD_CLIENTS=OFF -DCOLLAB_BUILD_DESKTOP=OFF -DBUILD_TESTING=OFF \
    -DCOLLAB_BUILD_BENCH=OFF >/dev/null
}
is_fast() { [[ " $fast_targets " == *" $1 "* ]]; }
configure "$build" address,undefined
# Only the targets that run: FUZZ_TARGETS=fuzz_protocol:4096 builds no collab_server.
cmake --build "$build" -j "$jobs" --target $(for spec in $targets; do printf '%s ' "${spec%%:*}"; done)
fast_build=$(for spec in $targets; do if is_fast "${spec%%:*}"; then printf '%s ' "${spec%%:*}"; fi; done)
if [ -n "$fast_build" ]; then
  configure "$fast" undefined
  cmake --build "$fast" -j "$jobs" --target $fast_build
fi
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
  binary=$build/fuzz/$target
  if is_fast "$target"; then
    binary=$fast/fuzz/$target
    options+=("${fast_options[@]}")
  fi
  # A fast target's corpus, grown and all, then goes through the ASan build once (-runs=0: load,
  # i.e. run every input, and stop).
  if "$binary" "${options[@]}" "${inputs[@]}" >"$log" 2>&1 \
     && { ! is_fast "$target" || "$build/fuzz/$target" -runs=0 -max_len="$maxlen" -timeout=10 -rss_limit_mb=2048 \
            -artifact_prefix="$build/artifacts/$target-" "${inputs[@]}" >>"$log" 2>&1; }; then
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
    printf 'fuzz: %-17s ok     %10s executions in %s s (%s/s), corpus %s -> %s inputs%s\n' "$target" "$runs" \
      "$seconds" "$rate" "$(ls "$root/tests/fuzz/corpus/$target" | wc -l)" "$(ls "$work/$target" | wc -l)" \
      "$(is_fast "$target" && echo ', all replayed with ASan')"
  else
    status=1
    printf 'fuzz: %-17s FAILED (log below; the input is in %s)\n' "$target" "$build/artifacts/"
    grep -v -E '^(#[0-9]+|\s+NEW_FUNC|"|INFO:)' "$log" | tail -60
  fi
done
echo "fuzz: done in $(($(date +%s) - started)) s"
exit $status
