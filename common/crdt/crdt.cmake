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
