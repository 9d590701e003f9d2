# collab-bench-note-history: the automerge-paper trace typed into a note of a real (in-process)
# server, one note.ops event per edit; then the text at random points of its history (latency,
# checked against the trace) and the history's disk cost beside the op log's (docs/benchmarks.md,
# "Note history").
include(${PROJECT_SOURCE_DIR}/tests/crdt/tracereader.cmake)
qt_add_executable(collab-bench-note-history ${CMAKE_CURRENT_LIST_DIR}/main.cpp)
target_link_libraries(collab-bench-note-history PRIVATE collab_server collab_crdt_traces collab_options)
target_include_directories(collab-bench-note-history PRIVATE ${PROJECT_SOURCE_DIR}/server)
set_target_properties(collab-bench-note-history PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/bin)
