# Docs that cannot drift (docs/CONTRIBUTING.md): scripts/check-docs.py fails when docs/*.md, the
# README or a source comment names a file, class or command-line option the tree does not have, or
# when the README's results table is not docs/benchmarks.md's. It reads the options from the built
# programs' --help, so it runs after the build like every suite. check_docs_selftest plants each
# kind of drift in a copy of the tree and expects the check to fail on it.
find_package(Python3 REQUIRED COMPONENTS Interpreter)
add_test(NAME check_docs
         COMMAND ${Python3_EXECUTABLE} ${PROJECT_SOURCE_DIR}/scripts/check-docs.py
                 --root ${PROJECT_SOURCE_DIR} --build ${CMAKE_BINARY_DIR})
add_test(NAME check_docs_selftest
         COMMAND ${CMAKE_CURRENT_LIST_DIR}/check-docs-selftest.sh ${PROJECT_SOURCE_DIR} ${CMAKE_BINARY_DIR})
set_tests_properties(check_docs check_docs_selftest PROPERTIES LABELS docs TIMEOUT 120)
