#pragma once

#include <QLocale>
#include <QString>

namespace collab::desktop {

// The language the app speaks: its own translation for the first of the locale's UI languages
// that has one (":/i18n/collab_desktop_<language>.qm", embedded), and Qt's for the same language
// (qtbase_<language>.qm from the system's Qt translations: the standard buttons, file and input
// dialogs). With no translation for any of them the app speaks English, with English plurals
// (collab_desktop_en.qm holds only the "%n message(s)" forms). main.cpp installs them for
// QLocale::system() (LANGUAGE, LC_ALL, LC_MESSAGES, LANG); the i18n test for a chosen locale.
class Translations
{
public:
    // Installs the translators on the application (replacing any installed before) and returns
    // the language the app now speaks ("es", "en").
    static QString install(const QLocale &locale);
    // Back to the source texts (English without plural forms).
    static void remove();
    // The language installed last ("es", "en"), "" when none is.
    static QString language();
};

} // namespace collab::desktop
