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

QByteArrayList NoteStateEncoder::splitAtRef(const QByteArray &frame, const QJsonValue &ref)
{
    static const QByteArray token = QByteArrayLiteral("\"\\u0001ref\\u0001\"");
    const qsizetype at = frame.indexOf(token);
    if (at < 0)
        return {frame};
    QByteArray value = QJsonDocument(QJsonArray{ref}).toJson(QJsonDocument::Compact);
    value = value.mid(1, value.size() - 2); // [x] → x
    // The ref comes before the snapshot (keys are sorted): the head is small, the tail shared.
    return {frame.left(at), value, frame.sliced(at + token.size())};
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

void NoteStateEncoder::answer(const QList<FrameReady> &callers, const QByteArray &frame)
{
    for (const FrameReady &ready : callers)
        ready(frame);
}

void NoteStateEncoder::finish(const crdt::SnapshotDraft &draft, std::function<void(const QByteArray &)> done)
{
    run([draft] { return crdt::Document::finishSnapshot(draft); }, std::move(done));
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
        QMetaObject::invokeMethod(this, [callers] { answer(callers, QByteArray()); }, Qt::QueuedConnection);
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
            return proto::encode(state);
        },
        [this, key](const QByteArray &frame) {
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
