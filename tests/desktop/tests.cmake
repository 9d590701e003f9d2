# The desktop app and the client-side shared note binding. GUI suites run offscreen.
collab_add_test(NAME tst_sharednote SOURCES desktop/tst_sharednote.cpp
                LIBS collab_client LABELS desktop client)
