#include "export/transcripthtml.h"

#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>

namespace collab::server {

namespace {

constexpr int kRootsPerPage = 500;

constexpr const char *kColumns = "id, author, text, created, edited, deleted, via, question, resolved, endorsed, pinned, poll,"
                                 " anonymous, pseudonym, deleted_by, edited_by, replies";

const char kHead[] =
    "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
    "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; "
    "form-action 'none'\">\n"
    "<meta name=\"referrer\" content=\"no-referrer\">\n"
    "<style>body{font-family:sans-serif;max-width:60em;margin:2em auto;padding:0 1em;color:#1b1b1b}"
    "article{border-top:1px solid #ddd;padding:.5em 0}.thread{margin-left:2em;border-left:3px solid #ccd;padding-left:1em}"
    ".meta{color:#555;font-size:.9em}.author{font-weight:bold;color:#1b1b1b}.text{white-space:pre-wrap;overflow-wrap:anywhere}"
    ".flag{font-size:.8em;border:1px solid #999;border-radius:3px;padding:0 .3em;margin-left:.3em}"
    ".deleted{color:#777;font-style:italic}</style>\n";

QString isoTime(qint64 ms) { return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODate); }

struct Row
{
    quint64 id = 0;
    QString author, text, via, pseudonym, deletedBy, editedBy;
    qint64 created = 0, edited = 0;
    bool deleted = false, question = false, resolved = false, endorsed = false, pinned = false, poll = false,
         anonymous = false;
    int replies = 0;
};

Row rowFrom(const QSqlQuery &q)
{
    Row r;
    r.id = q.value(0).toULongLong();
    r.author = q.value(1).toString();
    r.text = q.value(2).toString();
    r.created = q.value(3).toLongLong();
    r.edited = q.value(4).toLongLong();
    r.deleted = q.value(5).toBool();
    r.via = q.value(6).toString();
    r.question = q.value(7).toBool();
    r.resolved = q.value(8).toBool();
    r.endorsed = q.value(9).toBool();
    r.pinned = q.value(10).toBool();
    r.poll = q.value(11).toBool();
    r.anonymous = q.value(12).toBool();
    r.pseudonym = q.value(13).toString();
    r.deletedBy = q.value(14).toString();
    r.editedBy = q.value(15).toString();
    r.replies = q.value(16).toInt();
    return r;
}

QString flag(const char *text) { return QStringLiteral("<span class=\"flag\">%1</span>").arg(QLatin1String(text)); }

QString messageHtml(const Row &m, bool showAnonymousAuthors)
{
    const auto e = TranscriptHtml::escape;
    QString who;
    if (m.anonymous)
        who = showAnonymousAuthors
                  ? QStringLiteral("%1 <span class=\"flag\">anonymous to students: %2</span>").arg(e(m.author), e(m.pseudonym))
                  : QStringLiteral("%1 <span class=\"flag\">anonymous</span>").arg(e(m.pseudonym));
    else
        who = e(m.author);
    QString flags;
    if (m.poll)
        flags += flag("poll");
    if (m.question)
        flags += flag(m.resolved ? "question, resolved" : "question");
    if (m.endorsed)
        flags += flag("endorsed answer");
    if (m.pinned)
        flags += flag("pinned");
    if (!m.via.isEmpty())
        flags += QStringLiteral("<span class=\"flag\">via %1</span>").arg(e(m.via));
    if (m.edited > 0)
        flags += QStringLiteral("<span class=\"flag\">edited %1%2</span>")
                     .arg(e(isoTime(m.edited)), m.editedBy.isEmpty() ? QString() : QStringLiteral(" by ") + e(m.editedBy));
    const QString body = m.deleted ? QStringLiteral("<div class=\"deleted\">deleted%1</div>")
                                         .arg(m.deletedBy.isEmpty() ? QString() : QStringLiteral(" by ") + e(m.deletedBy))
                                   : QStringLiteral("<div class=\"text\">%1</div>").arg(e(m.text));
    return QStringLiteral("<div class=\"meta\"><a id=\"m%1\" href=\"#m%1\">#%1</a> <span class=\"author\">%2</span> "
                          "<time datetime=\"%3\">%4</time>%5</div>\n%6\n")
        .arg(m.id)
        .arg(who, isoTime(m.created), e(QDateTime::fromMSecsSinceEpoch(m.created, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'"))),
             flags, body);
}

} // namespace

QString TranscriptHtml::escape(const QString &text)
{
    QString out;
    out.reserve(text.size() + text.size() / 8);
    for (const QChar c : text) {
        switch (c.unicode()) {
        case '&': out += QLatin1String("&amp;"); break;
        case '<': out += QLatin1String("&lt;"); break;
        case '>': out += QLatin1String("&gt;"); break;
        case '"': out += QLatin1String("&quot;"); break;
        case '\'': out += QLatin1String("&#39;"); break;
        default: out += c;
        }
    }
    return out;
}

int TranscriptHtml::write(const QSqlDatabase &db, const Channel &channel, QIODevice &out, QString *error)
{
    const auto put = [&out](const QString &s) { return out.write(s.toUtf8()) >= 0; };
    const QString heading = channel.title == channel.channel ? QStringLiteral("#%1").arg(channel.channel)
                                                             : QStringLiteral("%1 (#%2)").arg(channel.title, channel.channel);
    if (out.write(kHead) < 0
        || !put(QStringLiteral("<title>%1 — %2</title>\n</head>\n<body>\n<h1>%1 — %2</h1>\n")
                    .arg(escape(channel.course), escape(heading)))) {
        *error = out.errorString();
        return -1;
    }

    QSqlQuery roots(db);
    roots.setForwardOnly(true);
    roots.prepare(QStringLiteral("SELECT %1 FROM messages WHERE course = ? AND channel = ? AND reply_to = 0 AND id > ? "
                                 "ORDER BY id LIMIT ?").arg(QLatin1String(kColumns)));
    QSqlQuery replies(db);
    replies.setForwardOnly(true);
    replies.prepare(QStringLiteral("SELECT %1 FROM messages WHERE course = ? AND reply_to = ? ORDER BY id").arg(QLatin1String(kColumns)));

    int written = 0;
    quint64 after = 0;
    for (;;) {
        roots.bindValue(0, channel.course);
        roots.bindValue(1, channel.channel);
        roots.bindValue(2, qint64(after));
        roots.bindValue(3, kRootsPerPage);
        if (!roots.exec()) {
            *error = roots.lastError().text();
            return -1;
        }
        QList<Row> page;
        while (roots.next())
            page << rowFrom(roots);
        roots.finish();
        for (const Row &root : std::as_const(page)) {
            QString html = QStringLiteral("<article>\n") + messageHtml(root, channel.showAnonymousAuthors);
            ++written;
            if (root.replies > 0 || root.deleted) { // a deleted first message keeps its replies
                replies.bindValue(0, channel.course);
                replies.bindValue(1, qint64(root.id));
                if (!replies.exec()) {
                    *error = replies.lastError().text();
                    return -1;
                }
                QString thread;
                while (replies.next()) {
                    thread += QStringLiteral("<article>\n") + messageHtml(rowFrom(replies), channel.showAnonymousAuthors)
                        + QStringLiteral("</article>\n");
                    ++written;
                }
                replies.finish();
                if (!thread.isEmpty())
                    html += QStringLiteral("<section class=\"thread\">\n") + thread + QStringLiteral("</section>\n");
            }
            html += QStringLiteral("</article>\n");
            if (!put(html)) {
                *error = out.errorString();
                return -1;
            }
        }
        if (page.size() < kRootsPerPage)
            break;
        after = page.last().id;
    }
    if (!put(QStringLiteral("<p class=\"meta\">%1 messages.</p>\n</body>\n</html>\n").arg(written))) {
        *error = out.errorString();
        return -1;
    }
    return written;
}

} // namespace collab::server
