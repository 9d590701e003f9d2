#pragma once

#include "protocol/protocolerror.h"
#include "rest/httpresponse.h"

#include <QByteArray>
#include <QJsonObject>

#include <functional>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

namespace collab::server {

// One request's way back to the thread that holds its connection. It answers at most once; if the
// last reference goes without an answer, the client gets a 500 rather than waiting forever.
class ReplyChannel
{
public:
    using Deliver = std::function<void(HttpResponse)>;

    explicit ReplyChannel(Deliver deliver) : m_deliver(std::move(deliver)) {}
    ~ReplyChannel();
    ReplyChannel(const ReplyChannel &) = delete;
    ReplyChannel &operator=(const ReplyChannel &) = delete;

    void send(HttpResponse response);

private:
    Deliver m_deliver;
    bool m_answered = false;
};

// The one way a REST handler answers: now or later (after a commit). Copies share the channel:
// the first answer wins.
class HttpReply
{
public:
    // `errorCounter`, if given, counts the answers with a status of 400 or more (for /metrics).
    explicit HttpReply(std::shared_ptr<ReplyChannel> channel, quint64 *errorCounter = nullptr);

    void json(int status, const QJsonObject &body);
    // The body is built in the HTTP thread: `build` must capture values, not references.
    void json(int status, std::function<QJsonObject()> build);
    // The same with a body already written as JSON bytes there (protocol/jsonwriter.h).
    void jsonBytes(int status, std::function<QByteArray()> encode);
    void error(const ProtocolError &error);
    // The same body with another status than the code's (416 for a range outside a file).
    void error(const ProtocolError &error, int status);
    void text(int status, const QByteArray &contentType, const QByteArray &body);
    // `size` bytes read from `device` (open, at its start) as the client takes them: a large body
    // (a course export) never held in memory whole (HttpResponse::bodyDevice).
    void stream(int status, const QByteArray &contentType, std::shared_ptr<QIODevice> device, qint64 size);
    // A body read in the HTTP thread (a file's bytes: the hub thread does no file I/O for it).
    void bytes(int status, const QByteArray &contentType, std::function<QByteArray()> produce);
    void addHeader(const QByteArray &name, const QByteArray &value) { m_headers.emplace_back(name, value); }

private:
    void send(HttpResponse response);

    std::shared_ptr<ReplyChannel> m_channel;
    std::vector<std::pair<QByteArray, QByteArray>> m_headers;
    quint64 *m_errorCounter = nullptr;
};

// The HTTP status of each protocol error code: the one mapping used by every route.
int httpStatusFor(ErrorCode code);
// The JSON body of an error answer: {"error": {"code", "message"}}.
QJsonObject errorBody(const ProtocolError &error);

} // namespace collab::server
