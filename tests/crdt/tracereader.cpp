#include "tracereader.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

#include <zlib.h>

namespace collab::crdt::traces {

namespace {

std::optional<QByteArray> gunzip(const QByteArray &compressed, QString *error)
{
    z_stream stream{};
    if (inflateInit2(&stream, 16 + MAX_WBITS) != Z_OK) { // 16: expect a gzip header
        *error = QStringLiteral("inflateInit2 failed");
        return std::nullopt;
    }
    stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(compressed.constData()));
    stream.avail_in = uInt(compressed.size());
    QByteArray out;
    char buffer[1 << 16];
    int status = Z_OK;
    while (status == Z_OK) {
        stream.next_out = reinterpret_cast<Bytef *>(buffer);
        stream.avail_out = sizeof buffer;
        status = inflate(&stream, Z_NO_FLUSH);
        out.append(buffer, qsizetype(sizeof buffer - stream.avail_out));
    }
    inflateEnd(&stream);
    if (status != Z_STREAM_END) {
        *error = QStringLiteral("gzip stream is corrupt");
        return std::nullopt;
    }
    return out;
}

// Keeps the code point positions of astral characters (two UTF-16 units) so trace positions,
// counted in code points, can be turned into UTF-16 positions as the document changes.
class AstralMap
{
public:
    qint64 toUtf16(qint64 cp) const
    {
        return cp + (std::lower_bound(m_positions.begin(), m_positions.end(), cp) - m_positions.begin());
    }

    void apply(qint64 cp, qint64 removedCp, const QString &inserted)
    {
        auto first = std::lower_bound(m_positions.begin(), m_positions.end(), cp);
        auto last = std::lower_bound(first, m_positions.end(), cp + removedCp);
        const auto at = m_positions.erase(first, last) - m_positions.begin();
        std::vector<qint64> added;
        qint64 insertedCp = 0;
        for (qsizetype i = 0; i < inserted.size(); ++i, ++insertedCp) {
            if (inserted.at(i).isHighSurrogate()) {
                added.push_back(cp + insertedCp);
                ++i;
            }
        }
        for (auto it = m_positions.begin() + at; it != m_positions.end(); ++it)
            *it += insertedCp - removedCp;
        m_positions.insert(m_positions.begin() + at, added.begin(), added.end());
    }

private:
    std::vector<qint64> m_positions;
};

} // namespace

std::optional<Trace> loadTrace(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot open ") + path;
        return std::nullopt;
    }
    const auto json = gunzip(file.readAll(), error);
    if (!json)
        return std::nullopt;
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(*json, &parseError);
    if (!doc.isObject() || !doc.object().value(QStringLiteral("txns")).isArray()) {
        *error = QStringLiteral("not a trace: ") + parseError.errorString();
        return std::nullopt;
    }
    const QJsonObject root = doc.object();
    Trace trace;
    trace.name = QFileInfo(path).fileName().section(QLatin1Char('.'), 0, 0);
    trace.endContent = root.value(QStringLiteral("endContent")).toString();
    AstralMap astral;
    const QJsonArray txns = root.value(QStringLiteral("txns")).toArray();
    for (const QJsonValue &txn : txns) {
        const QJsonArray patches = txn.toObject().value(QStringLiteral("patches")).toArray();
        for (const QJsonValue &value : patches) {
            const QJsonArray patch = value.toArray();
            if (patch.size() != 3) {
                *error = QStringLiteral("bad patch");
                return std::nullopt;
            }
            const qint64 cp = qint64(patch.at(0).toDouble());
            const qint64 removedCp = qint64(patch.at(1).toDouble());
            Patch out;
            out.inserted = patch.at(2).toString();
            out.position = int(astral.toUtf16(cp));
            out.removed = int(astral.toUtf16(cp + removedCp)) - out.position;
            astral.apply(cp, removedCp, out.inserted);
            trace.patches.push_back(std::move(out));
        }
    }
    return trace;
}

QString sharedTracePath(const QString &fileName)
{
    QString dir = qEnvironmentVariable("COLLAB_TRACES_DIR");
    if (dir.isEmpty())
        dir = QStringLiteral(COLLAB_DEFAULT_TRACES_DIR);
    return dir + QLatin1Char('/') + fileName;
}

} // namespace collab::crdt::traces
