# collab-bench-crdt: replays editing traces (local, remote, snapshot) and prints JSON lines.
include(${PROJECT_SOURCE_DIR}/tests/crdt/tracereader.cmake)
qt_add_executable(collab-bench-crdt ${CMAKE_CURRENT_LIST_DIR}/main.cpp)
target_link_libraries(collab-bench-crdt PRIVATE collab_common collab_crdt_traces collab_options)
