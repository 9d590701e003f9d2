#include "courserequests.h"

#include <QCoreApplication>
#include <QHash>

namespace collab::desktop {

QString errorCodeInWords(const QString &code)
{
    // The protocol's error codes (common/protocol/protocolerror.cpp) in the user's language; the
    // server's own explanation after it is in the server's language (English).
    static const QHash<QString, const char *> words = {
        {QStringLiteral("bad_json"), QT_TRANSLATE_NOOP("collab::desktop::CourseRequests", "malformed request")},
        {QStringLiteral("bad_type"), QT_TRANSLATE_NOOP("collab::desktop::CourseRequests", "malformed request")},
        {QStringLiteral("missing_field"), QT_TRANSLATE_NOOP("collab::desktop::CourseRequests", "incomplete request")},
        {QStringLiteral("invalid_value"), QT_TRANSLATE_NOOP("collab::desktop::CourseRequests", "not accepted")},
        {QStringLiteral("unknown_type"), QT_TRANSLATE_NOOP("collab::desktop::CourseRequests", "not understood by the server")},
        {QStringLiteral("too_large"), QT_TRANSLATE_NOOP("collab::desktop::CourseRequests", "too large")},
        {QStringLiteral("not_authenticated"), QT_TRANSLATE_NOOP("collab::desktop::CourseRequests", "not signed in")},
        {QStringLiteral("forbidden"), QT_TRANSLATE_NOOP("collab::desktop::CourseRequests", "not allowed")},
        {QStringLiteral("wrong_join_code"), QT_TRANSLATE_NOOP("collab::desktop::CourseRequests", "wrong join code")},
        {QStringLiteral("not_joined"), QT_TRANSLATE_NOOP("collab::desktop::CourseRequests", "not in this course")},
        {QStringLiteral("unknown_course"), QT_TRANSLATE_NOOP("collab::desktop::CourseRequests", "no such course")},
        {QStringLiteral("unknown_channel"), QT_TRANSLATE_NOOP("collab::desktop::CourseRequests", "no such channel")},
        {QStringLiteral("unknown_note"), QT_TRANSLATE_NOOP("collab::desktop::CourseRequests", "no such note")},
        {QStringLiteral("not_found"), QT_TRANSLATE_NOOP("collab::desktop::CourseRequests", "not found")},
        {QStringLiteral("conflict"), QT_TRANSLATE_NOOP("collab::desktop::CourseRequests", "conflict")},
        {QStringLiteral("rate_limited"), QT_TRANSLATE_NOOP("collab::desktop::CourseRequests", "too many requests: wait a moment")},
        {QStringLiteral("unavailable"), QT_TRANSLATE_NOOP("collab::desktop::CourseRequests", "the server is busy: try again later")},
        {QStringLiteral("internal"), QT_TRANSLATE_NOOP("collab::desktop::CourseRequests", "server error")},
    };
    const char *text = words.value(code);
    return text ? QCoreApplication::translate("collab::desktop::CourseRequests", text) : code;
}

QString describeFailure(const client::RequestResult &r)
{
    if (r.ack())
        return {};
    if (r.error.code.isEmpty() && r.error.message.isEmpty())
        return QCoreApplication::translate("collab::desktop::CourseRequests", "no answer from the server");
    const QString code = errorCodeInWords(r.error.code);
    return r.error.message.isEmpty() ? code : code + QStringLiteral(": ") + r.error.message;
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
