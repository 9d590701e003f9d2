#include "notes/notestateencoder.h"

#include "protocol/servermessages.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QPointer>

namespace collab::server {

namespace {

QByteArray versionKey(const crdt::Document &doc)
{
    return doc.version().toBinary();
}

} // namespace

NoteStateEncoder::NoteStateEncoder(QObject *parent) : QObject(parent)
{
    // One worker: on a small machine a second one would compete with the serving thread itself.
    m_pool.setMaxThreadCount(1);
}

NoteStateEncoder::~NoteStateEncoder()
{
    m_pool.waitForDone();
}

const QString &NoteStateEncoder::refPlaceholder()
{
    static const QString placeholder = QStringLiteral("\x01ref\x01"); // JSON: "\u0001ref\u0001", never a real ref
    return placeholder;
}

QByteArray NoteStateEncoder::withRef(const QByteArray &frame, const QJsonValue &ref)
{
    static const QByteArray token = QByteArrayLiteral("\"\\u0001ref\\u0001\"");
    const qsizetype at = frame.indexOf(token);
    if (at < 0)
        return frame;
    QByteArray value = QJsonDocument(QJsonArray{ref}).toJson(QJsonDocument::Compact);
    value = value.mid(1, value.size() - 2); // [x] → x
    QByteArray out;
    out.reserve(frame.size() + value.size());
    out.append(frame.constData(), at).append(value).append(frame.constData() + at + token.size(),
                                                           frame.size() - at - token.size());
    return out;
}

void NoteStateEncoder::run(std::function<QByteArray()> work, std::function<void(const QByteArray &)> done)
{
    QPointer<NoteStateEncoder> self(this);
    m_pool.start([self, work = std::move(work), done = std::move(done)]() mutable {
        QByteArray result = work();
        if (!self)
            return;
        QMetaObject::invokeMethod(
            self.data(), [done = std::move(done), result = std::move(result)] { done(result); }, Qt::QueuedConnection);
    });
}

void NoteStateEncoder::compress(const QByteArray &raw, std::function<void(const QByteArray &)> done)
{
    run([raw] { return crdt::Document::compressSnapshot(raw); }, std::move(done));
}

void NoteStateEncoder::snapshotFrame(const QString &course, const QString &note, const crdt::Document &doc, quint64 seq,
                                     FrameReady ready)
{
    const QString key = course + QLatin1Char('/') + note;
    const QByteArray version = versionKey(doc);
    if (auto it = m_cache.constFind(key); it != m_cache.constEnd() && it->versionKey == version) {
        const QByteArray frame = it->frame;
        QMetaObject::invokeMethod(this, [ready = std::move(ready), frame] { ready(frame); }, Qt::QueuedConnection);
        return;
    }
    const QString waitKey = key + QChar(0x1f) + QString::fromLatin1(version.toHex());
    auto waiting = m_waiting.find(waitKey);
    if (waiting != m_waiting.end()) { // the same version is being encoded: share it
        waiting->append(std::move(ready));
        return;
    }
    m_waiting.insert(waitKey, {std::move(ready)});
    ++m_encodings;
    proto::NoteState state;
    state.ref = refPlaceholder();
    state.course = course;
    state.note = note;
    state.seq = seq;
    state.version = doc.version().toJson();
    run([state = std::move(state), raw = doc.encodeSnapshotRaw()]() mutable {
            state.snapshot = crdt::Document::compressSnapshot(raw);
            return proto::encode(state);
        },
        [this, key, version, waitKey](const QByteArray &frame) {
            m_cache.insert(key, Cached{version, frame});
            const QList<FrameReady> callers = m_waiting.take(waitKey);
            for (const FrameReady &ready : callers)
                ready(frame);
        });
}

} // namespace collab::server
