#include "protocol/wirefields.h"

#include "protocol/limits.h"

#include <QJsonDocument>

namespace collab::wire {

namespace {

QString byteLimit(qsizetype bytes)
{
    if (bytes >= 1024 && bytes % 1024 == 0)
        return QStringLiteral("%1 KiB").arg(bytes / 1024);
    return QStringLiteral("%1 B").arg(bytes);
}

} // namespace

QString IdKind::describe() const { return QStringLiteral("id"); }
QString UserNameKind::describe() const { return QStringLiteral("user name"); }

QString StringKind::describe() const
{
    return maxBytes < 0 ? QStringLiteral("string") : QStringLiteral("string ≤ ") + byteLimit(maxBytes);
}

QString UIntKind::describe() const { return QStringLiteral("integer ≥ 0"); }

QString IntKind::describe() const { return QStringLiteral("integer"); }

int CountKind::read(FieldReader &r, const char *key) const
{
    const quint64 value = r.unsignedInt(key);
    if (!r.ok())
        return 0;
    if (value < quint64(min) || value > quint64(max)) {
        // An unbounded count only has the int's own limit; a bounded one names its range.
        r.fail(ErrorCode::InvalidValue, max == std::numeric_limits<int>::max()
                                            ? QStringLiteral("field '%1' is too large").arg(QLatin1String(key))
                                            : QStringLiteral("%1 must be %2..%3").arg(QLatin1String(key)).arg(min).arg(max));
        return 0;
    }
    return int(value);
}

QString CountKind::describe() const
{
    if (max == std::numeric_limits<int>::max())
        return min == 0 ? QStringLiteral("integer ≥ 0") : QStringLiteral("integer ≥ %1").arg(min);
    return QStringLiteral("integer %1–%2").arg(min).arg(max);
}

QString BoolKind::describe() const { return QStringLiteral("bool"); }

QStringList StringListKind::read(FieldReader &r, const char *key) const
{
    QStringList out;
    for (const QJsonValue &v : r.array(key)) {
        if (!v.isString()) {
            r.fail(ErrorCode::BadType, QStringLiteral("'%1' must hold strings").arg(QLatin1String(key)));
            break;
        }
        out << v.toString();
    }
    return out;
}

QString StringListKind::describe() const { return QStringLiteral("list of strings"); }

QString ObjectKind::describe() const { return QStringLiteral("object"); }

QString ArrayKind::describe() const { return QStringLiteral("array"); }

QString RawKind::describe() const { return QStringLiteral("number or string"); }

QByteArray Base64Kind::read(FieldReader &r, const char *key) const
{
    const QString text = r.string(key);
    if (!r.ok())
        return {};
    const auto decoded = QByteArray::fromBase64Encoding(text.toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded) {
        r.fail(ErrorCode::InvalidValue, QStringLiteral("%1 is not base64").arg(QLatin1String(key)));
        return {};
    }
    return decoded.decoded;
}

QString Base64Kind::describe() const { return QStringLiteral("base64 string"); }

QJsonObject RemainderKind::read(FieldReader &r) const
{
    QJsonObject out = r.object();
    out.remove(QLatin1String("type"));
    out.remove(QLatin1String("ref"));
    return out;
}

void RemainderKind::write(QJsonObject &out, const QJsonObject &v) const
{
    // Written first (Ack declares it first), the fields are the object itself: a shared copy
    // instead of an insert per field (each insert builds and frees two QCborValues; an ack of
    // chat.send paid ~5k instructions for it).
    if (out.isEmpty()) {
        out = v;
        return;
    }
    for (auto it = v.begin(); it != v.end(); ++it)
        out.insert(it.key(), it.value());
}

QString RemainderKind::describe() const { return QStringLiteral("request-specific fields"); }

namespace detail {

QString jsonText(const QJsonValue &v)
{
    const QByteArray array = QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(array.mid(1, array.size() - 2));
}

} // namespace detail

} // namespace collab::wire
