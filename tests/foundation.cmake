# Foundation suites: protocol, server over real sockets, REST, durability.
add_library(collab_test_support STATIC support/testserver.h support/testserver.cpp
                                       support/serverprocess.h support/serverprocess.cpp
                                       support/benchprocess.h support/benchprocess.cpp
                                       support/storedhistory.h support/storedhistory.cpp
                                       support/wstestclient.h support/wstestclient.cpp support/wsnoteeditor.h
                                       support/rawwsclient.h support/rawwsclient.cpp
                                       support/slowreaderscenario.h support/slowreaderscenario.cpp
                                       support/testcertificates.h support/testcertificates.cpp
                                       support/rawhttpclient.h support/rawhttpclient.cpp
                                       support/clirun.h support/clirun.cpp support/jsonhttp.h support/jsonhttp.cpp
                                       support/filerequests.h support/filerequests.cpp support/testimages.h support/testimages.cpp)
target_include_directories(collab_test_support PUBLIC ${CMAKE_CURRENT_SOURCE_DIR}/support)
target_link_libraries(collab_test_support PUBLIC collab_server Qt6::Test Qt6::WebSockets PRIVATE collab_options)

collab_add_test(NAME tst_protocol SOURCES protocol/tst_protocol.cpp LIBS collab_common)
collab_add_test(NAME tst_jsonwriter SOURCES protocol/tst_jsonwriter.cpp LIBS collab_common)
# docs/protocol.md's message table is the one the declarations give (regenerate: ninja update_protocol_docs).
add_test(NAME check_protocol_docs COMMAND collab-protocol-table --check ${PROJECT_SOURCE_DIR}/docs/protocol.md)
collab_add_test(NAME tst_server_chat SOURCES server/tst_server_chat.cpp LIBS collab_test_support)
collab_add_test(NAME tst_server_session SOURCES server/tst_server_session.cpp LIBS collab_test_support)
# Identities and guessing (issue 19): names by their normalized form, reserved names, `via`,
# backoff, new-name bounds, purge, the pre-hello budget, and collab-server refusing an
# instructor without a secret.
collab_add_test(NAME tst_identity SOURCES server/tst_identity.cpp LIBS collab_test_support)
target_compile_definitions(tst_identity PRIVATE COLLAB_SERVER_BIN="$<TARGET_FILE:collab-server>")
add_dependencies(tst_identity collab-server)
collab_add_test(NAME tst_rest SOURCES server/tst_rest.cpp LIBS collab_test_support)
# Search over a course's messages (issue 15): WebSocket and REST, filters, anonymity, hostile queries.
collab_add_test(NAME tst_search SOURCES server/tst_search.cpp LIBS collab_test_support)
# A note's history (issue 15 part 2): versions, text at a point, diff, authorship, named versions,
# restore, checkpoints across a restart, bad points and names; WebSocket and REST.
collab_add_test(NAME tst_note_history SOURCES server/tst_note_history.cpp LIBS collab_test_support)
# The end of a term (issue 15 part 4): PUT .../archived, the export zip (REST, course.export
# tickets, collab-cli --export-course), who may export, concurrent exports.
# The zips of exports, read back by the suites that check them.
add_library(collab_test_zip STATIC support/testzip.h support/testzip.cpp)
target_include_directories(collab_test_zip PUBLIC ${CMAKE_CURRENT_SOURCE_DIR}/support)
target_link_libraries(collab_test_zip PUBLIC Qt6::Core PRIVATE PkgConfig::LIBZIP)
collab_add_test(NAME tst_course_export SOURCES server/tst_course_export.cpp LIBS collab_test_support collab_test_zip)
# Retention on one node: settings, dry run, deleting for good (projections, search, log, file),
# a restart and a rebuild, the periodic check, bad periods.
collab_add_test(NAME tst_retention SOURCES server/tst_retention.cpp LIBS collab_test_support)
# Files and images (issue 15 part 3): uploads and downloads with ranges, the content-addressed
# store, sniffed types, hostile names, limits and quotas, files in messages, has:file; part 6's
# bad inputs (2 GB, truncated, an image bomb, ids of another course).
collab_add_test(NAME tst_files SOURCES server/tst_files.cpp LIBS collab_test_support)
# Files at the end of a term: an export's files/, and retention deleting old files (records and
# bytes) except those a kept message carries or another file shares.
collab_add_test(NAME tst_files_endofterm SOURCES server/tst_files_endofterm.cpp LIBS collab_test_support collab_test_zip)
# Running courses at run time (issue 11): every action over WebSocket and REST, the rule table, a
# restart and a rebuild; rosters and invites (bad CSVs named by row).
collab_add_test(NAME tst_course_admin SOURCES server/tst_course_admin.cpp server/coursetesthelpers.h LIBS collab_test_support)
# Changing a running course: renames, "deleted by", instructors named later, rosters in parts.
collab_add_test(NAME tst_course_admin_changes SOURCES server/tst_course_admin_changes.cpp server/coursetesthelpers.h LIBS collab_test_support)
collab_add_test(NAME tst_roster SOURCES server/tst_roster.cpp server/coursetesthelpers.h LIBS collab_test_support)
collab_add_test(NAME tst_rest_handover SOURCES server/tst_rest_handover.cpp LIBS collab_test_support)
collab_add_test(NAME tst_routetable SOURCES server/tst_routetable.cpp LIBS collab_server)
collab_add_test(NAME tst_http_parser SOURCES server/tst_http_parser.cpp LIBS collab_server)
collab_add_test(NAME tst_http_connection SOURCES server/tst_http_connection.cpp LIBS collab_test_support)
# The per-address caps on HTTP connections and on connections not classified yet, plain and TLS
# (the test CA is made with openssl).
collab_add_test(NAME tst_address_caps SOURCES server/tst_address_caps.cpp LIBS collab_test_support)
collab_add_test(NAME tst_server_config SOURCES server/tst_server_config.cpp LIBS collab_server)
collab_add_test(NAME tst_walcheckpoint SOURCES server/tst_walcheckpoint.cpp LIBS collab_server)
collab_add_test(NAME tst_durability SOURCES server/tst_durability.cpp LIBS collab_test_support)
target_compile_definitions(tst_durability PRIVATE COLLAB_SERVER_BIN="$<TARGET_FILE:collab-server>")
add_dependencies(tst_durability collab-server)
# The data directory and databases under umask 022, and the start banner on a pipe and a terminal.
collab_add_test(NAME tst_data_privacy SOURCES server/tst_data_privacy.cpp LIBS collab_test_support)
target_compile_definitions(tst_data_privacy PRIVATE COLLAB_SERVER_BIN="$<TARGET_FILE:collab-server>")
add_dependencies(tst_data_privacy collab-server)
collab_add_test(NAME tst_slow_reader SOURCES server/tst_slow_reader.cpp LIBS collab_test_support TIMEOUT 180)
collab_add_test(NAME tst_notes SOURCES server/tst_notes.cpp LIBS collab_test_support)
collab_add_test(NAME tst_note_trust SOURCES server/tst_note_trust.cpp LIBS collab_test_support TIMEOUT 240)
collab_add_test(NAME tst_disk_full SOURCES server/tst_disk_full.cpp LIBS collab_test_support)
target_compile_definitions(tst_disk_full PRIVATE COLLAB_SERVER_BIN="$<TARGET_FILE:collab-server>")
add_dependencies(tst_disk_full collab-server)
# Faults under a steady load from collab-bench (a child process): only when the bench is built.
if(TARGET collab-bench)
  collab_add_test(NAME tst_faults_under_load SOURCES server/tst_faults_under_load.cpp LIBS collab_test_support TIMEOUT 180)
  target_compile_definitions(tst_faults_under_load PRIVATE COLLAB_SERVER_BIN="$<TARGET_FILE:collab-server>")
  add_dependencies(tst_faults_under_load collab-server collab-bench)
endif()
if(TARGET collab-cli)
  collab_add_test(NAME tst_cli_notes SOURCES server/tst_cli_notes.cpp LIBS collab_test_support)
  target_compile_definitions(tst_search PRIVATE COLLAB_CLI_BIN="$<TARGET_FILE:collab-cli>")
  add_dependencies(tst_search collab-cli)
  target_compile_definitions(tst_note_history PRIVATE COLLAB_CLI_BIN="$<TARGET_FILE:collab-cli>")
  target_compile_definitions(tst_files PRIVATE COLLAB_CLI_BIN="$<TARGET_FILE:collab-cli>")
  add_dependencies(tst_files collab-cli)
  add_dependencies(tst_note_history collab-cli)
  target_compile_definitions(tst_course_export PRIVATE COLLAB_CLI_BIN="$<TARGET_FILE:collab-cli>")
  add_dependencies(tst_course_export collab-cli)
  target_compile_definitions(tst_retention PRIVATE COLLAB_CLI_BIN="$<TARGET_FILE:collab-cli>")
  add_dependencies(tst_retention collab-cli)
  # Running a course from collab-cli alone (issue 11), and the prototype's exact --edit commands.
  collab_add_test(NAME tst_cli_course_admin SOURCES server/tst_cli_course_admin.cpp server/coursetesthelpers.h LIBS collab_test_support)
  target_compile_definitions(tst_cli_course_admin PRIVATE COLLAB_CLI_BIN="$<TARGET_FILE:collab-cli>")
  add_dependencies(tst_cli_course_admin collab-cli)
  target_compile_definitions(tst_cli_notes PRIVATE COLLAB_CLI_BIN="$<TARGET_FILE:collab-cli>")
  if(COLLAB_BUILD_DESKTOP) # collab-cli links collab_richtext: it exports html and pdf too
    target_compile_definitions(tst_cli_notes PRIVATE COLLAB_CLI_RICHTEXT_BUILD)
  endif()
  add_dependencies(tst_cli_notes collab-cli)
  # TLS: https + wss on one port, the client library and collab-cli verifying with a test CA.
  collab_add_test(NAME tst_tls SOURCES server/tst_tls.cpp LIBS collab_test_support collab_client LABELS tls)
  target_compile_definitions(tst_tls PRIVATE COLLAB_CLI_BIN="$<TARGET_FILE:collab-cli>"
                                             COLLAB_SERVER_BIN="$<TARGET_FILE:collab-server>")
  add_dependencies(tst_tls collab-cli collab-server)
endif()
# Course interactions (issue 14): threads, questions, reactions, pins, polls, the queue; and
# anonymous posts checked on the wire (every frame a student receives).
collab_add_test(NAME tst_interactions SOURCES server/tst_interactions.cpp server/interactiontesthelpers.h server/coursetesthelpers.h LIBS collab_test_support)
collab_add_test(NAME tst_anonymity SOURCES server/tst_anonymity.cpp server/interactiontesthelpers.h server/coursetesthelpers.h LIBS collab_test_support)

if(TARGET collab_test_support)
  collab_precompile_headers(collab_test_support)
endif()
