#pragma once

#include "hub/actor.h"
#include "protocol/result.h"
#include "rest/httpreply.h"
#include "rest/restrequest.h"
#include "rest/restrouter.h"

#include <QJsonObject>

// What every REST controller does around the Hub's answer: decode a JSON body as the WebSocket
// message of the same action, and answer with the Hub's fields or its error.
namespace collab::server {

// The path's values (course, channel, note, user) are added to the body (and win over it), and it
// decodes as the WebSocket message of the same action, so both surfaces share one set of rules.
// A free function so that tests/fuzz/fuzz_rest_bodies drives it.
template <typename T>
Result<T> withPathFields(QJsonObject body, const QJsonObject &pathFields)
{
    for (auto it = pathFields.begin(); it != pathFields.end(); ++it)
        body.insert(it.key(), it.value());
    return T::fromJson(body);
}

// The request's JSON body (jsonBody()) with the path's values, as the message T. A route whose
// body is optional passes bodyRequired = false: an empty body is then `{}`.
template <typename T>
Result<T> decodeBody(const RestRequest &request, const QJsonObject &pathFields, bool bodyRequired = true)
{
    QJsonObject body;
    if (!request.body().isEmpty() || bodyRequired) {
        Result<QJsonObject> parsed = jsonBody(request);
        if (!parsed)
            return parsed.error();
        body = parsed.value();
    }
    return withPathFields<T>(std::move(body), pathFields);
}

struct ApiKeyConfig;

// The actor an API key acts as: an administrator, an instructor, or an integration (no role).
Actor actorOfKey(const ApiKeyConfig &key);

// A Hub callback that answers `status` with the fields, or the error's status and body.
inline auto answerWith(HttpReply reply, int status = 200)
{
    return [reply, status](Result<QJsonObject> r) mutable {
        if (!r)
            return reply.error(r.error());
        reply.json(status, r.value());
    };
}

} // namespace collab::server
