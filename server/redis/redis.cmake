# Several nodes through Redis (hiredis async, our own Qt adapter). Included from server/CMakeLists.txt.
find_package(PkgConfig REQUIRED)
pkg_check_modules(HIREDIS REQUIRED IMPORTED_TARGET hiredis)
target_sources(collab_server PRIVATE
  hub/presencedirectory.h
  redis/redisadapter.h redis/redisadapter.cpp
  redis/redisendpoint.h redis/redisendpoint.cpp
  redis/redisconnection.h redis/redisconnection.cpp
  redis/redissentinel.h redis/redissentinel.cpp
  redis/redisreplication.h redis/redisreplication.cpp
  redis/redisscripts.h redis/redisscripts.cpp
  redis/redissafety.h redis/redissafety.cpp
  redis/redisfeed.h redis/redisfeed.cpp
  redis/rediseventlog.h redis/rediseventlog.cpp
  redis/redisbus.h redis/redisbus.cpp
  redis/redispresence.h redis/redispresence.cpp
  redis/redisinbox.h redis/redisinbox.cpp
  redis/redisclaims.h redis/redisclaims.cpp
  redis/redisbootstrap.h redis/redisbootstrap.cpp
  redis/redisnode.h redis/redisnode.cpp
)
target_link_libraries(collab_server PRIVATE PkgConfig::HIREDIS)
