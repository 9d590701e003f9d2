#include "translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLoggingCategory>
#include <QPointer>
#include <QTranslator>

Q_LOGGING_CATEGORY(lcI18n, "collab.desktop.i18n", QtInfoMsg)

namespace collab::desktop {

namespace {
QPointer<QTranslator> s_app;
QPointer<QTranslator> s_qt;
QString s_language;

QTranslator *installed(QTranslator *translator)
{
    QCoreApplication::installTranslator(translator);
    return translator;
}
} // namespace

QString Translations::install(const QLocale &locale)
{
    remove();
    auto *app = new QTranslator(QCoreApplication::instance());
    // uiLanguages in order ("es-ES", "es", ...), each tried whole and then shortened ("es_ES", "es").
    if (!app->load(locale, QStringLiteral("collab_desktop"), QStringLiteral("_"), QStringLiteral(":/i18n"))
        && !app->load(QStringLiteral("collab_desktop_en"), QStringLiteral(":/i18n"))) {
        qCWarning(lcI18n) << "no translation embedded (not even the English plurals)";
        delete app;
        return s_language = QStringLiteral("en");
    }
    s_app = installed(app);
    const QString language = QLocale(app->language()).name().section(QLatin1Char('_'), 0, 0);
    if (language != QLatin1String("en")) {
        // Qt's own texts in the same language (never Qt's German buttons in an English app): from
        // Qt's translations (Debian: qt6-translations-l10n), else from translations/ beside the
        // executable (where windeployqt puts them).
        auto *qt = new QTranslator(QCoreApplication::instance());
        const QString beside = QCoreApplication::applicationDirPath() + QStringLiteral("/translations");
        bool found = false;
        for (const QString &dir : {QLibraryInfo::path(QLibraryInfo::TranslationsPath), beside})
            for (const QString &name : {QStringLiteral("qtbase"), QStringLiteral("qt")})
                found = found || qt->load(QLocale(language), name, QStringLiteral("_"), dir);
        if (found)
            s_qt = installed(qt);
        else {
            qCInfo(lcI18n) << "no Qt translation for" << language << "in" << QLibraryInfo::path(QLibraryInfo::TranslationsPath)
                           << "(standard buttons stay in English; Debian: qt6-translations-l10n)";
            delete qt;
        }
    }
    qCDebug(lcI18n) << "speaking" << language << "for" << locale.uiLanguages();
    s_language = language;
    return language;
}

void Translations::remove()
{
    for (QPointer<QTranslator> *t : {&s_app, &s_qt}) {
        if (*t) {
            QCoreApplication::removeTranslator(*t);
            delete t->data();
        }
        *t = nullptr;
    }
    s_language.clear();
}

QString Translations::language() { return s_language; }

} // namespace collab::desktop
