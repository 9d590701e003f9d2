# Rich text (app/richtext/): Markdown, code, math, hostile input, export. Offscreen; the math
# renderer runs Qt WebEngine (as root without Chromium's sandbox: MathRenderer says so).
if(COLLAB_BUILD_DESKTOP)
  collab_add_test(NAME tst_richtext SOURCES richtext/tst_richtext.cpp
                  LIBS collab_richtext Qt6::Widgets GUI TIMEOUT 240 LABELS desktop richtext)
endif()
