# The portable transport (server/portable/): Qt's QTcpServer, QSslSocket and QWebSocketServer, the
# project's HTTP parser over QTcpSocket. In every build: the desktop app hosts on it everywhere,
# collab-server --transport portable picks it on Linux, and a COLLAB_PORTABLE build has nothing else.
find_package(Qt6 6.4 REQUIRED COMPONENTS WebSockets)
target_sources(collab_server PRIVATE
  portable/portabletransport.h portable/portabletransport.cpp
  portable/portableconnection.h portable/portableconnection.cpp
  portable/sockethttpconnection.h portable/sockethttpconnection.cpp
  portable/sockethttpconnections.h portable/sockethttpconnections.cpp
  portable/socketshutdown.h portable/socketshutdown.cpp
)
target_link_libraries(collab_server PRIVATE Qt6::WebSockets)
if(WIN32)
  target_link_libraries(collab_server PRIVATE ws2_32) # shutdown() (socketshutdown.cpp)
endif()
