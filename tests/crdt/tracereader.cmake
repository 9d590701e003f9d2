# Trace loading (gzip + JSON) shared by the CRDT tests and the CRDT benchmark.
find_package(ZLIB REQUIRED)
if(NOT TARGET collab_crdt_traces)
  add_library(collab_crdt_traces STATIC
    ${CMAKE_CURRENT_LIST_DIR}/tracereader.h ${CMAKE_CURRENT_LIST_DIR}/tracereader.cpp)
  target_include_directories(collab_crdt_traces PUBLIC ${CMAKE_CURRENT_LIST_DIR})
  target_compile_definitions(collab_crdt_traces PRIVATE
    COLLAB_DEFAULT_TRACES_DIR="${PROJECT_SOURCE_DIR}/tests/data/traces")
  target_link_libraries(collab_crdt_traces PUBLIC Qt6::Core collab_options PRIVATE ZLIB::ZLIB)
endif()
