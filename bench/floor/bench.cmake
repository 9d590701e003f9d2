# collab-bench-sendfloor: the kernel's cost of scenario 1's fan-out without a server (docs/benchmarks.md).
find_package(PkgConfig REQUIRED)
pkg_check_modules(LIBURING REQUIRED IMPORTED_TARGET liburing)
add_executable(collab-bench-sendfloor ${CMAKE_CURRENT_LIST_DIR}/sendfloor.cpp)
target_link_libraries(collab-bench-sendfloor PRIVATE PkgConfig::LIBURING)
set_target_properties(collab-bench-sendfloor PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/bin)
