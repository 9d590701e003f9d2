#include "client/rosterupload.h"

#include "client/collabclient.h"

#include <QUuid>

#include <memory>

namespace collab::client {

namespace {
// What a part may hold, leaving room for the frame's JSON (escaped quotes, the ids) within 64 KiB.
constexpr qsizetype kPartBytes = 48 * 1024;

struct Upload
{
    CollabClient *client;
    QString course;
    QString id;
    QStringList parts;
    int next = 0;
    ResultHandler done;
};

// What `text` costs inside a JSON string: its UTF-8 bytes plus the escapes ("\"", "\\", "\n", "\u0001").
qsizetype wireBytes(QStringView text)
{
    qsizetype extra = 0;
    for (const QChar c : text) {
        if (c == QLatin1Char('"') || c == QLatin1Char('\\') || c == QLatin1Char('\n') || c == QLatin1Char('\r') || c == QLatin1Char('\t'))
            extra += 1;
        else if (c.unicode() < 0x20)
            extra += 5;
    }
    return text.toUtf8().size() + extra;
}

void sendNext(const std::shared_ptr<Upload> &u)
{
    const bool last = u->next == u->parts.size() - 1;
    proto::RosterImport part{u->course, u->parts.at(u->next), u->parts.size() > 1 ? u->id : QString(), !last};
    ++u->next;
    u->client->sendRequest(part, [u, last](const RequestResult &r) {
        if (last || !r.ok())
            return u->done ? u->done(r) : void();
        sendNext(u);
    });
}
} // namespace

QStringList rosterParts(const QString &csv, qsizetype maxBytes)
{
    QStringList parts;
    QString part;
    qsizetype partBytes = 0;
    qsizetype start = 0;
    while (start < csv.size()) {
        qsizetype end = csv.indexOf(QLatin1Char('\n'), start);
        end = end < 0 ? csv.size() : end + 1;
        const QString line = csv.mid(start, end - start);
        const qsizetype bytes = wireBytes(line);
        if (partBytes + bytes > maxBytes && !part.isEmpty()) {
            parts << part;
            part.clear();
            partBytes = 0;
        }
        if (bytes > maxBytes) { // one line longer than a part: cut between characters
            qsizetype i = 0;
            while (i < line.size()) {
                qsizetype n = 0, taken = 0;
                while (i + n < line.size()) {
                    const qsizetype width = line.at(i + n).isHighSurrogate() && i + n + 1 < line.size() ? 2 : 1;
                    const qsizetype b = wireBytes(QStringView(line).mid(i + n, width));
                    if (taken + b > maxBytes && n > 0)
                        break;
                    taken += b;
                    n += width;
                }
                parts << line.mid(i, n);
                i += n;
            }
        } else {
            part += line;
            partBytes += bytes;
        }
        start = end;
    }
    if (!part.isEmpty() || parts.isEmpty())
        parts << part;
    return parts;
}

void uploadRoster(CollabClient *client, const QString &course, const QString &csv, ResultHandler done)
{
    auto upload = std::make_shared<Upload>(
        Upload{client, course, QUuid::createUuid().toString(QUuid::WithoutBraces), rosterParts(csv, kPartBytes), 0, std::move(done)});
    sendNext(upload);
}

} // namespace collab::client
