# collab-bench-protocol: ns per encode/decode of the hot WebSocket messages (chat.send, an event frame).
qt_add_executable(collab-bench-protocol ${CMAKE_CURRENT_LIST_DIR}/codecbench.cpp)
target_link_libraries(collab-bench-protocol PRIVATE collab_common collab_options)
set_target_properties(collab-bench-protocol PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/bin)
