# The transport seam and the Linux engine (server/transport/): included from server/CMakeLists.txt.
# The seam (Transport, TransportConnection, the limits, the handshake rules) is in every build;
# the engine (epoll, io_uring, raw fds, socketpair TLS bridge) only where COLLAB_PORTABLE is off.
target_sources(collab_server PRIVATE
  transport/transport.h transport/transportfactory.cpp
  transport/transportconnection.h
  transport/wslimits.h
  transport/handshake.cpp transport/handshake.h
  transport/tlscredentials.cpp transport/tlscredentials.h
  transport/wslogging.cpp transport/wslogging.h
)
if(COLLAB_PORTABLE)
  return()
endif()
target_sources(collab_server PRIVATE
  unixsignals.h unixsignals.cpp
  rest/httpconnection.h rest/httpconnection.cpp
  rest/httpconnections.h rest/httpconnections.cpp
  transport/enginetransport.cpp transport/enginetransport.h
  transport/fdlimit.cpp transport/fdlimit.h
  transport/flushscheduler.cpp transport/flushscheduler.h
  transport/framedecoder.cpp transport/framedecoder.h
  transport/handoffserver.cpp transport/handoffserver.h
  transport/pendingupgrade.cpp transport/pendingupgrade.h
  transport/reactor.cpp transport/reactor.h
  transport/sendring.cpp transport/sendring.h
  transport/sharedframe.cpp transport/sharedframe.h
  transport/tlsbridge.cpp transport/tlsbridge.h
  transport/utf8.cpp transport/utf8.h
  transport/wscontext.h
  transport/wsconnection.cpp transport/wsconnection.h
  transport/wslistener.cpp transport/wslistener.h
)
# io_uring for batched sends (SendRing); the kernel support is checked at run time.
find_package(PkgConfig REQUIRED)
pkg_check_modules(LIBURING REQUIRED IMPORTED_TARGET liburing)
target_link_libraries(collab_server PRIVATE PkgConfig::LIBURING)
