# WebSocket transport suites (server/transport/)
collab_add_test(NAME tst_transport_frames SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_transport_frames.cpp
                LIBS collab_test_support LABELS transport)
collab_add_test(NAME tst_transport_listener
                SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_transport_listener.cpp ${CMAKE_CURRENT_LIST_DIR}/wstestsupport.h
                LIBS collab_test_support Qt6::WebSockets Qt6::Network LABELS transport)
collab_add_test(NAME tst_transport_load
                SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_transport_load.cpp ${CMAKE_CURRENT_LIST_DIR}/wstestsupport.h
                LIBS collab_test_support Qt6::WebSockets Qt6::Network LABELS transport TIMEOUT 180)
collab_add_test(NAME tst_transport_sendring SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_transport_sendring.cpp
                LIBS collab_server LABELS transport)
# The same suites once more with io_uring off: the plain sendmsg() path must keep working.
add_test(NAME tst_transport_listener_sendmsg COMMAND tst_transport_listener)
add_test(NAME tst_transport_load_sendmsg COMMAND tst_transport_load)
set_tests_properties(tst_transport_listener_sendmsg tst_transport_load_sendmsg PROPERTIES
                     ENVIRONMENT "COLLAB_IO_URING=0" LABELS transport TIMEOUT 180)
