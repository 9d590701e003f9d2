# The generator's WebSocket client (epoll, RFC 6455 framing): also the lecture's members.
add_library(collab_bench_ws STATIC
  load/poller.h load/poller.cpp
  load/wsclient.h load/wsclient.cpp
  load/wsframing.h load/wsframing.cpp)
target_include_directories(collab_bench_ws PUBLIC ${CMAKE_CURRENT_LIST_DIR}/load)
target_link_libraries(collab_bench_ws PRIVATE collab_options)

# collab-bench (load generator): bench/load/. Needs only Qt Core/Network (options, config file)
# and collab_common's compile settings; the WebSocket client is its own (epoll, RFC 6455 framing).
qt_add_executable(collab-bench
  load/main.cpp
  load/ackedlog.h load/ackedlog.cpp
  load/backoff.h
  load/benchoptions.h load/benchoptions.cpp
  load/chatrun.h load/chatrun.cpp
  load/clientpool.h load/clientpool.cpp
  load/connectrun.h load/connectrun.cpp
  load/framescan.h load/framescan.cpp
  load/latencyhistogram.h load/latencyhistogram.cpp
  load/messageledger.h load/messageledger.cpp
  load/procstats.h load/procstats.cpp
  load/resultjson.h load/resultjson.cpp
  load/sessionframes.h load/sessionframes.cpp
)
target_link_libraries(collab-bench PRIVATE collab_bench_ws Qt6::Core Qt6::Network collab_options)
set_target_properties(collab-bench PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/bin)
