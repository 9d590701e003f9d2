# collab-bench-search: the search index over 1,000,000 messages of one course: build time, disk
# size, and latency per query (p50/p99) by kind of query (docs/benchmarks.md, "Search").
qt_add_executable(collab-bench-search ${CMAKE_CURRENT_LIST_DIR}/main.cpp)
target_link_libraries(collab-bench-search PRIVATE collab_server collab_options)
target_include_directories(collab-bench-search PRIVATE ${PROJECT_SOURCE_DIR}/server)
set_target_properties(collab-bench-search PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/bin)
