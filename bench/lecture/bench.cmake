# collab-bench-lecture: 500 members reacting and voting during a lecture; tallies checked, delivery
# latency of every reaction and vote to every member (docs/benchmarks.md, "Lecture").
qt_add_executable(collab-bench-lecture ${CMAKE_CURRENT_LIST_DIR}/main.cpp)
target_link_libraries(collab-bench-lecture PRIVATE collab_bench_support collab_bench_ws collab_common collab_options)
target_compile_definitions(collab-bench-lecture PRIVATE COLLAB_SERVER_BIN="$<TARGET_FILE:collab-server>")
add_dependencies(collab-bench-lecture collab-server)
set_target_properties(collab-bench-lecture PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/bin)
