#pragma once

#include "protocol/clientmessages.h"

#include <QCommandLineParser>
#include <QJsonObject>
#include <QList>

namespace collab::cli {

// collab-cli's note-history flags (docs/cli.md, "Note history"): --note-history, --print-note
// --at TIME|VERSION, --name-version NAME [--at VERSION], --restore-version VERSION. Each becomes one
// request (note.history, note.at, note.name, note.restore) on the --note.
class NoteHistoryFlags
{
public:
    NoteHistoryFlags();
    QList<QCommandLineOption> options() const;
    // How many of its actions were given (--print-note --at counts as the action --print-note).
    int actionCount(const QCommandLineParser &p) const;
    // The request, once the note is known; `printNote`: --print-note was given. Sets `error` (one
    // line) and returns nullopt when the flags are wrong; nullopt without error: none given.
    std::optional<proto::ClientPayload> request(const QCommandLineParser &p, bool printNote, const QString &course,
                                                const QString &note, QString *error) const;

    // TIME|VERSION: a seq (digits), an ISO 8601 date-time, else a named version's name.
    static bool pointFromText(const QString &text, proto::NoteAt *at, QString *error);

private:
    QCommandLineOption m_noteHistory;
    QCommandLineOption m_at;
    QCommandLineOption m_nameVersion;
    QCommandLineOption m_restoreVersion;
};

// What collab-cli prints for the ack of a note-history request: one line per version for
// note.history, the text for note.at, one line for a name or a restore.
QStringList formatNoteHistoryAck(const proto::ClientPayload &request, const QJsonObject &fields);

} // namespace collab::cli
