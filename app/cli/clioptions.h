#pragma once

#include "protocol/clientmessages.h"

#include <QSslCertificate>
#include <QStringList>
#include <QUrl>

namespace collab::cli {

enum class CliAction { None, Chat, Edit, History, PrintNote, Manage, ExportNote, Search, Interact, NoteHistory, ExportCourse };

// What collab-cli was asked to do, validated: a CliOptions from parseCommandLine() is runnable.
struct CliOptions
{
    QUrl server{QStringLiteral("ws://127.0.0.1:8080/ws")};
    QString course;
    QString username;
    QString joinCode;
    QString channel = QStringLiteral("general");
    CliAction action = CliAction::None;
    QString chatText;                    // --chat
    quint64 replyTo = 0;                 // --reply-to ID (with --chat)
    bool question = false;               // --question (with --chat)
    bool anonymous = false;              // --anonymous (with --chat)
    QStringList attachments;             // --attach FILE, repeatable (with --chat): uploaded, then posted with the message
    std::optional<proto::ClientPayload> interact; // CliAction::Interact: a course interaction (cliinteract.h)
    QString editAction;                  // --edit typing|insert_line|delete_word
    QString note = QStringLiteral("class-notes");
    QString text;                        // --text (insert_line)
    qint64 line = -1;                    // --line (insert_line; -1 appends)
    qint64 word = -1;                    // --word (delete_word; -1: the last word)
    int historyCount = 0;                // --history N
    QString searchQuery;                 // --search QUERY
    bool channelGiven = false;           // --channel was given (--search: only that channel)
    QString exportFile;                  // --export-note FILE
    QString exportFormat;                // --format md|html|pdf (default: FILE's suffix)
    QString exportCourseDir;             // --export-course DIR (cliexport.h)
    bool listen = false;                 // --listen (after the action, if any)
    int timeoutMs = 10000;               // --timeout SECONDS
    bool json = false;                   // --json
    QString token;                       // --token (an instructor's secret) or $COLLAB_TOKEN
    QString tokenFile;                   // --token-file, or $COLLAB_TOKEN_FILE, or the default below
    QList<QSslCertificate> caCertificates; // --ca-file: trusted besides the system's CAs (wss)
    std::optional<proto::ClientPayload> noteHistory; // CliAction::NoteHistory: note.history/at/name/restore (clinotehistory.h)
    std::optional<proto::ClientPayload> manage; // CliAction::Manage: the request that runs the course (climanage.h)
    QString adminSecret;                 // --admin-secret, --admin-secret-file or $COLLAB_ADMIN_SECRET
    // Manage without a join: creating a course, or anything as the administrator (who needs none).
    bool manageWithoutJoin() const { return action == CliAction::Manage && (!adminSecret.isEmpty() || std::holds_alternative<proto::CourseCreate>(*manage)); }
};

struct ParseOutcome
{
    enum class Status { Run, Help, Version, Error };
    Status status = Status::Error;
    CliOptions options;
    QString error; // Status::Error: one line
};

// Parses argv (args[0] is the program name). envJoinCode: $COLLAB_JOIN_CODE, used without --join-code.
ParseOutcome parseCommandLine(const QStringList &args, const QString &envJoinCode = QString());
// Where the CLI keeps the tokens of the names it claimed: $COLLAB_TOKEN_FILE, else
// ~/.local/share/CourseCollab/cli-tokens.json.
QString defaultTokenFile();
QString helpText();

} // namespace collab::cli
