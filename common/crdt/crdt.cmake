# Sources of the sequence CRDT, added to collab_common.
target_sources(collab_common PRIVATE)
