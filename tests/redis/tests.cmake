# Several nodes through a real redis-server that each test starts on a free port (appendonly, in a
# temporary directory) and stops.
add_library(collab_redis_test_support STATIC support/testredis.h support/testredis.cpp)
target_include_directories(collab_redis_test_support PUBLIC ${CMAKE_CURRENT_SOURCE_DIR}/support)
target_link_libraries(collab_redis_test_support PUBLIC collab_test_support Qt6::Network Qt6::Test PRIVATE collab_options)

collab_add_test(NAME tst_redis_nodes SOURCES redis/tst_redis_nodes.cpp redis/redistesthelpers.h redis/redisnodes.h
                LIBS collab_redis_test_support LABELS redis)
collab_add_test(NAME tst_redis_note_trust SOURCES redis/tst_redis_note_trust.cpp redis/redistesthelpers.h redis/redisnodes.h
                LIBS collab_redis_test_support LABELS redis)
# Files with two nodes (issue 15 part 3): uploaded through A, served by B from the shared directory.
collab_add_test(NAME tst_redis_files SOURCES redis/tst_redis_files.cpp LIBS collab_redis_test_support LABELS redis)
collab_add_test(NAME tst_redis_failures SOURCES redis/tst_redis_failures.cpp redis/redistesthelpers.h
                LIBS collab_redis_test_support LABELS redis)
collab_add_test(NAME tst_redis_identity SOURCES redis/tst_redis_identity.cpp redis/redistesthelpers.h redis/redisnodes.h
                LIBS collab_redis_test_support LABELS redis)
# Running courses across nodes (issue 11): created on A, joined on B; a channel, a rotated code
# and a TA reach B; a restarted node knows the run-time course.
collab_add_test(NAME tst_redis_course_admin SOURCES redis/tst_redis_course_admin.cpp server/coursetesthelpers.h
                LIBS collab_redis_test_support LABELS redis)
target_include_directories(tst_redis_course_admin PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/server)
collab_add_test(NAME tst_redis_safety SOURCES redis/tst_redis_safety.cpp redis/redistesthelpers.h
                LIBS collab_redis_test_support LABELS redis)
target_compile_definitions(tst_redis_safety PRIVATE COLLAB_SERVER_BIN="$<TARGET_FILE:collab-server>")
add_dependencies(tst_redis_safety collab-server)
collab_add_test(NAME tst_redis_nodekill SOURCES redis/tst_redis_nodekill.cpp redis/redistesthelpers.h
                LIBS collab_redis_test_support LABELS redis)
target_compile_definitions(tst_redis_nodekill PRIVATE COLLAB_SERVER_BIN="$<TARGET_FILE:collab-server>")
add_dependencies(tst_redis_nodekill collab-server)
# collab-server --rebuild-projections over a damaged data directory, single node and Redis mode.
collab_add_test(NAME tst_projections SOURCES server/tst_projections.cpp LIBS collab_redis_test_support LABELS redis)
target_compile_definitions(tst_projections PRIVATE COLLAB_SERVER_BIN="$<TARGET_FILE:collab-server>")
add_dependencies(tst_projections collab-server)
if(TARGET collab-bench) # Redis SIGKILLed under a steady load from collab-bench (a child process)
  collab_add_test(NAME tst_redis_faults_under_load SOURCES redis/tst_redis_faults_under_load.cpp redis/redistesthelpers.h
                  LIBS collab_redis_test_support LABELS redis TIMEOUT 180)
  target_compile_definitions(tst_redis_faults_under_load PRIVATE COLLAB_SERVER_BIN="$<TARGET_FILE:collab-server>")
  add_dependencies(tst_redis_faults_under_load collab-server collab-bench)
  # A primary, two replicas and three sentinels; the primary SIGKILLed under load (minReplicas 1).
  collab_add_test(NAME tst_redis_sentinel SOURCES redis/tst_redis_sentinel.cpp redis/redistesthelpers.h
                  LIBS collab_redis_test_support LABELS redis TIMEOUT 300)
  target_compile_definitions(tst_redis_sentinel PRIVATE COLLAB_SERVER_BIN="$<TARGET_FILE:collab-server>")
  add_dependencies(tst_redis_sentinel collab-server collab-bench)
endif()
if(TARGET collab_client)
  collab_add_test(NAME tst_redis_client SOURCES redis/tst_redis_client.cpp
                  LIBS collab_client collab_redis_test_support LABELS redis client)
endif()
# Course interactions across nodes (issue 14): a vote on A in the tally on B, reactions, threads,
# pins, an anonymous post without its author on the other node, one queue.
collab_add_test(NAME tst_redis_interactions SOURCES redis/tst_redis_interactions.cpp server/interactiontesthelpers.h server/coursetesthelpers.h
                LIBS collab_redis_test_support LABELS redis)
target_include_directories(tst_redis_interactions PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/server)
# A note's history across nodes (issue 15 part 2): versions, a named version and a restore made on
# one node read the same on the other.
collab_add_test(NAME tst_redis_note_history SOURCES redis/tst_redis_note_history.cpp server/interactiontesthelpers.h server/coursetesthelpers.h
                LIBS collab_redis_test_support LABELS redis)
target_include_directories(tst_redis_note_history PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/server)
# Retention across nodes (issue 15 part 4): a run on one node deletes on both, Redis keeps only
# tombstones, and a node rebuilt from Redis alone gets no text back.
collab_add_test(NAME tst_redis_retention SOURCES redis/tst_redis_retention.cpp server/interactiontesthelpers.h server/coursetesthelpers.h
                LIBS collab_redis_test_support LABELS redis)
target_include_directories(tst_redis_retention PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/server)
