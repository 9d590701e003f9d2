// collab-protocol-table: prints the message table of docs/protocol.md as the declarations in
// common/protocol give it; --check FILE exits 1 when FILE's table differs (CTest
// check_protocol_docs), --write FILE puts the rendered table into FILE.
#include "protocol/protocoltable.h"

#include <QCoreApplication>
#include <QFile>
#include <QStringList>

#include <cstdio>

using namespace collab;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() == 1) {
        std::fputs(proto::renderMessageTable().toUtf8().constData(), stdout);
        return 0;
    }
    if (args.size() != 3 || (args[1] != QLatin1String("--check") && args[1] != QLatin1String("--write"))) {
        std::fprintf(stderr, "usage: collab-protocol-table [--check FILE | --write FILE]\n");
        return 2;
    }
    QFile file(args[2]);
    if (!file.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr, "cannot read %s: %s\n", qPrintable(args[2]), qPrintable(file.errorString()));
        return 2;
    }
    const QString doc = QString::fromUtf8(file.readAll());
    file.close();
    const std::optional<QString> updated = proto::withMessageTable(doc);
    if (!updated) {
        std::fprintf(stderr, "%s has no messages-table markers\n", qPrintable(args[2]));
        return 2;
    }
    if (args[1] == QLatin1String("--check")) {
        if (*updated == doc)
            return 0;
        std::fprintf(stderr,
                     "%s: the messages table differs from the declarations in common/protocol.\n"
                     "Regenerate it: collab-protocol-table --write %s (or ninja update_protocol_docs). It should be:\n%s",
                     qPrintable(args[2]), qPrintable(args[2]), proto::renderMessageTable().toUtf8().constData());
        return 1;
    }
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(updated->toUtf8()) < 0) {
        std::fprintf(stderr, "cannot write %s: %s\n", qPrintable(args[2]), qPrintable(file.errorString()));
        return 2;
    }
    return 0;
}
