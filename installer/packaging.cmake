# CPack: one DEB, "coursecollab", with collab-server (as a systemd service), collab-desktop and
# collab-cli. Build it with `cpack -G DEB` in the build directory (docs/operations.md, Packaging).
set(CPACK_PACKAGE_NAME coursecollab)
set(CPACK_PACKAGE_VENDOR "CourseCollab")
set(CPACK_PACKAGE_CONTACT "CourseCollab maintainers <maintainers@coursecollab.invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Real-time course chat and shared class notes (server, desktop app, CLI)")
set(CPACK_PACKAGE_DESCRIPTION "CourseCollab lets the students of a course chat in channels and edit shared \
class notes together, live. This package holds collab-server (run as the systemd service \
collab-server), the Qt desktop app collab-desktop and the command-line client collab-cli.")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGING_INSTALL_PREFIX ${COLLAB_PACKAGE_PREFIX})
set(CPACK_GENERATOR DEB)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION net)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "adduser, libqt6sql6-sqlite")
# qt6-translations-l10n: Qt's own texts (standard buttons, file dialogs) in the desktop app's
# languages; without it they stay English in a Spanish app.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "qt6-wayland, qt6-translations-l10n")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    ${PROJECT_SOURCE_DIR}/installer/postinst
    ${PROJECT_SOURCE_DIR}/installer/prerm
    ${PROJECT_SOURCE_DIR}/installer/postrm
    ${PROJECT_SOURCE_DIR}/installer/conffiles)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
# `cpack` packages what was built; it does not build every target (tests, benchmarks) first.
set(CMAKE_SKIP_INSTALL_ALL_DEPENDENCY ON)
include(CPack)
