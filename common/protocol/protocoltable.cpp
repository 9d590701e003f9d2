#include "protocol/protocoltable.h"

#include "protocol/clientmessages.h"
#include "protocol/servermessages.h"

#include <QStringList>

#include <variant>

namespace collab::proto {

namespace {

const QLatin1String BeginMarker("<!-- messages table: generated from the declarations in common/protocol by "
                                "collab-protocol-table, do not edit by hand -->");
const QLatin1String EndMarker("<!-- end of messages table -->");

template <typename... T>
void appendRows(QStringList &rows, const char *direction, const std::variant<T...> *)
{
    const auto row = [&](const char *type, const QString &fields, const char *doc) {
        rows << QStringLiteral("| `%1` | %2 | %3 | %4 |")
                    .arg(QLatin1String(type), QString::fromUtf8(direction),
                         fields.isEmpty() ? QStringLiteral("—") : fields, QString::fromUtf8(doc));
    };
    (row(T::Type, wire::describeFields<T>(), T::Doc), ...);
}

} // namespace

QString renderMessageTable()
{
    QStringList rows{QStringLiteral("| type | direction | fields | answer / when sent |"),
                     QStringLiteral("|---|---|---|---|")};
    appendRows(rows, "client → server", static_cast<const ClientPayload *>(nullptr));
    appendRows(rows, "server → client", static_cast<const ServerPayload *>(nullptr));
    return rows.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

std::optional<QString> withMessageTable(const QString &doc)
{
    const qsizetype begin = doc.indexOf(BeginMarker);
    const qsizetype end = doc.indexOf(EndMarker);
    if (begin < 0 || end < begin)
        return std::nullopt;
    const qsizetype tableStart = begin + BeginMarker.size() + 1; // after the marker's line
    return doc.left(tableStart) + renderMessageTable() + doc.mid(end);
}

} // namespace collab::proto
