# WebSocket transport (server/transport/): included from server/CMakeLists.txt.
target_sources(collab_server PRIVATE
  transport/fdlimit.cpp transport/fdlimit.h
  transport/flushscheduler.cpp transport/flushscheduler.h
  transport/framedecoder.cpp transport/framedecoder.h
  transport/handoffserver.cpp transport/handoffserver.h
  transport/handshake.cpp transport/handshake.h
  transport/pendingupgrade.cpp transport/pendingupgrade.h
  transport/reactor.cpp transport/reactor.h
  transport/sendring.cpp transport/sendring.h
  transport/sharedframe.cpp transport/sharedframe.h
  transport/tlsbridge.cpp transport/tlsbridge.h
  transport/tlscredentials.cpp transport/tlscredentials.h
  transport/utf8.cpp transport/utf8.h
  transport/wscontext.h
  transport/wsconnection.cpp transport/wsconnection.h
  transport/wslimits.h
  transport/wslistener.cpp transport/wslistener.h
  transport/wslogging.cpp transport/wslogging.h
)
# io_uring for batched sends (SendRing); the kernel support is checked at run time.
find_package(PkgConfig REQUIRED)
pkg_check_modules(LIBURING REQUIRED IMPORTED_TARGET liburing)
target_link_libraries(collab_server PRIVATE PkgConfig::LIBURING)
