# collab-bench-crdt
