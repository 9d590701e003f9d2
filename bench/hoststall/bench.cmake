# collab-bench-host-stall (issue 12 part 10): the desktop app hosts a session (its server in its
# own thread), 30 students chat and type in the note (collab-bench --note-edits, a child process)
# while the host types in the note; prints the GUI thread's longest stalls (docs/benchmarks.md).
qt_add_executable(collab-bench-host-stall ${CMAKE_CURRENT_LIST_DIR}/main.cpp)
target_link_libraries(collab-bench-host-stall PRIVATE collab_desktop collab_server Qt6::Test collab_options)
target_compile_definitions(collab-bench-host-stall PRIVATE COLLAB_BENCH_BIN="$<TARGET_FILE:collab-bench>")
add_dependencies(collab-bench-host-stall collab-bench)
set_target_properties(collab-bench-host-stall PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/bin)
