#include "cli/cliformat.h"

#include "client/moderationtext.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>

namespace collab::cli {

namespace {

// Output is one line per item whatever the text holds.
QString oneLine(QString text)
{
    text.replace(QLatin1Char('\\'), QLatin1String("\\\\"));
    text.replace(QLatin1Char('\r'), QLatin1String("\\r"));
    text.replace(QLatin1Char('\n'), QLatin1String("\\n"));
    return text;
}

QString str(const QJsonObject &o, const char *key) { return oneLine(o.value(QLatin1String(key)).toString()); }
QString num(const QJsonObject &o, const char *key)
{
    return QString::number(qint64(o.value(QLatin1String(key)).toDouble()));
}

// Note events: the prototype's actions ({note, user, action, text?, line?, word?}) or CRDT
// operations ({note, user, ops[]}).
QString formatNoteEvent(const QJsonObject &d)
{
    if (!d.contains(QLatin1String("action"))) {
        const qsizetype ops = d.value(QLatin1String("ops")).toArray().size();
        return QStringLiteral("[note %1] %2 edited (%3 op%4)")
            .arg(str(d, "note"), str(d, "user"), QString::number(ops), ops == 1 ? QString() : QStringLiteral("s"));
    }
    QString line = QStringLiteral("[note %1] %2 %3").arg(str(d, "note"), str(d, "user"), str(d, "action"));
    if (d.contains(QLatin1String("line")))
        line += QStringLiteral(" line ") + num(d, "line");
    if (d.contains(QLatin1String("word")))
        line += QStringLiteral(" word ") + num(d, "word");
    if (d.contains(QLatin1String("text")))
        line += QStringLiteral(": ") + str(d, "text");
    return line;
}

} // namespace

QString formatMessage(const ChatMessage &m)
{
    // "via KEY": posted by an integration (the API key), which may post as another name.
    // Anonymous posts: classmates get the pseudonym only; moderators and the author both.
    const QString who = m.author.isEmpty() ? m.pseudonym
                        : m.anonymous      ? QStringLiteral("%1 (as %2)").arg(m.author, m.pseudonym)
                                           : m.author;
    QString head = QStringLiteral("[%1] #%2 %3").arg(m.channel, QString::number(m.id), who)
                   + (m.via.isEmpty() ? QString() : QStringLiteral(" via ") + m.via);
    if (m.replyTo)
        head += QStringLiteral(" ↳ #%1").arg(m.replyTo);
    if (m.question)
        head += m.resolved ? QStringLiteral(" [question, resolved]") : QStringLiteral(" [question]");
    if (m.endorsed)
        head += QStringLiteral(" [endorsed answer]");
    if (m.pinned)
        head += QStringLiteral(" [pinned]");
    if (m.poll)
        head += QStringLiteral(" [poll]");
    if (m.deleted)
        return head + (m.deletedBy.isEmpty() ? QStringLiteral(" (deleted)") : QStringLiteral(" (deleted by %1)").arg(m.deletedBy));
    QString tail = m.editedMs ? QStringLiteral(" (edited)") : QString();
    for (const FileRef &f : m.files) // names as the server keeps them: no control characters
        tail += QStringLiteral(" [file %1: %2, %3 bytes, %4]").arg(f.id, f.name).arg(f.size).arg(f.type);
    for (const Reaction &r : m.reactions)
        tail += QStringLiteral(" %1%2").arg(r.emoji).arg(r.count);
    if (m.replies > 0)
        tail += QStringLiteral(" (%1 repl%2: %3)").arg(m.replies).arg(m.replies == 1 ? QStringLiteral("y") : QStringLiteral("ies"),
                                                        m.repliers.join(QLatin1String(", ")));
    return head + QStringLiteral(": ") + oneLine(m.text) + tail;
}

QString formatEvent(const CourseEvent &e)
{
    const QJsonObject &d = e.data;
    switch (e.kind) {
    case EventKind::ChatPosted: {
        Result<ChatMessage> m = ChatMessage::fromJson(d);
        if (m)
            return formatMessage(m.value());
        break;
    }
    case EventKind::ChatEdited:
        return QStringLiteral("[%1] #%2 edited by %3: %4").arg(str(d, "channel"), num(d, "id"), str(d, "by"), str(d, "text"));
    case EventKind::ChatDeleted:
        return QStringLiteral("[%1] #%2 deleted by %3").arg(str(d, "channel"), num(d, "id"), str(d, "by"));
    case EventKind::MemberJoined:
        return QStringLiteral("* %1 joined %2 (%3)").arg(str(d, "user"), e.course, str(d, "role"));
    case EventKind::MemberPurged:
        return QStringLiteral("* unused names freed in %1 by %2: %3")
            .arg(e.course, str(d, "by"), d.value(QLatin1String("users")).toVariant().toStringList().join(QLatin1String(", ")));
    case EventKind::MemberKicked:
        return QStringLiteral("* %1 %2")
            .arg(str(d, "user"), formatRemoval(e.course, str(d, "by"), qint64(d.value(QLatin1String("until")).toDouble())));
    case EventKind::NoteLocked: {
        const bool locked = d.value(QLatin1String("locked")).toBool(true);
        return QStringLiteral("[note %1] %2 by %3")
            .arg(str(d, "note"), locked ? QStringLiteral("locked") : QStringLiteral("unlocked"), str(d, "by"));
    }
    case EventKind::ChannelAdded:
        return QStringLiteral("* #%1 added by %2%3").arg(str(d, "channel"), str(d, "by"),
                                                       d.value(QLatin1String("announcement")).toBool() ? QStringLiteral(" (announcements)") : QString());
    case EventKind::ChannelUpdated:
    case EventKind::CourseUpdated:
    case EventKind::NoteUpdated:
        return QStringLiteral("* %1 by %2: %3").arg(eventKindName(e.kind), str(d, "by"), jsonLine(d));
    case EventKind::NoteCreated:
        return QStringLiteral("* note %1 created by %2").arg(str(d, "note"), str(d, "by"));
    case EventKind::JoinCodeRotated:
        return QStringLiteral("* the join code of %1 was changed by %2").arg(e.course, str(d, "by"));
    case EventKind::MemberRole:
        return QStringLiteral("* %1 is now %2 (by %3)")
            .arg(str(d, "user"),
                 str(d, "role") == QLatin1String("ta")           ? QStringLiteral("a TA")
                 : str(d, "role") == QLatin1String("instructor") ? QStringLiteral("an instructor")
                                                                 : QStringLiteral("a student"),
                 str(d, "by"));
    case EventKind::MemberRestored:
        return QStringLiteral("* %1 was restored by %2").arg(str(d, "user"), str(d, "by"));
    case EventKind::RosterImported:
        return QStringLiteral("* %1 imported a roster of %2").arg(str(d, "by"), num(d, "count"));
    case EventKind::FileUploaded:
        if (d.value(QLatin1String("expired")).toBool()) // retention's tombstone: no name, no size
            return QStringLiteral("* file %1 (deleted by retention)").arg(str(d, "id"));
        return QStringLiteral("* file %1 uploaded: %2, %3 bytes, %4").arg(str(d, "id"), str(d, "name"), num(d, "size"), str(d, "type"));
    case EventKind::FilesExpired:
        return QStringLiteral("* %1 files older than %2 days deleted by retention").arg(QString::number(d.value(QLatin1String("ids")).toArray().size()), num(d, "days"));
    default: // the note kinds, which the shared-notes work is still growing
        if (d.contains(QLatin1String("note")))
            return formatNoteEvent(d);
        break;
    }
    return QStringLiteral("%1 #%2 %3").arg(eventKindName(e.kind), QString::number(e.seq), jsonLine(d));
}

QString formatRemoval(const QString &course, const QString &by, qint64 untilMs)
{
    return QStringLiteral("was removed from %1 by %2 %3").arg(course, by, client::removalEndText(untilMs, true));
}

QString formatPresence(const proto::Presence &p)
{
    return QStringLiteral("* %1 is %2").arg(p.user, p.online ? QStringLiteral("online") : QStringLiteral("offline"));
}

QString formatTyping(const proto::TypingNotice &t)
{
    const QString where = t.note.isEmpty() ? QStringLiteral("[%1]").arg(t.channel) : QStringLiteral("[note %1]").arg(t.note);
    return QStringLiteral("* %1 %2 in %3")
        .arg(t.user, t.active ? QStringLiteral("is typing") : QStringLiteral("stopped typing"), where);
}

QString formatError(const proto::ErrorReply &error)
{
    return oneLine(error.message.isEmpty() ? error.code : error.code + QStringLiteral(": ") + error.message);
}

QString jsonLine(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

} // namespace collab::cli
