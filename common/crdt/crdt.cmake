# Sources of the sequence CRDT, added to collab_common.
target_sources(collab_common PRIVATE
  crdt/types.h crdt/types.cpp
  crdt/error.h
  crdt/bytes.h crdt/bytes.cpp
  crdt/operation.h crdt/operation.cpp
  crdt/versionvector.h crdt/versionvector.cpp
  crdt/run.h
  crdt/idindex.h crdt/idindex.cpp
  crdt/runtree.h crdt/runtree.cpp
  crdt/sequence.h crdt/sequence.cpp
  crdt/oplog.h crdt/oplog.cpp
  crdt/pendingqueue.h crdt/pendingqueue.cpp
  crdt/document.h crdt/document.cpp
  crdt/authorship.cpp
  crdt/change.h
  crdt/batch.h crdt/batch.cpp
  crdt/merge.cpp
  crdt/snapshot.cpp
)

# The fuzzing build: no comparison tracing (-fsanitize-coverage=trace-cmp, which -fsanitize=fuzzer
# turns on) in the CRDT's internals. fuzz_crdt's scripts reach them through decisions read from
# its bytes, never by matching a constant, and their loops over 64-bit ids spent a third of the
# fuzzer's time in libFuzzer's comparison hooks (docs/security.md, "Fuzzing"). The decoders of
# fuzzer bytes (operation, bytes, batch, snapshot) keep it: their magic bytes, lengths and
# versions are what it solves.
if(COLLAB_FUZZ)
  set_source_files_properties(
    crdt/types.cpp crdt/versionvector.cpp crdt/idindex.cpp crdt/runtree.cpp crdt/sequence.cpp
    crdt/oplog.cpp crdt/pendingqueue.cpp crdt/document.cpp crdt/authorship.cpp crdt/merge.cpp
    PROPERTIES COMPILE_OPTIONS -fno-sanitize-coverage=trace-cmp)
endif()
