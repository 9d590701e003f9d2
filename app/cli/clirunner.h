#pragma once

#include "cli/cliexitcode.h"
#include "cli/clioptions.h"

#include "client/collabclient.h"
#include "client/filetransfer.h"

#include <QObject>
#include <QTextStream>
#include <QTimer>

#include <memory>

#include <functional>

namespace collab::cli {

// Runs one collab-cli invocation: connect, join, do the action, print, and finish with an exit
// code (cliexitcode.h). Output goes to the given streams so tests can read it.
class CliRunner : public QObject
{
    Q_OBJECT
public:
    CliRunner(const CliOptions &options, QTextStream *out, QTextStream *err, QObject *parent = nullptr);

    void start();
    // SIGINT/SIGTERM: a listener stops with 0, anything unfinished with ExitInterrupted.
    void interrupt();
    bool isDone() const { return m_done; }
    int exitCode() const { return m_exitCode; }

Q_SIGNALS:
    void finished(int exitCode);

private:
    void onJoined(const proto::Joined &joined);
    void runAction();
    // --attach: uploads the files one by one (their ids in `ids`), then posts the message with them.
    void attachThenChat(int next, QStringList ids);
    void onActionResult(const client::RequestResult &result);
    // --export-note: writes the note's text to the file in the asked format, then actionDone().
    void exportNote(const QString &note, const QString &text, quint64 seq);
    // --export-course: downloads the zip of the ack's link into the directory and unpacks it.
    void downloadExport(const QString &ackUrl);
    // The action succeeded; a listener goes on, first printing the events held back during the
    // action except those its output already showed.
    void actionDone(const std::function<bool(const CourseEvent &)> &alreadyShown);
    void onStateChanged(client::CollabClient::ConnectionState state);
    void onDeadline();
    void printEvent(const CourseEvent &event);
    void printLine(const QString &line);
    void succeed();
    void fail(int code, const QString &message);
    void finish(int code);

    CliOptions m_options;
    QTextStream *m_out;
    QTextStream *m_err;
    client::CollabClient m_client;
    QTimer m_deadline;
    QString m_chatId;
    std::unique_ptr<client::FileTransfer> m_files; // --attach
    QList<FileRef> m_attached;                     // what the server stored for --attach
    QList<CourseEvent> m_heldBack; // events that arrived while the action ran (--listen)
    bool m_started = false;
    bool m_socketOpened = false; // reached the server at least once
    bool m_actionStarted = false;
    bool m_listening = false;
    bool m_done = false;
    int m_exitCode = ExitFailure;
};

} // namespace collab::cli
