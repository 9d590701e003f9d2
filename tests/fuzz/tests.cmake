# The fuzzers' findings in a normal build: tst_fuzz_regressions replays every seed and every file of
# tests/fuzz/regressions/ through the same entry points as the libFuzzer targets.
set(fuzz_dir ${CMAKE_CURRENT_LIST_DIR})
set(fuzz_sources ${fuzz_dir}/tst_fuzz_regressions.cpp ${fuzz_dir}/fuzzsupport.h
                 ${fuzz_dir}/fuzz_protocol.cpp ${fuzz_dir}/fuzz_rest_bodies.cpp
                 ${fuzz_dir}/fuzz_crdt.cpp ${fuzz_dir}/checkedreplica.h ${fuzz_dir}/fuzz_http_parser.cpp)
if(NOT COLLAB_PORTABLE) # the engine's frame decoder
  list(APPEND fuzz_sources ${fuzz_dir}/fuzz_ws_frames.cpp)
endif()
collab_add_test(NAME tst_fuzz_regressions SOURCES ${fuzz_sources} LIBS collab_server LABELS fuzz)
target_compile_definitions(tst_fuzz_regressions PRIVATE COLLAB_FUZZ_REPLAY COLLAB_FUZZ_DIR="${fuzz_dir}")
if(COLLAB_PORTABLE)
  target_compile_definitions(tst_fuzz_regressions PRIVATE COLLAB_PORTABLE)
endif()
