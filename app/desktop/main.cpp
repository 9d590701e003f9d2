// collab-desktop: wires the command line to the AppController; behaviour lives in collab_desktop.
#include "appcontroller.h"
#include "desktopoptions.h"
#include "translations.h"
#include "usercolors.h"

#include <QApplication>

#include <cstdio>
#include <cstring>

namespace {
// --help answers without a display (over ssh, in a package's build): the
// QApplication it needs is then made on the offscreen platform.
bool onlyPrints(int argc, char *argv[])
{
    for (int i = 1; i < argc; ++i)
        for (const char *flag : {"-h", "--help", "--help-all"})
            if (std::strcmp(argv[i], flag) == 0)
                return true;
    return false;
}
} // namespace

int main(int argc, char *argv[])
{
    if (onlyPrints(argc, argv) && qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY")
        && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    // Qt WebEngine (the math typesetter, richtext::MathRenderer) wants this before the app exists.
    QCoreApplication::setAttribute(Qt::AA_ShareOpenGLContexts);
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("CourseCollab"));
    QApplication::setApplicationName(QStringLiteral("collab-desktop"));
    QApplication::setApplicationDisplayName(QStringLiteral("CourseCollab"));
    QApplication::setApplicationVersion(QStringLiteral(PROJECT_VERSION_STRING));
    QApplication::setDesktopFileName(QStringLiteral("coursecollab"));
    QApplication::setWindowIcon(collab::desktop::appIcon());
    // The user's language (LANGUAGE, LC_ALL, LC_MESSAGES, LANG): Spanish where asked, else English.
    collab::desktop::Translations::install(QLocale::system());

    collab::desktop::DesktopOptions options;
    QString error;
    bool help = false;
    if (!collab::desktop::DesktopOptions::parse(QApplication::arguments(), &options, &error, &help)) {
        std::fprintf(stderr, "collab-desktop: %s\n", qPrintable(error));
        return 2;
    }
    if (help) {
        std::fputs(qPrintable(collab::desktop::DesktopOptions::helpText()), stdout);
        return 0;
    }
    if (!options.exportIcon.isEmpty())
        return collab::desktop::appIcon().pixmap(256, 256).save(options.exportIcon, "PNG") ? 0 : 1;
    collab::desktop::AppController controller(options);
    QObject::connect(&controller, &collab::desktop::AppController::finished, &app, &QApplication::exit,
                     Qt::QueuedConnection);
    if (!controller.start())
        return controller.exitCode();
    return app.exec();
}
