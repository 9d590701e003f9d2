#pragma once

#include <QString>
#include <QStringList>

#include <netinet/in.h>

#include <string>
#include <vector>

// collab-bench's command line, and where to connect.
namespace collab::bench {

struct BenchOptions
{
    QString host = QStringLiteral("127.0.0.1");
    quint16 port = 8080;
    QString path = QStringLiteral("/ws");
    QString course = QStringLiteral("CECS327");
    QString channel = QStringLiteral("general");
    QString joinCode;
    int connections = 100;
    int senders = 1;
    double rate = 0;     // msg/s per sender (0: as fast as the window allows)
    int window = 0;      // unacked sends per sender (0: no cap)
    double duration = 10;
    double drain = 10;   // seconds to wait for the last deliveries
    int serverPid = 0;
    bool connectOnly = false;
    bool join = false;       // --connect-only --join: also hello + join
    int handshakesInFlight = 256;
    int sourceAddresses = 0; // 127.0.0.1 .. 127.0.0.K; 0: one per 10,000 connections
    int textSize = 0;        // pad chat text to at least this many bytes
    QString secondUrl;       // --url2: every connection but the senders goes there (two nodes)
    bool retry = false;      // --retry: reconnect, rejoin and resend across faults
    QString ackedLog;        // --acked-log: one clientMsgId per line as acks arrive
    QString noteEdits;       // --note-edits NOTE: an insert_line into NOTE with every chat.send
};

// Parses argv (QCoreApplication must exist). On error prints it and returns false.
bool parseBenchOptions(const QStringList &arguments, BenchOptions *options, QString *error);

// The IPv4 endpoint to connect to and the local source addresses to spread connections over.
struct Endpoint
{
    sockaddr_in target{};
    std::vector<sockaddr_in> sources;
    std::string upgradeRequest;
};

bool resolveEndpoint(const BenchOptions &options, Endpoint *endpoint, QString *error);

} // namespace collab::bench
