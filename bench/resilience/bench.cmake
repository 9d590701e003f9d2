# collab-bench-resilience: what a stalled reader and a killed node cost the others, in time (the
# measurements tst_slow_reader and tst_redis_nodekill do not assert). It runs the tests' own
# scenarios with the test support library (TestServer, TestRedis, WsTestClient), so it is defined
# from tests/CMakeLists.txt and exists only when the tests are built.
qt_add_executable(collab-bench-resilience ${CMAKE_CURRENT_LIST_DIR}/main.cpp)
target_link_libraries(collab-bench-resilience PRIVATE collab_redis_test_support collab_options)
target_compile_definitions(collab-bench-resilience PRIVATE COLLAB_SERVER_BIN="$<TARGET_FILE:collab-server>")
add_dependencies(collab-bench-resilience collab-server)
set_target_properties(collab-bench-resilience PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/bin)
