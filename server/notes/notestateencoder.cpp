#include "notes/notestateencoder.h"

#include "protocol/servermessages.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QPointer>

namespace collab::server {

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

NoteStateEncoder::Frame NoteStateEncoder::splitAtRef(const QByteArray &encoded)
{
    static const QByteArray token = QByteArrayLiteral("\"\\u0001ref\\u0001\"");
    const qsizetype at = encoded.indexOf(token);
    if (at < 0)
        return {encoded};
    // The ref comes before the snapshot (keys are sorted): the head is small, the tail is the note.
    return {encoded.left(at), encoded.sliced(at + token.size())};
}

QByteArrayList NoteStateEncoder::withRef(const Frame &frame, const QJsonValue &ref)
{
    if (frame.size() != 2)
        return frame;
    QByteArray value = QJsonDocument(QJsonArray{ref}).toJson(QJsonDocument::Compact);
    value = value.mid(1, value.size() - 2); // [x] → x
    return {frame.at(0), value, frame.at(1)};
}

void NoteStateEncoder::run(std::function<QByteArrayList()> work, std::function<void(const QByteArrayList &)> done)
{
    QPointer<NoteStateEncoder> self(this);
    m_pool.start([self, work = std::move(work), done = std::move(done)]() mutable {
        QByteArrayList result = work();
        if (!self)
            return;
        QMetaObject::invokeMethod(
            self.data(), [done = std::move(done), result = std::move(result)] { done(result); }, Qt::QueuedConnection);
    });
}

void NoteStateEncoder::answer(const QList<FrameReady> &callers, const Frame &frame)
{
    for (const FrameReady &ready : callers)
        ready(frame);
}

void NoteStateEncoder::finish(const crdt::SnapshotDraft &draft, std::function<void(const QByteArray &)> done)
{
    run([draft] { return QByteArrayList{crdt::Document::finishSnapshot(draft)}; },
        [done = std::move(done)](const QByteArrayList &result) { done(result.value(0)); });
}

void NoteStateEncoder::snapshotFrame(const QString &course, const QString &note, SourceFn source, FrameReady ready)
{
    const QString key = course + QLatin1Char('/') + note;
    NoteJob &job = m_jobs[key];
    job.source = std::move(source);
    if (job.encoding) { // answered when it is done, or by the next one
        job.next.append(std::move(ready));
        return;
    }
    job.current.append(std::move(ready));
    start(key, job);
}

// Reads the note now: answers from the cache if it has not changed, else starts an encoding.
void NoteStateEncoder::start(const QString &key, NoteJob &job)
{
    const Source now = job.source();
    if (!now.doc) {
        const QList<FrameReady> callers = std::exchange(job.current, {});
        QMetaObject::invokeMethod(this, [callers] { answer(callers, Frame()); }, Qt::QueuedConnection);
        return;
    }
    const QByteArray version = now.doc->version().toBinary();
    if (version == job.cachedVersion) {
        const QList<FrameReady> callers = std::exchange(job.current, {});
        QMetaObject::invokeMethod(this, [callers, frame = job.cachedFrame] { answer(callers, frame); }, Qt::QueuedConnection);
        return;
    }
    ++m_encodings;
    job.encoding = true;
    job.encodingVersion = version;
    proto::NoteState state;
    state.ref = refPlaceholder();
    state.course = key.section(QLatin1Char('/'), 0, 0);
    state.note = key.section(QLatin1Char('/'), 1);
    state.seq = now.seq;
    state.version = now.doc->version().toJson();
    run([state = std::move(state), draft = now.doc->draftSnapshot()]() mutable {
            state.snapshot = crdt::Document::finishSnapshot(draft, 6); // zlib's default: ~3x faster than 9
            return splitAtRef(proto::encode(state));
        },
        [this, key](const Frame &frame) {
            auto it = m_jobs.find(key);
            if (it == m_jobs.end())
                return;
            NoteJob &done = it.value();
            done.encoding = false;
            done.cachedVersion = done.encodingVersion;
            done.cachedFrame = frame;
            answer(std::exchange(done.current, {}), frame);
            // The ones that came while it ran: the note as it is now (often still this frame).
            auto again = m_jobs.find(key);
            if (again == m_jobs.end() || again->next.isEmpty())
                return;
            again->current = std::exchange(again->next, {});
            start(key, again.value());
        });
}

} // namespace collab::server
