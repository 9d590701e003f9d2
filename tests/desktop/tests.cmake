# The desktop app and the client-side shared note binding. GUI suites run offscreen
# (QT_QPA_PLATFORM=offscreen) against a real collab_server in-process on port 0.
collab_add_test(NAME tst_sharednote SOURCES desktop/tst_sharednote.cpp
                LIBS collab_client LABELS desktop client)
collab_add_test(NAME tst_sharednote_live SOURCES desktop/tst_sharednote_live.cpp
                LIBS collab_client collab_test_support LABELS desktop client integration)
collab_add_test(NAME tst_desktop_models SOURCES desktop/tst_desktop_models.cpp desktop/modelchecks.h
                LIBS collab_desktop GUI LABELS desktop)
# Files and images (issue 15 part 3): attach, drop, paste, thumbnails decoded off the GUI thread,
# cards saved on a click, an image bomb refused, a refused file keeping the draft.
collab_add_test(NAME tst_desktop_attachments SOURCES desktop/tst_desktop_attachments.cpp desktop/desktopfixture.h
                LIBS collab_desktop collab_test_support GUI LABELS desktop integration)
collab_add_test(NAME tst_desktop_chat SOURCES desktop/tst_desktop_chat.cpp desktop/desktopfixture.h
                LIBS collab_desktop collab_test_support GUI LABELS desktop integration)
collab_add_test(NAME tst_desktop_notes SOURCES desktop/tst_desktop_notes.cpp desktop/desktopfixture.h
                LIBS collab_desktop collab_test_support GUI LABELS desktop integration)
collab_add_test(NAME tst_desktop_host SOURCES desktop/tst_desktop_host.cpp desktop/desktopfixture.h
                LIBS collab_desktop collab_test_support GUI LABELS desktop integration)
# collab-desktop --host-demo as a process: what it prints (the instructor's secret).
target_compile_definitions(tst_desktop_host PRIVATE COLLAB_DESKTOP_BIN="$<TARGET_FILE:collab-desktop>")
add_dependencies(tst_desktop_host collab-desktop)
# Running a course from the app alone (issue 11): the Course menu, context menus, dialogs and
# hosting with no demo course, clicked offscreen against a real server.
collab_add_test(NAME tst_desktop_course_admin SOURCES desktop/tst_desktop_course_admin.cpp desktop/desktopfixture.h desktop/chatsteps.h
                LIBS collab_desktop collab_test_support GUI LABELS desktop integration)
# Markdown, code and math in chat and notes, as users meet them (issue 13).
collab_add_test(NAME tst_desktop_rich SOURCES desktop/tst_desktop_rich.cpp desktop/desktopfixture.h
                LIBS collab_desktop collab_test_support GUI TIMEOUT 240 LABELS desktop integration richtext)
# Name tokens and instructor secrets (issue 12, part 9): in a real keychain (a private D-Bus session
# with gnome-keyring, started by the test), and in 0600 files where no keychain service runs.
find_package(Qt6 6.4 REQUIRED COMPONENTS DBus)
collab_add_test(NAME tst_secret_vault SOURCES desktop/tst_secret_vault.cpp desktop/desktopfixture.h
                LIBS collab_desktop collab_test_support Qt6::DBus GUI LABELS desktop integration)
collab_add_test(NAME tst_secret_vault_files SOURCES desktop/tst_secret_vault_files.cpp
                LIBS collab_desktop LABELS desktop)
# What the app says is true (issue 12, part 1): locks, refused edits, removal, presence, failed
# messages, who edited.
collab_add_test(NAME tst_desktop_honest SOURCES desktop/tst_desktop_honest.cpp desktop/desktopfixture.h desktop/chatsteps.h
                LIBS collab_desktop collab_test_support GUI LABELS desktop integration)
# Layout and keyboard (issue 12, part 2): pane sizes, window memory, F6/Esc/Ctrl+Tab, Ctrl+K.
collab_add_test(NAME tst_desktop_keyboard SOURCES desktop/tst_desktop_keyboard.cpp desktop/desktopfixture.h
                LIBS collab_desktop collab_test_support GUI LABELS desktop integration)
# Who wrote what (tints by CRDT authorship, fading labels, WCAG AA colours) and selective undo of
# one's own edits (issue 12, parts 5 and 4).
collab_add_test(NAME tst_desktop_authorship SOURCES desktop/tst_desktop_authorship.cpp desktop/desktopfixture.h
                LIBS collab_desktop collab_test_support GUI LABELS desktop integration)
# Chat basics (issue 12, part 6): @mention completion, badges and highlight, grouping, the new
# messages divider, copying a message or part of it.
collab_add_test(NAME tst_desktop_chatbasics SOURCES desktop/tst_desktop_chatbasics.cpp desktop/desktopfixture.h
                LIBS collab_desktop collab_test_support GUI LABELS desktop integration)
# Search (issue 15): the search pane, Ctrl+F / Ctrl+Shift+F, opening a hit in context.
collab_add_test(NAME tst_desktop_search SOURCES desktop/tst_desktop_search.cpp desktop/desktopfixture.h
                LIBS collab_desktop collab_test_support GUI LABELS desktop integration)
# Course interactions from the app (issue 14): thread panel, reactions and pins from the context
# menu, a poll, the office-hours queue, clicked offscreen against a real server.
collab_add_test(NAME tst_desktop_interactions SOURCES desktop/tst_desktop_interactions.cpp desktop/desktopfixture.h desktop/chatsteps.h
                LIBS collab_desktop collab_test_support GUI LABELS desktop integration)
# A note's history (issue 15 part 2): the slider, text, changes and authors at a point, naming and
# restoring versions, from the keyboard and menus against a real server.
collab_add_test(NAME tst_desktop_history SOURCES desktop/tst_desktop_history.cpp desktop/desktopfixture.h
                LIBS collab_desktop collab_test_support GUI LABELS desktop integration)
# Questions and answers, thread counts and new polls from the app (issue 14 parts 1, 2, 5): resolve,
# endorse from the thread panel's menu, unread replies on the parent row, the New poll dialog.
collab_add_test(NAME tst_desktop_questions SOURCES desktop/tst_desktop_questions.cpp desktop/desktopfixture.h desktop/chatsteps.h
                LIBS collab_desktop collab_test_support GUI LABELS desktop integration)
# Accessibility (issue 12, part 8): the QAccessible tree of a logged-in window (names on every
# control, chat rows read as text with their state, counts and presence in words, announcements).
collab_add_test(NAME tst_desktop_accessibility SOURCES desktop/tst_desktop_accessibility.cpp desktop/desktopfixture.h desktop/chatsteps.h
                LIBS collab_desktop collab_test_support GUI LABELS desktop integration)
# Several courses, several servers, one window (issue 12, part 3): the course sidebar, its badges,
# join and leave from the window, reopening at start, one outbox per course.
collab_add_test(NAME tst_desktop_courses SOURCES desktop/tst_desktop_courses.cpp desktop/desktopfixture.h
                LIBS collab_desktop collab_test_support GUI LABELS desktop integration)
# i18n (issue 12, part 7): the app in Spanish (main window, menus, context menus, every dialog)
# shows no English text, wrapped in tr() or not (englishtexts.h reads the sources' literals), and
# "%n message(s)" follows the language.
collab_add_test(NAME tst_desktop_i18n SOURCES desktop/tst_desktop_i18n.cpp desktop/englishtexts.h desktop/desktopfixture.h
                LIBS collab_desktop collab_test_support GUI LABELS desktop integration i18n)
target_compile_definitions(tst_desktop_i18n PRIVATE
  COLLAB_I18N_SOURCE_DIRS="${PROJECT_SOURCE_DIR}/app/desktop|${PROJECT_SOURCE_DIR}/app/client|${PROJECT_SOURCE_DIR}/app/richtext")
# Every string lupdate finds in those sources has its Spanish translation (and the English plural
# forms theirs): a string added without one fails here with its context and text.
find_package(Qt6 6.4 REQUIRED COMPONENTS LinguistTools)
find_package(Python3 REQUIRED COMPONENTS Interpreter)
add_test(NAME check_translations
         COMMAND ${Python3_EXECUTABLE} ${PROJECT_SOURCE_DIR}/scripts/check-translations.py
                 --lupdate $<TARGET_FILE:Qt6::lupdate>
                 --ts ${PROJECT_SOURCE_DIR}/app/desktop/translations/collab_desktop_es.ts
                 --plurals ${PROJECT_SOURCE_DIR}/app/desktop/translations/collab_desktop_en.ts
                 -I ${PROJECT_SOURCE_DIR}/app/desktop -I ${PROJECT_SOURCE_DIR}/app -I ${PROJECT_SOURCE_DIR}/app/richtext
                 ${PROJECT_SOURCE_DIR}/app/desktop ${PROJECT_SOURCE_DIR}/app/client ${PROJECT_SOURCE_DIR}/app/richtext)
set_tests_properties(check_translations PROPERTIES LABELS "desktop;i18n" TIMEOUT 60)
