# The DEB: built into a temporary directory with cpack, then its file list and control files checked.
find_program(COLLAB_DPKG_DEB dpkg-deb)
if(COLLAB_DPKG_DEB)
  add_test(NAME check_deb COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/installer/check-deb.sh ${CMAKE_BINARY_DIR})
  set_tests_properties(check_deb PROPERTIES LABELS package TIMEOUT 300)
endif()
