# WebSocket transport suites (server/transport/)
collab_add_test(NAME tst_transport_frames SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_transport_frames.cpp ${CMAKE_CURRENT_LIST_DIR}/wstestframes.h
                LIBS collab_server LABELS transport)
collab_add_test(NAME tst_transport_listener
                SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_transport_listener.cpp ${CMAKE_CURRENT_LIST_DIR}/wstestsupport.h
                LIBS collab_server Qt6::HttpServer Qt6::WebSockets Qt6::Network LABELS transport)
collab_add_test(NAME tst_transport_load
                SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_transport_load.cpp ${CMAKE_CURRENT_LIST_DIR}/wstestsupport.h
                LIBS collab_server Qt6::HttpServer Qt6::WebSockets Qt6::Network LABELS transport TIMEOUT 180)
