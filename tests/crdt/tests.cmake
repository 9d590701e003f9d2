# CRDT suites
