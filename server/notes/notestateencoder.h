#pragma once

#include "crdt/document.h"

#include <QByteArray>
#include <QByteArrayList>
#include <QHash>
#include <QJsonValue>
#include <QList>
#include <QObject>
#include <QThreadPool>

#include <functional>

namespace collab::server {

// Encodes whole-note snapshots off the thread that serves the courses. Reading the document
// (Document::draftSnapshot: a copy of the text and the runs' metadata) happens on the caller's
// thread; UTF-8, compression and the note.state frame (base64, JSON: the slow part, about half a
// second for a note of several MB) on a worker thread, the result coming back through the event
// loop. Per note, one encoding runs at a time: requests for the version being encoded share it,
// requests that came later wait for it and then share one encoding of the note as it is by then;
// the last frame is cached for as long as the note does not change. So a wave of fresh clients
// loading a note that is being typed into costs one or two encodings, not one each.
class NoteStateEncoder : public QObject
{
    Q_OBJECT
public:
    // The note as it is now, or doc == nullptr if it cannot be loaded.
    struct Source
    {
        const crdt::Document *doc = nullptr;
        quint64 seq = 0; // the course's seq the note is consistent with
    };
    using SourceFn = std::function<Source()>;
    // A note.state frame cut where the request's ref goes: {head, tail} (splitAtRef). Cut once,
    // on the worker, so that the big tail is shared by every client's reply (withRef), never
    // copied on the serving thread. Empty if the note could not be loaded.
    using Frame = QByteArrayList;
    using FrameReady = std::function<void(const Frame &frame)>;

    explicit NoteStateEncoder(QObject *parent = nullptr);
    ~NoteStateEncoder() override;

    // The note.state frame holding a snapshot of the note. `ready` runs later, from the event
    // loop, never inside this call.
    void snapshotFrame(const QString &course, const QString &note, SourceFn source, FrameReady ready);
    // Finishes a snapshot draft (Document::draftSnapshot) on the worker; `done` runs later.
    void finish(const crdt::SnapshotDraft &draft, std::function<void(const QByteArray &snapshot)> done);

    static const QString &refPlaceholder();
    // An encoded frame with refPlaceholder() as its ref, cut around it: {head, tail} ({frame} if
    // it has none).
    static Frame splitAtRef(const QByteArray &encoded);
    // The pieces of one client's reply, to send one after the other as one message: the head, the
    // request's ref, the tail (implicitly shared: no copy).
    static QByteArrayList withRef(const Frame &frame, const QJsonValue &ref);

    int encodings() const { return m_encodings; } // frames encoded so far: for tests

private:
    struct NoteJob
    {
        QByteArray cachedVersion;
        Frame cachedFrame;
        bool encoding = false;
        QByteArray encodingVersion;
        QList<FrameReady> current; // wait for the encoding in flight
        QList<FrameReady> next;    // came later: the note may have changed since it started
        SourceFn source;           // the latest caller's way to read the note
    };
    void start(const QString &key, NoteJob &job);
    void run(std::function<QByteArrayList()> work, std::function<void(const QByteArrayList &)> done);
    static void answer(const QList<FrameReady> &callers, const Frame &frame);

    QThreadPool m_pool;
    QHash<QString, NoteJob> m_jobs; // course/note →
    int m_encodings = 0;
};

} // namespace collab::server
