#include "cli/clirunner.h"

#include <QFile>
#include <QFileInfo>

#include "cli/cliinteract.h"

#ifdef COLLAB_CLI_RICHTEXT
#include "noteexport.h"
#endif

#include "crdt/document.h"

#include "cli/cliformat.h"
#include "cli/climanage.h"
#include "cli/clinotehistory.h"
#include "cli/clisearch.h"
#include "cli/cliexport.h"
#include "client/exportdownload.h"
#include "client/servertrust.h"
#include "client/rosterupload.h"

#include <QDir>
#include <QSaveFile>
#include <QCoreApplication>

namespace collab::cli {

using client::CollabClient;
using client::RequestResult;

namespace {

client::ClientOptions clientOptions(const CliOptions &o)
{
    client::ClientOptions c;
    c.url = o.server;
    c.caCertificates = o.caCertificates;
    c.user = o.username;
    c.token = o.token;
    c.adminSecret = o.adminSecret;
    c.tokenPath = o.tokenFile;
    c.clientName = QStringLiteral("collab-cli/") + QCoreApplication::applicationVersion();
    c.ackTimeoutMs = o.timeoutMs;
    c.connectTimeoutMs = o.timeoutMs;
    c.autoReconnect = false; // a one-shot command reports a drop; --listen turns it on once joined
    return c;
}

QString seconds(int ms) { return QString::number(ms / 1000.0, 'g', 6) + QStringLiteral(" s"); }

} // namespace

CliRunner::CliRunner(const CliOptions &options, QTextStream *out, QTextStream *err, QObject *parent)
    : QObject(parent), m_options(options), m_out(out), m_err(err), m_client(clientOptions(options))
{
    m_deadline.setSingleShot(true);
    connect(&m_deadline, &QTimer::timeout, this, &CliRunner::onDeadline);
    connect(&m_client, &CollabClient::stateChanged, this, &CliRunner::onStateChanged);
    connect(&m_client, &CollabClient::sessionRejected, this, [this](const proto::ErrorReply &e) {
        fail(ExitRejected, QStringLiteral("the server refused user %1: %2").arg(m_options.username, formatError(e)));
    });
    connect(&m_client, &CollabClient::joinFailed, this, [this](const QString &course, const proto::ErrorReply &e) {
        fail(ExitRejected, QStringLiteral("cannot join %1: %2").arg(course, formatError(e)));
    });
    connect(&m_client, &CollabClient::kicked, this, [this](const QString &course, const QString &by, qint64 until) {
        fail(ExitRejected, QStringLiteral("%1 %2").arg(m_options.username, formatRemoval(course, by, until)));
    });
    connect(&m_client, &CollabClient::joined, this, &CliRunner::onJoined);
    // Creating a course (or anything as the administrator) needs no join: it starts once welcomed.
    connect(&m_client, &CollabClient::welcomed, this, [this] {
        if (m_options.manageWithoutJoin() && !m_actionStarted && !m_done) {
            m_actionStarted = true;
            runAction();
        }
    });
    connect(&m_client, &CollabClient::messageAcked, this,
            [this](const QString &clientMsgId, quint64 id, quint64 seq, bool duplicate) {
                if (clientMsgId != m_chatId)
                    return;
                if (m_options.json) {
                    printLine(jsonLine({{QStringLiteral("type"), QStringLiteral("ack")},
                                        {QStringLiteral("clientMsgId"), clientMsgId},
                                        {QStringLiteral("id"), double(id)},
                                        {QStringLiteral("seq"), double(seq)},
                                        {QStringLiteral("duplicate"), duplicate}}));
                } else {
                    ChatMessage m;
                    m.id = id;
                    m.channel = m_options.channel;
                    m.author = m_options.username;
                    m.text = m_options.chatText;
                    m.files = m_attached;
                    printLine(formatMessage(m));
                }
                actionDone([seq](const CourseEvent &e) { return e.seq == seq; }); // our own message
            });
    connect(&m_client, &CollabClient::messageFailed, this, [this](const QString &clientMsgId, const proto::ErrorReply &e) {
        if (clientMsgId == m_chatId)
            fail(ExitRejected, QStringLiteral("message not accepted: %1").arg(formatError(e)));
    });
    connect(&m_client, &CollabClient::eventReceived, this, [this](const CourseEvent &e) {
        if (m_listening)
            printEvent(e);
        else if (m_options.listen && m_actionStarted)
            m_heldBack << e; // during the action: printed after its result, in order
    });
    connect(&m_client, &CollabClient::presenceChanged, this, [this](const proto::Presence &p) {
        if (m_listening)
            printLine(m_options.json ? QString::fromUtf8(proto::encode(p)) : formatPresence(p));
    });
    connect(&m_client, &CollabClient::typingChanged, this, [this](const proto::TypingNotice &t) {
        if (m_listening)
            printLine(m_options.json ? QString::fromUtf8(proto::encode(t)) : formatTyping(t));
    });
    connect(&m_client, &CollabClient::reloadRequired, this, [this](const QString &course) {
        if (m_listening && !m_done)
            *m_err << "collab-cli: the server could not replay what " << course
                   << " missed during the outage; events continue from now" << Qt::endl;
    });
    connect(&m_client, &CollabClient::connectionLost, this, [this](const QString &reason) {
        if (m_listening && !m_done)
            *m_err << "collab-cli: connection lost (" << reason << "); reconnecting" << Qt::endl;
    });
}

void CliRunner::start()
{
    if (m_started)
        return;
    m_started = true;
    if (!m_options.manageWithoutJoin())
        m_client.join(m_options.course, m_options.joinCode);
    m_deadline.start(m_options.timeoutMs);
    m_client.open();
}

void CliRunner::interrupt()
{
    if (m_done)
        return;
    if (m_listening)
        succeed();
    else
        fail(ExitInterrupted, QStringLiteral("interrupted"));
}

void CliRunner::onJoined(const proto::Joined &)
{
    // Later `joined` are resumes of a listener after a reconnect: nothing more to do.
    if (m_actionStarted || m_done)
        return;
    m_actionStarted = true;
    runAction();
}

void CliRunner::runAction()
{
    const QString course = m_options.course;
    switch (m_options.action) {
    case CliAction::Chat:
        attachThenChat(0, {});
        return;
    case CliAction::Edit: {
        proto::EditAction a;
        a.course = course;
        a.note = m_options.note;
        a.action = m_options.editAction;
        a.text = m_options.text;
        a.line = m_options.line;
        a.word = m_options.word;
        m_client.editAction(a, [this](const RequestResult &r) { onActionResult(r); });
        return;
    }
    case CliAction::History:
        m_client.requestHistory(course, m_options.channel, 0, m_options.historyCount,
                                [this](const RequestResult &r) { onActionResult(r); });
        return;
    case CliAction::PrintNote:
    case CliAction::ExportNote:
        m_client.sendRequest(proto::NoteSync{course, m_options.note, {}}, [this](const RequestResult &r) { onActionResult(r); });
        return;
    case CliAction::Manage:
        // A roster larger than one frame goes in parts (client::uploadRoster); the last part's ack is the import's.
        if (const auto *roster = std::get_if<proto::RosterImport>(&*m_options.manage))
            client::uploadRoster(&m_client, roster->course, roster->csv, [this](const RequestResult &r) { onActionResult(r); });
        else
            m_client.sendRequest(*m_options.manage, [this](const RequestResult &r) { onActionResult(r); });
        return;
    case CliAction::Search: {
        proto::Search search;
        search.course = course;
        search.q = m_options.searchQuery;
        if (m_options.channelGiven)
            search.channel = m_options.channel;
        m_client.sendRequest(search, [this](const RequestResult &r) { onActionResult(r); });
        return;
    }
    case CliAction::Interact:
        m_client.sendRequest(*m_options.interact, [this](const RequestResult &r) { onActionResult(r); });
        return;
    case CliAction::NoteHistory:
        m_client.sendRequest(*m_options.noteHistory, [this](const RequestResult &r) { onActionResult(r); });
        return;
    case CliAction::ExportCourse:
        m_client.sendRequest(proto::CourseExport{course}, [this](const RequestResult &r) { onActionResult(r); });
        return;
    case CliAction::None:
        actionDone({});
        return;
    }
}

void CliRunner::exportNote(const QString &note, const QString &text, quint64 seq)
{
    auto done = [this, note, seq](const QString &error) {
        if (!error.isEmpty())
            return fail(ExitFailure, error);
        if (m_options.json)
            printLine(jsonLine(QJsonObject{{QStringLiteral("note"), note}, {QStringLiteral("exported"), m_options.exportFile},
                                           {QStringLiteral("format"), m_options.exportFormat},
                                           {QStringLiteral("seq"), double(seq)}}));
        else
            printLine(QStringLiteral("[note %1] exported to %2 (%3)").arg(note, m_options.exportFile, m_options.exportFormat));
        actionDone([seq, note](const CourseEvent &e) {
            return e.seq <= seq && e.data.value(QLatin1String("note")).toString() == note;
        });
    };
    if (m_options.exportFormat == QLatin1String("md")) {
        // The note is its Markdown source: written as it is.
        QSaveFile file(m_options.exportFile);
        if (!file.open(QIODevice::WriteOnly) || file.write(text.toUtf8()) < 0 || !file.commit())
            return done(QStringLiteral("cannot write %1: %2").arg(m_options.exportFile, file.errorString()));
        return done({});
    }
#ifdef COLLAB_CLI_RICHTEXT
    richtext::NoteExport::Format format;
    richtext::NoteExport::parseFormat(m_options.exportFormat, &format);
    auto *job = new richtext::NoteExport(note, text, this);
    connect(job, &richtext::NoteExport::ready, this, [job, format, done, this] {
        QString error;
        job->write(format, m_options.exportFile, &error);
        job->deleteLater();
        done(error);
    });
    job->prepare(std::max(1000, m_options.timeoutMs));
#else
    done(QStringLiteral("this collab-cli exports notes as md only"));
#endif
}

// --export-course DIR: the zip comes over HTTP (the ack's one-use link), is written into DIR as
// it arrives, then unpacked there and removed.
void CliRunner::downloadExport(const QString &ackUrl)
{
    const QString dir = m_options.exportCourseDir;
    if (!QDir().mkpath(dir))
        return fail(ExitFailure, QStringLiteral("cannot create %1").arg(dir));
    const QString zipPath = QDir(dir).filePath(QStringLiteral(".collab-export.zip"));
    auto *download = new client::ExportDownload(client::webSocketUrl(m_options.server), ackUrl, zipPath, m_options.caCertificates, this);
    connect(download, &client::ExportDownload::progress, this, [this] { m_deadline.start(m_options.timeoutMs); });
    connect(download, &client::ExportDownload::finished, this, [this, download, dir, zipPath](const QString &error) {
        download->deleteLater();
        if (!error.isEmpty())
            return fail(ExitRejected, error);
        QString unpackError;
        const int files = unpackExport(zipPath, dir, &unpackError);
        QFile::remove(zipPath);
        if (files < 0)
            return fail(ExitFailure, unpackError);
        if (m_options.json)
            printLine(jsonLine(QJsonObject{{QStringLiteral("course"), m_options.course}, {QStringLiteral("exported"), dir},
                                           {QStringLiteral("files"), files}}));
        else
            printLine(QStringLiteral("[course %1] exported to %2: %3 files (course.json, events.jsonl, notes/, channels/)")
                          .arg(m_options.course, dir)
                          .arg(files));
        actionDone([](const CourseEvent &) { return false; });
    });
    m_deadline.start(m_options.timeoutMs);
    download->start();
}

void CliRunner::attachThenChat(int next, QStringList ids)
{
    if (m_done)
        return;
    if (next < m_options.attachments.size()) {
        const QString path = m_options.attachments[next];
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return fail(ExitFailure, QStringLiteral("--attach: cannot read '%1': %2").arg(path, file.errorString()));
        const QByteArray bytes = file.readAll();
        if (!m_files)
            m_files = std::make_unique<client::FileTransfer>(m_client);
        m_files->upload(m_options.course, QFileInfo(path).fileName(), bytes, [this, path, next, ids](const client::FileTransferResult &r) mutable {
            if (!r.ok)
                return fail(r.status ? ExitRejected : ExitFailure, QStringLiteral("file not accepted: %1: %2").arg(QFileInfo(path).fileName(), r.error));
            if (!m_options.json)
                *m_err << "collab-cli: attached " << r.file.name << " (" << r.file.size << " bytes, " << r.file.type << ")" << Qt::endl;
            ids << r.file.id;
            m_attached << r.file;
            attachThenChat(next + 1, ids);
        });
        return;
    }
    client::ChatExtras extras{m_options.replyTo, m_options.question, m_options.anonymous, ids};
    m_chatId = m_client.sendChat(m_options.course, m_options.channel, m_options.chatText, extras);
}

void CliRunner::onActionResult(const RequestResult &r)
{
    if (m_done)
        return;
    switch (r.status) {
    case RequestResult::Status::Replied:
        if (const auto *page = r.replyAs<proto::HistoryPage>()) {
            for (const ChatMessage &m : page->messages)
                printLine(m_options.json ? jsonLine(m.toJson()) : formatMessage(m));
            // The page shows the channel as of page->seq.
            actionDone([seq = page->seq, channel = page->channel](const CourseEvent &e) {
                return e.seq <= seq && e.data.value(QLatin1String("channel")).toString() == channel;
            });
            return;
        }
        if (const auto *state = r.replyAs<proto::NoteState>()) {
            // A fresh replica asked for everything: the server sends the whole note as a snapshot.
            auto doc = crdt::Document::decodeSnapshot(state->snapshot, 1);
            if (!doc.ok()) {
                fail(ExitFailure, QStringLiteral("the server sent an unreadable note: %1").arg(doc.error().message));
                return;
            }
            if (m_options.action == CliAction::ExportNote) {
                exportNote(state->note, doc.value().text(), state->seq);
                return;
            }
            if (m_options.json)
                printLine(jsonLine(QJsonObject{{QStringLiteral("note"), state->note}, {QStringLiteral("text"), doc.value().text()},
                                               {QStringLiteral("seq"), double(state->seq)}}));
            else
                *m_out << doc.value().text() << (doc.value().text().endsWith(QLatin1Char('\n')) ? "" : "\n");
            m_out->flush();
            actionDone([seq = state->seq, note = state->note](const CourseEvent &e) {
                return e.seq <= seq && e.data.value(QLatin1String("note")).toString() == note;
            });
            return;
        }
        if (const auto *ack = r.ack(); ack && m_options.action == CliAction::Search) {
            QString error;
            const SearchOutput found = searchOutputFrom(ack->fields, &error);
            if (!error.isEmpty())
                return fail(ExitFailure, error);
            for (const proto::SearchHit &hit : found.hits)
                printLine(m_options.json ? jsonLine(hit.toJson()) : formatSearchHit(hit));
            if (!m_options.json && found.hits.isEmpty())
                printLine(QStringLiteral("no message matches"));
            else if (!m_options.json && found.more)
                printLine(QStringLiteral("(more matches: narrow the search with more words or filters)"));
            actionDone([](const CourseEvent &) { return false; });
            return;
        }
        if (const auto *ack = r.ack(); ack && m_options.action == CliAction::ExportCourse) {
            downloadExport(ack->fields.value(QLatin1String("url")).toString());
            return;
        }
        if (const auto *ack = r.ack(); ack && m_options.action == CliAction::NoteHistory) {
            if (m_options.json) {
                QJsonObject o = ack->fields;
                o.insert(QStringLiteral("type"), QStringLiteral("ack"));
                printLine(jsonLine(o));
            } else {
                for (const QString &line : formatNoteHistoryAck(*m_options.noteHistory, ack->fields))
                    printLine(line);
            }
            const quint64 seq = quint64(ack->fields.value(QLatin1String("seq")).toDouble());
            const bool changes = std::holds_alternative<proto::NoteNameVersion>(*m_options.noteHistory)
                                 || std::holds_alternative<proto::NoteRestore>(*m_options.noteHistory);
            actionDone([seq, changes](const CourseEvent &e) { return changes && seq && e.seq == seq; });
            return;
        }
        if (const auto *ack = r.ack(); ack && (m_options.action == CliAction::Manage || m_options.action == CliAction::Interact)) {
            if (m_options.json) {
                QJsonObject o = ack->fields;
                o.insert(QStringLiteral("type"), QStringLiteral("ack"));
                printLine(jsonLine(o));
            } else if (m_options.action == CliAction::Interact) {
                printLine(formatInteraction(*m_options.interact, ack->fields));
            } else {
                printLine(formatManaged(*m_options.manage, ack->fields, m_options.server.toString()));
            }
            const quint64 seq = quint64(ack->fields.value(QLatin1String("seq")).toDouble());
            actionDone([seq](const CourseEvent &e) { return seq && e.seq == seq; });
            return;
        }
        if (const auto *ack = r.ack()) {
            QJsonObject o = ack->toJson();
            o.insert(QStringLiteral("type"), QStringLiteral("ack"));
            if (m_options.json)
                printLine(jsonLine(o));
            else
                printLine(QStringLiteral("[note %1] %2 ok%3")
                              .arg(m_options.note, m_options.editAction,
                                   o.contains(QLatin1String("seq"))
                                       ? QStringLiteral(" #") + QString::number(qint64(o.value(QLatin1String("seq")).toDouble()))
                                       : QString()));
            const quint64 seq = quint64(o.value(QLatin1String("seq")).toDouble());
            actionDone([seq](const CourseEvent &e) { return seq && e.seq == seq; }); // our own edit
            return;
        }
        fail(ExitFailure, QStringLiteral("unexpected reply from the server"));
        return;
    case RequestResult::Status::Rejected:
        fail(ExitRejected, QStringLiteral("rejected by the server: %1").arg(formatError(r.error)));
        return;
    case RequestResult::Status::TimedOut:
        fail(ExitTimeout, QStringLiteral("no answer from %1 within %2").arg(m_options.server.toString(), seconds(m_options.timeoutMs)));
        return;
    case RequestResult::Status::ConnectionLost:
        fail(ExitCannotConnect, QStringLiteral("connection to %1 lost: %2").arg(m_options.server.toString(), m_client.lastError()));
        return;
    }
}

void CliRunner::actionDone(const std::function<bool(const CourseEvent &)> &alreadyShown)
{
    if (!m_options.listen) {
        succeed();
        return;
    }
    // What happened while the action ran, minus what its output already showed.
    for (const CourseEvent &e : std::as_const(m_heldBack))
        if (!alreadyShown || !alreadyShown(e))
            printEvent(e);
    m_heldBack.clear();
    m_listening = true;
    m_deadline.stop(); // a listener runs until it is stopped
    m_client.setAutoReconnect(true);
}

void CliRunner::onStateChanged(CollabClient::ConnectionState state)
{
    if (state == CollabClient::ConnectionState::Handshaking)
        m_socketOpened = true;
    if (state != CollabClient::ConnectionState::Disconnected || m_done || !m_started)
        return;
    if (!m_socketOpened)
        fail(ExitCannotConnect, QStringLiteral("cannot connect to %1: %2").arg(m_options.server.toString(), m_client.lastError()));
    else if (!m_listening)
        fail(ExitCannotConnect, QStringLiteral("connection to %1 lost: %2").arg(m_options.server.toString(), m_client.lastError()));
}

void CliRunner::onDeadline()
{
    if (m_socketOpened)
        fail(ExitTimeout, QStringLiteral("no answer from %1 within %2").arg(m_options.server.toString(), seconds(m_options.timeoutMs)));
    else
        fail(ExitCannotConnect, QStringLiteral("cannot connect to %1 within %2").arg(m_options.server.toString(), seconds(m_options.timeoutMs)));
}

void CliRunner::printEvent(const CourseEvent &e) { printLine(m_options.json ? jsonLine(e.toJson()) : formatEvent(e)); }

void CliRunner::printLine(const QString &line)
{
    *m_out << line << Qt::endl; // flushed per line: a listener is read by pipes and scripts
}

void CliRunner::succeed() { finish(ExitOk); }

void CliRunner::fail(int code, const QString &message)
{
    if (m_done)
        return;
    *m_err << "collab-cli: " << message << Qt::endl;
    finish(code);
}

void CliRunner::finish(int code)
{
    if (m_done)
        return;
    m_done = true;
    m_exitCode = code;
    m_deadline.stop();
    m_client.close();
    // Queued: the caller may be deep inside a client signal.
    QMetaObject::invokeMethod(this, [this, code] { Q_EMIT finished(code); }, Qt::QueuedConnection);
}

} // namespace collab::cli
