#include "cli/clioptions.h"

#include "cli/cliexport.h"

#include "cli/cliinteract.h"
#include "cli/climanage.h"
#include "cli/clinotehistory.h"

#include "client/servertrust.h"
#include "protocol/ids.h"
#include "protocol/limits.h"
#include "model/chatmessage.h"

#include <QCommandLineParser>
#include <QFileInfo>
#include <QStandardPaths>

namespace collab::cli {

namespace {

// A file --attach reads whole into memory; the server's own limit (25 MB by default) decides.
constexpr qint64 MaxAttachmentBytes = qint64(1) << 30;


QCommandLineOption valueOption(const char *name, const char *valueName)
{
    return QCommandLineOption(QLatin1String(name), QString(), QLatin1String(valueName));
}

ParseOutcome fail(const QString &message)
{
    ParseOutcome out;
    out.status = ParseOutcome::Status::Error;
    out.error = message;
    return out;
}

// A whole non-negative number, or nullopt.
std::optional<qint64> nonNegative(const QString &text)
{
    bool ok = false;
    const qint64 v = text.toLongLong(&ok);
    if (!ok || v < 0)
        return std::nullopt;
    return v;
}

} // namespace

QString defaultTokenFile()
{
    const QString env = qEnvironmentVariable("COLLAB_TOKEN_FILE");
    if (!env.isEmpty())
        return env;
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + QStringLiteral("/CourseCollab/cli-tokens.json");
}

ParseOutcome parseCommandLine(const QStringList &args, const QString &envJoinCode)
{
    QCommandLineParser p;
    p.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QCommandLineOption help(QStringList{QStringLiteral("h"), QStringLiteral("help")});
    const QCommandLineOption version(QStringLiteral("version"));
    const QCommandLineOption server = valueOption("server", "url");
    const QCommandLineOption course = valueOption("course", "id");
    const QCommandLineOption username = valueOption("username", "name");
    const QCommandLineOption joinCode = valueOption("join-code", "code");
    const QCommandLineOption channel = valueOption("channel", "name");
    const QCommandLineOption chat = valueOption("chat", "text");
    const QCommandLineOption attach = valueOption("attach", "file");
    const QCommandLineOption edit = valueOption("edit", "action");
    const QCommandLineOption note = valueOption("note", "name");
    const QCommandLineOption text = valueOption("text", "text");
    const QCommandLineOption line = valueOption("line", "n");
    const QCommandLineOption word = valueOption("word", "n");
    const QCommandLineOption history = valueOption("history", "n");
    const QCommandLineOption search = valueOption("search", "query");
    const QCommandLineOption listen(QStringLiteral("listen"));
    const QCommandLineOption printNote(QStringLiteral("print-note"));
    const QCommandLineOption exportNote = valueOption("export-note", "file");
    const QCommandLineOption format = valueOption("format", "md|html|pdf");
    const QCommandLineOption exportCourse = valueOption("export-course", "dir");
    const QCommandLineOption timeout = valueOption("timeout", "seconds");
    const QCommandLineOption json(QStringLiteral("json"));
    const QCommandLineOption token = valueOption("token", "secret");
    const QCommandLineOption tokenFile = valueOption("token-file", "file");
    const QCommandLineOption caFile = valueOption("ca-file", "file");
    p.addOptions({help, version, server, course, username, joinCode, channel, chat, attach, edit, note, text, line, word,
                  history, search, listen, timeout, json, token, tokenFile, printNote, exportNote, format, caFile, exportCourse});
    const ManageFlags manage;
    p.addOptions(manage.options());
    const InteractFlags interact;
    p.addOptions(interact.options());
    const NoteHistoryFlags noteHistory;
    p.addOptions(noteHistory.options());

    if (!p.parse(args))
        return fail(p.errorText());
    if (p.isSet(help)) {
        ParseOutcome out;
        out.status = ParseOutcome::Status::Help;
        return out;
    }
    if (p.isSet(version)) {
        ParseOutcome out;
        out.status = ParseOutcome::Status::Version;
        return out;
    }
    if (!p.positionalArguments().isEmpty() && !interact.takesPositional(p))
        return fail(QStringLiteral("unexpected argument '%1'").arg(p.positionalArguments().constFirst()));

    CliOptions o;
    if (p.isSet(server)) {
        o.server = client::webSocketUrl(QUrl(p.value(server), QUrl::StrictMode));
        if (!o.server.isValid())
            return fail(QStringLiteral("--server must be a ws://, wss://, http:// or https:// URL, not '%1'")
                            .arg(p.value(server)));
    }
    if (p.isSet(caFile)) {
        QString error;
        o.caCertificates = client::loadCaFile(p.value(caFile), &error);
        if (o.caCertificates.isEmpty())
            return fail(QStringLiteral("--ca-file: %1").arg(error));
    }
    o.course = p.value(course);
    o.username = p.value(username);
    if (manage.createsCourse(p) && o.course.isEmpty())
        o.course = p.value(QStringLiteral("create-course"));
    if (o.course.isEmpty())
        return fail(QStringLiteral("--course is required"));
    if (!isValidId(o.course))
        return fail(QStringLiteral("--course must match [A-Za-z0-9._-]{1,64}"));
    if (o.username.isEmpty())
        return fail(QStringLiteral("--username is required"));
    if (!isValidId(o.username))
        return fail(QStringLiteral("--username must match [A-Za-z0-9._-]{1,64}"));
    o.joinCode = p.isSet(joinCode) ? p.value(joinCode) : envJoinCode;
    o.token = p.isSet(token) ? p.value(token) : qEnvironmentVariable("COLLAB_TOKEN");
    o.tokenFile = p.isSet(tokenFile) ? p.value(tokenFile) : defaultTokenFile();
    if (o.joinCode.size() > limits::MaxJoinCodeLength)
        return fail(QStringLiteral("--join-code is longer than %1 characters").arg(limits::MaxJoinCodeLength));
    o.channelGiven = p.isSet(channel);
    if (p.isSet(channel))
        o.channel = p.value(channel);
    if (!isValidId(o.channel))
        return fail(QStringLiteral("--channel must match [A-Za-z0-9._-]{1,64}"));

    int actions = 0;
    if (p.isSet(chat)) {
        ++actions;
        o.action = CliAction::Chat;
        o.chatText = p.value(chat);
        o.attachments = p.values(attach);
        if (o.chatText.trimmed().isEmpty() && o.attachments.isEmpty())
            return fail(QStringLiteral("--chat needs a non-empty text"));
        if (o.attachments.size() > FileRef::MaxPerMessage)
            return fail(QStringLiteral("--attach: a message carries at most %1 files").arg(FileRef::MaxPerMessage));
        for (const QString &file : std::as_const(o.attachments)) {
            const QFileInfo info(file);
            if (!info.isFile() || !info.isReadable())
                return fail(QStringLiteral("--attach: cannot read the file '%1'").arg(file));
            if (info.size() > MaxAttachmentBytes)
                return fail(QStringLiteral("--attach: '%1' is over 1 GiB").arg(file));
        }
    }
    if (p.isSet(attach) && !p.isSet(chat))
        return fail(QStringLiteral("--attach goes with --chat (the message the files are posted with)"));
    if (p.isSet(edit)) {
        ++actions;
        o.action = CliAction::Edit;
        o.editAction = p.value(edit);
        const QStringList known{QStringLiteral("typing"), QStringLiteral("insert_line"), QStringLiteral("delete_word")};
        if (!known.contains(o.editAction))
            return fail(QStringLiteral("--edit must be typing, insert_line or delete_word, not '%1'").arg(o.editAction));
    }
    if (p.isSet(history)) {
        ++actions;
        o.action = CliAction::History;
        bool ok = false;
        o.historyCount = p.value(history).toInt(&ok);
        if (!ok || o.historyCount < 1 || o.historyCount > limits::MaxHistory)
            return fail(QStringLiteral("--history must be a number from 1 to %1").arg(limits::MaxHistory));
    }
    if (p.isSet(search)) {
        ++actions;
        o.action = CliAction::Search;
        o.searchQuery = p.value(search);
        if (o.searchQuery.trimmed().isEmpty())
            return fail(QStringLiteral("--search needs words to find (see docs/cli.md, \"Searching\")"));
        if (o.searchQuery.toUtf8().size() > proto::Search::MaxQueryBytes)
            return fail(QStringLiteral("--search: the query is over %1 bytes").arg(proto::Search::MaxQueryBytes));
    }
    if (p.isSet(printNote)) {
        ++actions;
        o.action = CliAction::PrintNote;
    }
    if (const int historyActions = noteHistory.actionCount(p); historyActions > 0) {
        actions += historyActions;
        o.action = CliAction::NoteHistory;
    }
    if (p.isSet(exportNote)) {
        ++actions;
        o.action = CliAction::ExportNote;
        o.exportFile = p.value(exportNote);
        if (o.exportFile.isEmpty())
            return fail(QStringLiteral("--export-note needs a file name"));
        o.exportFormat = p.isSet(format) ? p.value(format).toLower() : QFileInfo(o.exportFile).suffix().toLower();
        if (o.exportFormat == QLatin1String("markdown"))
            o.exportFormat = QStringLiteral("md");
        if (o.exportFormat != QLatin1String("md") && o.exportFormat != QLatin1String("html")
            && o.exportFormat != QLatin1String("pdf"))
            return fail(QStringLiteral("--format must be md, html or pdf%1")
                            .arg(p.isSet(format) ? QStringLiteral(", not '%1'").arg(p.value(format))
                                                 : QStringLiteral(" (or FILE end in .md, .html or .pdf)")));
#ifndef COLLAB_CLI_RICHTEXT
        if (o.exportFormat != QLatin1String("md"))
            return fail(QStringLiteral("this collab-cli was built without rich text (COLLAB_BUILD_DESKTOP=OFF): "
                                       "it exports notes as md only"));
#endif
    } else if (p.isSet(format)) {
        return fail(QStringLiteral("--format goes with --export-note"));
    }
    if (p.isSet(exportCourse)) {
        ++actions;
        o.action = CliAction::ExportCourse;
        o.exportCourseDir = p.value(exportCourse);
        if (o.exportCourseDir.isEmpty())
            return fail(QStringLiteral("--export-course needs a directory"));
        if (const QString problem = exportDirectoryProblem(o.exportCourseDir); !problem.isEmpty())
            return fail(QStringLiteral("--export-course: ") + problem);
    }
    if (const int manageActions = manage.actionCount(p); manageActions > 0) {
        actions += manageActions;
        if (actions > 1)
            return fail(QStringLiteral("use one action at a time (--chat, --edit, --history, --search, --print-note, --export-note, or one that runs the course)"));
        QString error;
        o.action = CliAction::Manage;
        o.manage = manage.request(p, o.course, o.username, &error);
        if (!error.isEmpty())
            return fail(error);
    }
    if (const QString misplaced = manage.misplaced(p); !misplaced.isEmpty())
        return fail(misplaced);
    if (const int interactActions = interact.actionCount(p); interactActions > 0) {
        actions += interactActions;
        if (actions > 1)
            return fail(QStringLiteral("use one action at a time (--chat, --react, --pin, --poll, --vote, --queue-join, ...)"));
        QString error;
        o.action = CliAction::Interact;
        o.interact = interact.request(p, o.course, o.channel, &error);
        if (!error.isEmpty())
            return fail(error);
    }
    if (const QString misplaced = interact.misplaced(p); !misplaced.isEmpty())
        return fail(misplaced);
    if (const QString error = interact.chatOptions(p, o.action == CliAction::Chat, &o.replyTo, &o.question, &o.anonymous); !error.isEmpty())
        return fail(error);
    {
        QString error;
        o.adminSecret = manage.adminSecret(p, &error);
        if (!error.isEmpty())
            return fail(error);
    }
    o.listen = p.isSet(listen);
    if (actions > 1)
        return fail(QStringLiteral("use only one of --chat, --edit, --history, --search, --print-note and --export-note"));
    if (actions == 0 && !o.listen)
        return fail(QStringLiteral("nothing to do: give --chat, --edit, --history, --search, --print-note, --export-note, --listen or a course action (see --help)"));

    const bool editDetails = p.isSet(text) || p.isSet(line) || p.isSet(word);
    if (editDetails && o.action != CliAction::Edit)
        return fail(QStringLiteral("--text, --line and --word go with --edit"));
    if (p.isSet(note) && o.action != CliAction::Edit && o.action != CliAction::PrintNote
        && o.action != CliAction::ExportNote && o.action != CliAction::NoteHistory)
        return fail(QStringLiteral("--note goes with --edit, --print-note, --export-note or a note-history action"));
    if (p.isSet(note)) {
        o.note = p.value(note);
        if (!isValidId(o.note))
            return fail(QStringLiteral("--note must match [A-Za-z0-9._-]{1,64}"));
    }
    {
        QString error;
        o.noteHistory = noteHistory.request(p, o.action == CliAction::PrintNote, o.course, o.note, &error);
        if (!error.isEmpty())
            return fail(error);
        if (o.noteHistory) // --print-note --at: the text at that point
            o.action = CliAction::NoteHistory;
    }
    o.text = p.value(text);
    if (p.isSet(line)) {
        const auto v = nonNegative(p.value(line));
        if (!v)
            return fail(QStringLiteral("--line must be a whole number >= 0"));
        o.line = *v;
    }
    if (p.isSet(word)) {
        const auto v = nonNegative(p.value(word));
        if (!v)
            return fail(QStringLiteral("--word must be a whole number >= 0"));
        o.word = *v;
    }

    if (p.isSet(timeout)) {
        bool ok = false;
        const double seconds = p.value(timeout).toDouble(&ok);
        if (!ok || !(seconds > 0) || seconds > 86400)
            return fail(QStringLiteral("--timeout must be a number of seconds > 0"));
        o.timeoutMs = qMax(1, int(seconds * 1000));
    }
    o.json = p.isSet(json);

    ParseOutcome out;
    out.status = ParseOutcome::Status::Run;
    out.options = o;
    return out;
}

QString helpText()
{
    return QStringLiteral(
        "Usage: collab-cli --course ID --username NAME [--join-code CODE] ACTION [options]\n"
        "\n"
        "Talks to a CourseCollab server over its WebSocket protocol.\n"
        "\n"
        "Actions (one of --chat, --edit, --history, --search, --print-note; --listen alone or after one of them):\n"
        "  --chat TEXT            post TEXT to the channel; prints the stored message\n"
        "      --attach FILE      upload FILE to the course first and post it with the message (repeat for\n"
        "                         more, at most 10; TEXT may then be empty)\n"
        "  --edit ACTION          a note action: typing | insert_line | delete_word\n"
        "      --note NAME        the note (default: class-notes)\n"
        "      --text TEXT        the line to insert (insert_line)\n"
        "      --line N           where to insert (insert_line; default: append)\n"
        "      --word N           which word to delete (delete_word; default: the last)\n"
        "  --history N            print the last N messages of the channel, oldest first (1-500)\n"
        "  --search QUERY         search the course's messages, best first (20 at most); with --channel,\n"
        "                         that channel only. QUERY: words, \"a phrase\", prefix*, -word,\n"
        "                         from:USER in:#CHANNEL before:YYYY-MM-DD after:YYYY-MM-DD\n"
        "                         is:question has:code has:file\n"
        "  --print-note           print the note's current text (--note NAME, default: class-notes)\n"
        "      --at TIME|VERSION  the text as it was then: TIME an ISO date-time (2026-10-03T14:00),\n"
        "                         VERSION a seq from --note-history or a named version's name\n"
        "  --note-history         the note's versions, newest first: #seq, time, author, [name]\n"
        "  --name-version NAME    name the note's latest version (or --at SEQ) (instructors, TAs)\n"
        "  --restore-version VERSION  make the text what it was at VERSION, as a new edit of yours\n"
        "                         (instructors, TAs; a locked note refuses)\n"
        "  --export-note FILE     write the note (--note NAME) to FILE as Markdown, self-contained HTML\n"
        "      --format FMT       or PDF: md | html | pdf (default: FILE's suffix); html and pdf typeset\n"
        "                         math and highlight code (offscreen when there is no display)\n"
        "  --export-course DIR    download the whole course (instructors) and unpack it into DIR (empty\n"
        "                         or new): course.json, events.jsonl, notes/, channels/*.html, files/\n"
        "  --retention-days N     delete messages older than N days (1-3650) for good, daily (instructors)\n"
        "  --retention-off        keep every message again\n"
        "  --retention-dry-run    how many messages the retention period would delete now (nothing changes)\n"
        "  --apply-retention      delete them now\n"
        "      --reply-to ID      as a reply in the thread of message ID\n"
        "      --question         as a question (TAs endorse answers, resolve it)\n"
        "      --anonymous        classmates see a pseudonym (as the course allows; moderators see you)\n"
        "  --listen               print events as they come, one per line, until Ctrl-C/SIGTERM;\n"
        "                         reconnects and resumes by itself after a drop\n"
        "\n"
        "Course interactions (one at a time; the channel is --channel):\n"
        "  --react ID EMOJI       react to message ID with one emoji\n"
        "  --unreact ID EMOJI     take that reaction back\n"
        "  --thread ID            print message ID and its replies (endorsed answers first)\n"
        "  --questions            the channel's open questions\n"
        "  --resolve ID           mark question ID resolved (its author or a moderator)\n"
        "  --endorse ID           endorse reply ID as the answer (instructors, TAs)\n"
        "  --pin ID               pin a message to its channel (moderators)\n"
        "  --unpin ID             unpin it\n"
        "  --poll QUESTION        start a poll (moderators), with:\n"
        "      --choice TEXT      an option (2-10 times; with --vote: an option's number, 0 first)\n"
        "      --multiple         several choices per voter\n"
        "      --poll-minutes N   closes after N minutes (default: when --close-poll says)\n"
        "      --anonymous        only counts are kept, never who chose what\n"
        "  --vote POLL            vote: --choice N (several with --multiple polls)\n"
        "  --close-poll POLL      close a poll (moderators)\n"
        "  --poll-results POLL    the tally\n"
        "      --csv              the results as CSV (moderators)\n"
        "  --queue-open           make the channel an office-hours queue (moderators)\n"
        "  --queue-join TOPIC     join the queue with a one-line topic; prints your position\n"
        "  --queue                who is waiting, and the stats\n"
        "  --queue-next           take the next student (TAs)\n"
        "  --queue-take USER      take that student (TAs)\n"
        "  --queue-done USER      done with them (TAs)\n"
        "  --queue-requeue USER   back to their place (TAs)\n"
        "  --queue-leave          leave the queue\n"
        "  --anonymity MODE       who may post anonymously: off | questions | all (instructors)\n"
        "\n"
        "Running a course (instructors: --token SECRET; the administrator: --admin-secret or\n"
        "--admin-secret-file, no join needed; one at a time):\n"
        "  --create-course ID     create a course (administrator); --username becomes its instructor;\n"
        "                         prints the join code and the instructor's secret once\n"
        "      --title T          its title\n"
        "  --add-channel NAME     add a channel\n"
        "      --announcement     only moderators post in it\n"
        "  --create-note NAME     create a shared note\n"
        "  --rotate-join-code     a new join code; the old one is refused at once\n"
        "  --lock-note NAME       make a note read-only for students\n"
        "  --unlock-note NAME     make it writable again\n"
        "  --kick USER            remove a member (default: for 10 minutes)\n"
        "      --minutes N        for N minutes (0: until restored)\n"
        "  --restore USER         lift a removal\n"
        "  --appoint-ta USER      TAs moderate, but do not change the course\n"
        "  --dismiss-ta USER      make a TA a student again\n"
        "  --add-instructor USER  name another instructor (administrator); prints their secret once\n"
        "  --remove-instructor USER  make an instructor a student (administrator)\n"
        "  --rename-channel NAME --title T   show channel NAME as T (the id NAME stays)\n"
        "  --rename-note NAME --title T      show note NAME as T (the id NAME stays)\n"
        "  --archive-channel NAME   read-only from now on (still readable)\n"
        "  --archive-note NAME    read-only from now on (still readable)\n"
        "  --import-roster FILE   a CSV roster: name, email or student id, role (student|ta); prints one\n"
        "                         invite per row, once; all rows or none; up to 4 MiB (sent in parts)\n"
        "  --moderation-log       who locked, removed, deleted, appointed ... and when\n"
        "  --archive-course       read-only for everyone (still readable)\n"
        "  --unarchive-course     writable again\n"
        "  --student-notes on|off     students may create notes\n"
        "  --invites-required on|off  only roster invites admit students\n"
        "\n"
        "Options:\n"
        "  --server URL           ws://, wss://, http:// or https:// URL (default: ws://127.0.0.1:8080/ws);\n"
        "                         https://HOST:PORT means wss://HOST:PORT/ws\n"
        "  --ca-file FILE         also trust the CA certificates in FILE (PEM) for wss://, e.g. a\n"
        "                         self-signed setup's CA; certificates are always verified\n"
        "  --course ID            the course, e.g. CECS327 (required)\n"
        "  --username NAME        who you are, e.g. angie.nguyen (required)\n"
        "  --join-code CODE       the course's join code (default: $COLLAB_JOIN_CODE)\n"
        "  --channel NAME         the chat channel (default: general)\n"
        "  --token SECRET         an instructor's secret (default: $COLLAB_TOKEN)\n"
        "  --admin-secret SECRET  the server administrator's (default: $COLLAB_ADMIN_SECRET)\n"
        "  --admin-secret-file FILE   read it from FILE (a server's DATA/admin-secret)\n"
        "  --token-file FILE      where the tokens of claimed names are kept (default: $COLLAB_TOKEN_FILE,\n"
        "                         else ~/.local/share/CourseCollab/cli-tokens.json)\n"
        "  --timeout SECONDS      give up after this long, connecting included (default: 10)\n"
        "  --json                 print JSON lines instead of text\n"
        "  --help, --version\n"
        "\n"
        "Exit codes:\n"
        "  0    the server acknowledged what was asked (--listen: stopped by a signal)\n"
        "  1    other failure\n"
        "  2    bad command line\n"
        "  3    cannot connect: server down or unreachable, TLS certificate not trusted, or the\n"
        "       connection dropped\n"
        "  4    rejected by the server: wrong join code, unknown course, forbidden, ...\n"
        "  5    timeout: connected, but no answer within --timeout\n"
        "  130  interrupted by SIGINT/SIGTERM before the answer came\n");
}

} // namespace collab::cli
