# collab-bench-note-stall: a healthy member's latency while a note is pasted into at the maximum
# allowed rate and loaded by waves of fresh clients, against a quiet phase (docs/benchmarks.md).
qt_add_executable(collab-bench-note-stall ${CMAKE_CURRENT_LIST_DIR}/main.cpp)
target_link_libraries(collab-bench-note-stall PRIVATE collab_bench_support collab_common Qt6::WebSockets collab_options)
target_compile_definitions(collab-bench-note-stall PRIVATE COLLAB_SERVER_BIN="$<TARGET_FILE:collab-server>")
add_dependencies(collab-bench-note-stall collab-server)
set_target_properties(collab-bench-note-stall PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/bin)
