#include "courserequests.h"

namespace collab::desktop {

QString describeFailure(const client::RequestResult &r)
{
    if (r.ack())
        return {};
    const QString error = r.error.message.isEmpty() ? r.error.code : r.error.code + QStringLiteral(": ") + r.error.message;
    return error.isEmpty() ? QStringLiteral("no answer from the server") : error;
}

void sendCourseRequest(client::CollabClient *client, QObject *context, proto::ClientPayload request,
                       std::function<void(const QJsonObject &fields, const QString &error)> done)
{
    client->sendRequest(std::move(request), [guard = QPointer<QObject>(context), done = std::move(done)](const client::RequestResult &r) {
        if (!guard)
            return;
        if (const proto::Ack *ack = r.ack())
            return done(ack->fields, QString());
        done({}, describeFailure(r));
    });
}

} // namespace collab::desktop
