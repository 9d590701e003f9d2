# collab_client and collab-cli suites. Unit suites need no server; the integration suites start the
# real collab_server in-process on port 0 (and run the built collab-cli for the end-to-end suite).
if(NOT TARGET collab_client)
  return() # a server-only build (COLLAB_BUILD_CLIENTS=OFF)
endif()
collab_add_test(NAME tst_client_backoff SOURCES client/tst_backoff.cpp LIBS collab_client LABELS client)
collab_add_test(NAME tst_client_requesttracker SOURCES client/tst_requesttracker.cpp LIBS collab_client LABELS client)
collab_add_test(NAME tst_client_outbox SOURCES client/tst_outbox.cpp LIBS collab_client LABELS client)
collab_add_test(NAME tst_client_coursecursor SOURCES client/tst_coursecursor.cpp LIBS collab_client LABELS client)
collab_add_test(NAME tst_cli_args SOURCES client/tst_cliargs.cpp LIBS collab_cli_core LABELS client)
# The fake servers (support/fakeserver.h) are QWebSocketServers: those suites link Qt6::WebSockets.
collab_add_test(NAME tst_cli_runner SOURCES client/tst_clirunner.cpp client/support/fakeserver.h
                LIBS collab_cli_core Qt6::WebSockets LABELS client)
collab_add_test(NAME tst_client_collabclient SOURCES client/tst_collabclient.cpp client/support/fakeserver.h
                LIBS collab_client Qt6::WebSockets LABELS client)
collab_add_test(NAME tst_client_connection SOURCES client/tst_connection.cpp client/support/fakeserver.h
                LIBS collab_client Qt6::WebSockets LABELS client)

# Against the real server, in-process on port 0.
collab_add_test(NAME tst_client_integration SOURCES client/tst_client_integration.cpp
                LIBS collab_client collab_test_support LABELS client integration)
collab_add_test(NAME tst_cli_e2e SOURCES client/tst_cli_e2e.cpp
                LIBS collab_client collab_test_support LABELS client integration)
target_compile_definitions(tst_cli_e2e PRIVATE COLLAB_CLI_PATH="$<TARGET_FILE:collab-cli>")
add_dependencies(tst_cli_e2e collab-cli)
