# collab-bench-richtext: chat delegate paint/size-hint times over 10,000 Markdown messages, RSS with
# five channel views and the math renderer, and the note preview's keystroke latency (offscreen).
if(COLLAB_BUILD_DESKTOP AND COLLAB_BUILD_CLIENTS)
  qt_add_executable(collab-bench-richtext ${CMAKE_CURRENT_LIST_DIR}/main.cpp)
  target_link_libraries(collab-bench-richtext PRIVATE collab_desktop Qt6::Test collab_options)
  set_target_properties(collab-bench-richtext PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/bin)
endif()
