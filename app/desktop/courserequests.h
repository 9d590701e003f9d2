#pragma once

#include "client/collabclient.h"

#include <QJsonObject>
#include <QPointer>
#include <QString>

#include <functional>

namespace collab::desktop {

// Sends one request that runs the course and calls back with the ack's fields, or with the error
// in words ("forbidden: only administrators may create courses"). The callback is dropped if
// `context` (the dialog that asked) is gone by then.
// A request's failure in words ("forbidden: ..."), "" when it was acknowledged.
QString describeFailure(const client::RequestResult &r);
// A protocol error code ("forbidden") in the user's language; an unknown code as it is.
QString errorCodeInWords(const QString &code);

void sendCourseRequest(client::CollabClient *client, QObject *context, proto::ClientPayload request,
                       std::function<void(const QJsonObject &fields, const QString &error)> done);

} // namespace collab::desktop
