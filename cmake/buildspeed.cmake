# Build time on CI's 2 cores (docs/CONTRIBUTING.md, "Build time"). `make test` builds ~100 test
# executables, the libraries twice (main and portable build) and the fuzz build; two things
# dominated a clean build, measured on one test executable and one test source:
#   - linking: GNU ld took 15.3 s to link tst_desktop_honest, lld 3.9 s (mold 4.4 s);
#   - parsing Qt's headers again in every source: tst_protocol.cpp 19.4 s → 14.8 s with the
#     precompiled headers below.
# lld is on whenever it is installed. Precompiled headers are a switch, off by default: `make test`
# instead lets ccache give the portable build the main build's objects (Makefile), which saves
# far more there, and the two do not combine (each build's precompiled header differs, so no
# object that uses it is shared). A developer's clean build can turn them on (ccache then needs
# `sloppiness = pch_defines,time_macros`).
include(CheckLinkerFlag)

option(COLLAB_LLD "Link with lld when it is installed (several times faster than GNU ld here)" ON)
option(COLLAB_PCH "Precompile the Qt headers every source includes" OFF)

if(COLLAB_LLD)
  find_program(COLLAB_LLD_PROGRAM ld.lld)
  if(COLLAB_LLD_PROGRAM)
    check_linker_flag(CXX -fuse-ld=lld COLLAB_HAS_FUSE_LD_LLD)
    if(COLLAB_HAS_FUSE_LD_LLD)
      add_link_options(-fuse-ld=lld)
    endif()
  endif()
endif()

# What nearly every source of ours includes. Only headers whose content does not depend on which
# Qt modules a target links (QT_GUI_LIB, QT_WIDGETS_LIB, QT_NETWORK_LIB): one precompiled header
# must be valid for every test executable that reuses it. That is why qtest.h itself is not here
# (its QTEST_MAIN depends on those macros) but qtestcase.h is.
set(COLLAB_PCH_HEADERS
  <algorithm> <functional> <memory> <optional> <string> <vector>
  <QtCore/QByteArray> <QtCore/QCoreApplication> <QtCore/QDateTime> <QtCore/QDir>
  <QtCore/QElapsedTimer> <QtCore/QFile> <QtCore/QHash> <QtCore/QJsonArray>
  <QtCore/QJsonDocument> <QtCore/QJsonObject> <QtCore/QJsonValue> <QtCore/QList>
  <QtCore/QLoggingCategory> <QtCore/QMap> <QtCore/QObject> <QtCore/QPointer> <QtCore/QSet>
  <QtCore/QString> <QtCore/QTimer> <QtCore/QUrl> <QtCore/QVariant>)
set(COLLAB_TEST_PCH_HEADERS ${COLLAB_PCH_HEADERS}
  <QtCore/QTemporaryDir> <QtTest/qtestcase.h> <QtTest/QSignalSpy>)

# A library of many sources compiles its own precompiled header.
function(collab_precompile_headers target)
  if(COLLAB_PCH)
    target_precompile_headers(${target} PRIVATE ${COLLAB_PCH_HEADERS})
  endif()
endfunction()

# Test executables have one or two sources each: compiling a header per executable would cost
# what it saves, so they all reuse the one of collab_test_pch (tests/CMakeLists.txt), built with
# the same flags (collab_options, Qt Test, the same directory's QT_TESTCASE_BUILDDIR).
function(collab_reuse_test_pch target)
  if(COLLAB_PCH)
    target_precompile_headers(${target} REUSE_FROM collab_test_pch)
  endif()
endfunction()
