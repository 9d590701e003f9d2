# collab-bench (load generator)
