#include "benchoptions.h"

#include "wsframing.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFile>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>

#include <arpa/inet.h>

#include <algorithm>

namespace collab::bench {

namespace {

// DATA/demo-config.json as written by collab-server without --config: the course's join code.
bool readDemoConfig(const QString &dataDir, BenchOptions *options, QString *error)
{
    QFile file(QDir(dataDir).filePath(QStringLiteral("demo-config.json")));
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read %1").arg(file.fileName());
        return false;
    }
    const QJsonObject config = QJsonDocument::fromJson(file.readAll()).object();
    for (const QJsonValue &c : config.value(QLatin1String("courses")).toArray()) {
        if (c.toObject().value(QLatin1String("id")).toString() == options->course) {
            options->joinCode = c.toObject().value(QLatin1String("joinCode")).toString();
            return true;
        }
    }
    *error = QStringLiteral("course %1 is not in %2").arg(options->course, file.fileName());
    return false;
}

} // namespace

bool parseBenchOptions(const QStringList &arguments, BenchOptions *o, QString *error)
{
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral(
        "WebSocket load generator for collab-server: N connections join one course, S of them send "
        "chat.send at a rate or with a window of unacked sends; prints one JSON line."));
    p.addHelpOption();
    const auto opt = [&p](const char *name, const char *help, const char *valueName = nullptr, const char *def = nullptr) {
        QCommandLineOption option{QString::fromLatin1(name), QString::fromLatin1(help)};
        if (valueName)
            option.setValueName(QString::fromLatin1(valueName));
        if (def)
            option.setDefaultValue(QString::fromLatin1(def));
        p.addOption(option);
    };
    opt("url", "WebSocket URL.", "URL", "ws://127.0.0.1:8080/ws");
    opt("course", "Course id.", "ID", "CECS327");
    opt("channel", "Channel to post to.", "ID", "general");
    opt("join-code", "The course's join code.", "CODE");
    opt("data", "Server data dir: read the join code from DIR/demo-config.json.", "DIR");
    opt("connections", "Connections in the course.", "N", "100");
    opt("senders", "Connections that send.", "S", "1");
    opt("rate", "Messages per second per sender (0: window-limited only).", "R", "0");
    opt("window", "Unacked sends per sender (0: no cap).", "W", "0");
    opt("duration", "Seconds of sending.", "SECONDS", "10");
    opt("drain", "Seconds to wait at the end for outstanding acks and deliveries.", "SECONDS", "10");
    opt("server-pid", "Report the server's CPU use and RSS.", "PID");
    opt("connect-only", "Only open the connections (WebSocket upgrade, no hello): report connect time and RSS per connection.");
    opt("join", "With --connect-only: every connection also says hello and joins (RSS per idle session).");
    opt("handshakes", "Connection attempts in flight at once.", "N", "256");
    opt("source-addresses", "Spread connections over 127.0.0.1..127.0.0.K (0: one per 10,000).", "K", "0");
    opt("text-size", "Pad each chat text to this many bytes.", "BYTES", "0");
    opt("url2", "Second node's WebSocket URL: the senders connect to --url, every other connection here.", "URL");
    opt("retry", "Ride out faults: reconnect dropped connections with backoff (50 ms to 1 s), join again, and resend "
                 "every unacknowledged message with the same clientMsgId (also after a retryable error), until the "
                 "drain ends or all are acknowledged.");
    opt("acked-log", "Append each acknowledged message's clientMsgId to FILE as its ack arrives (truncated first).", "FILE");
    opt("note-edits", "With every chat.send, the sender also types a line into this shared note (an `edit` insert_line): "
                      "students chatting and typing in a note.", "NOTE");
    if (!p.parse(arguments)) {
        *error = p.errorText();
        return false;
    }
    if (p.isSet(QStringLiteral("help"))) {
        p.showHelp(0);
    }
    const auto num = [&p](const char *name) { return p.value(QLatin1String(name)).toDouble(); };
    const QUrl url(p.value(QStringLiteral("url")));
    if (!url.isValid() || url.scheme() != QLatin1String("ws")) {
        *error = QStringLiteral("--url must be ws://HOST:PORT/PATH");
        return false;
    }
    o->host = url.host();
    o->port = quint16(url.port(80));
    o->path = url.path().isEmpty() ? QStringLiteral("/") : url.path();
    if (p.isSet(QStringLiteral("url2"))) {
        o->secondUrl = p.value(QStringLiteral("url2"));
        if (QUrl(o->secondUrl).scheme() != QLatin1String("ws")) {
            *error = QStringLiteral("--url2 must be ws://HOST:PORT/PATH");
            return false;
        }
    }
    o->course = p.value(QStringLiteral("course"));
    o->channel = p.value(QStringLiteral("channel"));
    o->connections = std::max(1, int(num("connections")));
    o->senders = std::clamp(int(num("senders")), 0, o->connections);
    o->rate = std::max(0.0, num("rate"));
    o->window = std::max(0, int(num("window")));
    o->duration = std::max(0.1, num("duration"));
    o->drain = std::max(0.0, num("drain"));
    o->serverPid = p.isSet(QStringLiteral("server-pid")) ? int(num("server-pid")) : 0;
    o->connectOnly = p.isSet(QStringLiteral("connect-only"));
    o->join = p.isSet(QStringLiteral("join"));
    o->handshakesInFlight = std::max(1, int(num("handshakes")));
    o->sourceAddresses = std::clamp(int(num("source-addresses")), 0, 250);
    o->textSize = std::clamp(int(num("text-size")), 0, 16000);
    o->retry = p.isSet(QStringLiteral("retry"));
    o->ackedLog = p.value(QStringLiteral("acked-log"));
    o->noteEdits = p.value(QStringLiteral("note-edits"));
    if (p.isSet(QStringLiteral("join-code")))
        o->joinCode = p.value(QStringLiteral("join-code"));
    else if (p.isSet(QStringLiteral("data")) && !readDemoConfig(p.value(QStringLiteral("data")), o, error))
        return false;
    if ((!o->connectOnly || o->join) && o->joinCode.isEmpty()) {
        *error = QStringLiteral("give --join-code CODE or --data DIR");
        return false;
    }
    if (!o->connectOnly && o->senders > 0 && o->rate == 0 && o->window == 0) {
        *error = QStringLiteral("give --rate and/or --window");
        return false;
    }
    return true;
}

bool resolveEndpoint(const BenchOptions &o, Endpoint *e, QString *error)
{
    QHostAddress address;
    if (o.host == QLatin1String("localhost"))
        address = QHostAddress(QHostAddress::LocalHost);
    else
        address.setAddress(o.host);
    bool ok = false;
    const quint32 ip = address.toIPv4Address(&ok);
    if (!ok) {
        *error = QStringLiteral("the generator wants an IPv4 address, not '%1'").arg(o.host);
        return false;
    }
    e->target.sin_family = AF_INET;
    e->target.sin_port = htons(o.port);
    e->target.sin_addr.s_addr = htonl(ip);
    const bool loopback = (ip >> 24) == 127;
    int sources = o.sourceAddresses > 0 ? o.sourceAddresses : 1 + (o.connections - 1) / 10000;
    if (!loopback)
        sources = 1;
    for (int i = 0; i < sources; ++i) {
        sockaddr_in s{};
        s.sin_family = AF_INET;
        s.sin_addr.s_addr = loopback && sources > 1 ? htonl((127u << 24) | quint32(i + 1)) : htonl(INADDR_ANY);
        e->sources.push_back(s);
    }
    e->upgradeRequest = upgradeRequest(o.host.toStdString(), o.port, o.path.toStdString());
    return true;
}

} // namespace collab::bench
