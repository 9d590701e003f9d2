# CRDT suites
include(${CMAKE_CURRENT_LIST_DIR}/tracereader.cmake)
collab_add_test(NAME tst_crdt_traces SOURCES crdt/tst_crdt_traces.cpp
  LIBS collab_common collab_crdt_traces LABELS crdt)
collab_add_test(NAME tst_crdt_convergence SOURCES crdt/tst_crdt_convergence.cpp
  LIBS collab_common collab_crdt_traces LABELS crdt)
collab_add_test(NAME tst_crdt_document SOURCES crdt/tst_crdt_document.cpp
  LIBS collab_common LABELS crdt)
collab_add_test(NAME tst_crdt_hostile SOURCES crdt/tst_crdt_hostile.cpp crdt/hostiledocuments.h
  LIBS collab_common LABELS crdt)
collab_add_test(NAME tst_crdt_hostile_batches SOURCES crdt/tst_crdt_hostile_batches.cpp crdt/hostiledocuments.h
  LIBS collab_common LABELS crdt)
