#!/usr/bin/env bash
# The test of scripts/check-docs.py: on a copy of the tree it passes; with drift planted in the
# copy (a missing file, class, member or option in a doc, in the README, in a source comment; a
# stale signature in a ```cpp block; a README results table that is not docs/benchmarks.md's) it
# fails with one line naming each planted name, at its file and line. Struck-through names
# (~~Gone~~: history) are not reported.
#   tests/docs/check-docs-selftest.sh SOURCE_DIR BUILD_DIR
set -euo pipefail
SRC="$(cd "$1" && pwd)"
BUILD="$(cd "$2" && pwd)"
COPY="$(mktemp -d /tmp/check-docs-selftest.XXXXXX)"
trap 'rm -rf "$COPY"' EXIT
tar -C "$SRC" --exclude='./build*' --exclude=./.git --exclude=node_modules -cf - . | tar -C "$COPY" -xf -
CHECK=(python3 "$SRC/scripts/check-docs.py" --root "$COPY" --build "$BUILD")
passed=0
failed=0

if out=$("${CHECK[@]}"); then
  echo "ok: the unchanged copy passes"; passed=$((passed + 1))
else
  echo "FAIL: the unchanged copy does not pass:"; echo "$out"; exit 1
fi

# plant FILE TEXT EXPECTED: appends TEXT to FILE; the report must then have EXPECTED, which
# names the file and the planted line ("@" stands for "FILE:LINE").
expected=()
plant() {
  local file="$1" text="$2" line
  line=$(($(wc -l <"$COPY/$file") + 1))
  printf '%s\n' "$text" >>"$COPY/$file"
  expected+=("${3/@/$file:$line}")
}
plant docs/transport.md 'The frames are built in server/transport/framebuilder.cpp.' \
  "@: no such file or directory: server/transport/framebuilder.cpp"
plant docs/architecture.md 'The `WsAcceptor` hands connections over.' "@: no class or identifier WsAcceptor in the code"
plant docs/architecture.md 'Joins go through `Hub::joinCourseNow`.' "@: no Hub::joinCourseNow in the code"
plant README.md '`collab-server --listen 0.0.0.0:8080 --redis-pasword s3cret`' "@: collab-server has no option --redis-pasword"
if [ -x "$BUILD/bin/collab-bench" ]; then
  plant docs/benchmarks.md '    build-bench/bin/collab-bench --url ws://127.0.0.1:8080/ws --conections 10' \
    "@: collab-bench has no option --conections"
fi
plant docs/operations.md 'Start it with --presence-tll 5000.' "@: no program of ours (nor a known tool) has the option --presence-tll"
plant server/hub/hub.h '// See docs/hub-internals.md.' "@: no such file or directory: docs/hub-internals.md"
plant server/redis/redisadapter.h '// (see QT64-FACTS.md)' "@: no such file or directory: QT64-FACTS.md"
plant server/ws/wsgateway.cpp '// The SessionRouter decides.' "@: no class or identifier SessionRouter in the code"
plant server/main.cpp '// collab-server --tls-certificate FILE' "@: collab-server has no option --tls-certificate"
plant bench/run-chat-benchmarks.sh '# then bench/results-table.py --round 3' "@: results-table.py has no option --round"
plant docs/notes-crdt.md "$(printf '```cpp\nexplicit Document(QAbstractHttpServer *http);\n```')" \
  '```cpp block: QAbstractHttpServer is not in the code'
# A figure of the README's table that is not docs/benchmarks.md's.
sed -i '/results-table:begin/,/results-table:end/ s/| \*\*\([0-9]\)/| **9\1/' "$COPY/README.md"
expected+=("README.md:$(grep -n 'results-table:begin' "$COPY/README.md" | cut -d: -f1): the results table differs from docs/benchmarks.md's")
# History may name what is gone when it is struck through: not reported.
printf '%s\n' 'Before, ~~`HttpExchanges`~~ in ~~server/rest/httpexchanges.cpp~~ did it.' >>"$COPY/docs/benchmarks.md"

# A worked example may name what does not exist yet, between the example markers: not reported.
printf '%s\n' '<!-- check-docs: example -->' 'Add `ReactionProjection` in server/store/reactionprojection.cpp.' \
  '<!-- check-docs: end of example -->' >>"$COPY/docs/architecture.md"

out=$("${CHECK[@]}") && { echo "FAIL: the planted drift passed"; exit 1; }
for e in "${expected[@]}"; do
  if grep -qF -- "$e" <<<"$out"; then
    echo "ok: $e"; passed=$((passed + 1))
  else
    echo "FAIL: not reported: $e"; failed=$((failed + 1))
  fi
done
if grep -q "HttpExchanges\|httpexchanges" <<<"$out"; then
  echo "FAIL: a struck-through name is reported"; failed=$((failed + 1))
else
  echo "ok: struck-through names are not reported"; passed=$((passed + 1))
fi
if grep -qi "reactionprojection" <<<"$out"; then
  echo "FAIL: a name inside the example markers is reported"; failed=$((failed + 1))
else
  echo "ok: names inside the example markers are not reported"; passed=$((passed + 1))
fi
reported=$(sed -n 's/^check-docs: \([0-9]*\) problem(s).*/\1/p' <<<"$out")
if [ "$reported" != "${#expected[@]}" ]; then
  echo "FAIL: $reported problems reported for ${#expected[@]} planted:"; echo "$out"; failed=$((failed + 1))
else
  echo "ok: nothing reported but the planted drift"; passed=$((passed + 1))
fi

# Two tables in the README: there must be exactly one.
sed -n '/results-table:begin/,/results-table:end/p' "$COPY/README.md" >>"$COPY/README.md"
if out=$("${CHECK[@]}") || ! grep -qF "README.md:1: 2 current results tables" <<<"$out"; then
  echo "FAIL: a second table in the README is not reported"; failed=$((failed + 1))
else
  echo "ok: a second results table is reported"; passed=$((passed + 1))
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
