#pragma once

#include <QIODevice>
#include <QSqlDatabase>
#include <QString>

namespace collab::server {

// One channel's transcript as a standalone HTML page (a course export's channels/NAME.html):
// every message oldest first, each thread's replies under its first message. Safe to open: all
// text is escaped (a message's `<script>` is text), the page has no script and a
// Content-Security-Policy that allows none and fetches nothing. Reads the messages projection page
// by page through the export worker's own connection, writing as it goes (bounded memory).
class TranscriptHtml
{
public:
    struct Channel
    {
        QString course;
        QString channel;
        QString title; // shown name (the id when never renamed)
        bool showAnonymousAuthors = true;
    };

    // Writes the page; returns the number of messages written, or -1 with `error` set.
    static int write(const QSqlDatabase &db, const Channel &channel, QIODevice &out, QString *error);

    static QString escape(const QString &text);
};

} // namespace collab::server
