# collab-bench-transport: WebSocket transport numbers (connect rate, idle RSS, fan-out). See docs/benchmarks.md.
qt_add_executable(collab-bench-transport
  ${CMAKE_CURRENT_LIST_DIR}/main.cpp
  ${CMAKE_CURRENT_LIST_DIR}/benchclients.cpp ${CMAKE_CURRENT_LIST_DIR}/benchclients.h)
target_link_libraries(collab-bench-transport PRIVATE collab_server collab_options
  Qt6::Core Qt6::Network Qt6::WebSockets)
set_target_properties(collab-bench-transport PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/bin)
