# The desktop app and the client-side shared note binding. GUI suites run offscreen.
collab_add_test(NAME tst_sharednote SOURCES desktop/tst_sharednote.cpp
                LIBS collab_client LABELS desktop client)
collab_add_test(NAME tst_sharednote_live SOURCES desktop/tst_sharednote_live.cpp
                LIBS collab_client collab_test_support LABELS desktop client integration)
