# COLLAB_PORTABLE: every source file of the targets that ship on Windows and macOS is checked for
# Linux-only headers and calls (scripts/check-portable-sources.py) before any of them compiles:
# each portable target depends on check_portable_sources, so a Linux-only include fails the build.
# The same check is a CTest test (check_portable_sources) in that build.
find_package(Python3 REQUIRED COMPONENTS Interpreter)
set(collab_portable_targets collab_common collab_server collab-server collab_client collab_cli_core collab-cli
    collab_richtext collab_desktop collab-desktop)
set(collab_portable_sources "")
foreach(target IN LISTS collab_portable_targets)
  if(NOT TARGET ${target})
    continue()
  endif()
  get_target_property(dir ${target} SOURCE_DIR)
  get_target_property(sources ${target} SOURCES)
  foreach(source IN LISTS sources)
    if(source MATCHES "_autogen|qrc_|\\$<")
      continue()
    endif()
    if(NOT IS_ABSOLUTE "${source}")
      set(source "${dir}/${source}")
    endif()
    list(APPEND collab_portable_sources "${source}")
  endforeach()
endforeach()
list(JOIN collab_portable_sources "\n" collab_portable_list)
file(WRITE "${CMAKE_BINARY_DIR}/portable-sources.txt" "${collab_portable_list}\n")
add_custom_target(check_portable_sources ALL
  COMMAND Python3::Interpreter "${PROJECT_SOURCE_DIR}/scripts/check-portable-sources.py" "${CMAKE_BINARY_DIR}/portable-sources.txt"
  COMMENT "Checking the portable targets for Linux-only code"
  VERBATIM)
foreach(target IN LISTS collab_portable_targets)
  if(TARGET ${target})
    add_dependencies(${target} check_portable_sources)
  endif()
endforeach()
if(BUILD_TESTING)
  add_test(NAME check_portable_sources
           COMMAND Python3::Interpreter "${PROJECT_SOURCE_DIR}/scripts/check-portable-sources.py" "${CMAKE_BINARY_DIR}/portable-sources.txt")
  set_tests_properties(check_portable_sources PROPERTIES LABELS portable-build)
endif()
