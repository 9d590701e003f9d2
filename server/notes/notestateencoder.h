#pragma once

#include "crdt/document.h"

#include <QByteArray>
#include <QHash>
#include <QJsonValue>
#include <QList>
#include <QObject>
#include <QThreadPool>

#include <functional>

namespace collab::server {

// Encodes whole-note snapshots off the thread that serves the courses. Reading the document
// (encodeSnapshotRaw, linear and quick) happens on the caller's thread; compressing it and
// writing the note.state frame (base64, JSON: the slow part, ~0.5 s for a note of several MB)
// happen on a worker thread, and the result comes back through the event loop. Frames are
// cached per note and version, so ten fresh clients loading the same note cost one encoding.
class NoteStateEncoder : public QObject
{
    Q_OBJECT
public:
    // The note.state frame, with RefPlaceholder where the request's ref goes (withRef).
    using FrameReady = std::function<void(const QByteArray &frame)>;

    explicit NoteStateEncoder(QObject *parent = nullptr);
    ~NoteStateEncoder() override;

    // The note.state frame holding a snapshot of `doc` as it is now (seq: the course's seq the
    // state is consistent with). `ready` runs later, from the event loop, never inside this call.
    void snapshotFrame(const QString &course, const QString &note, const crdt::Document &doc, quint64 seq,
                       FrameReady ready);
    // Compresses a raw snapshot (Document::encodeSnapshotRaw) on the worker; `done` runs later.
    void compress(const QByteArray &raw, std::function<void(const QByteArray &snapshot)> done);

    // A cached frame with the request's ref put in.
    static QByteArray withRef(const QByteArray &frame, const QJsonValue &ref);
    static const QString &refPlaceholder();

    int encodings() const { return m_encodings; } // frames encoded so far: for tests

private:
    struct Cached
    {
        QByteArray versionKey;
        QByteArray frame;
    };
    void run(std::function<QByteArray()> work, std::function<void(const QByteArray &)> done);

    QThreadPool m_pool;
    QHash<QString, Cached> m_cache;                       // course/note → the latest frame
    QHash<QString, QList<FrameReady>> m_waiting;          // course/note + version → callers of an encoding in flight
    int m_encodings = 0;
};

} // namespace collab::server
