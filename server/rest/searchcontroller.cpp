#include "rest/searchcontroller.h"

#include "rest/routehelpers.h"

#include "config/serverconfig.h"
#include "search/coursesearch.h"

#include <QUrl>

namespace collab::server {

QString SearchController::formValue(const QByteArray &query, const QByteArray &name)
{
    for (const QByteArray &pair : query.split('&')) {
        const qsizetype eq = pair.indexOf('=');
        const QByteArray key = eq < 0 ? pair : pair.left(eq);
        if (key != name)
            continue;
        QByteArray value = eq < 0 ? QByteArray() : pair.mid(eq + 1);
        value.replace('+', ' ');
        const QString decoded = QString::fromUtf8(QByteArray::fromPercentEncoding(value));
        return decoded.isNull() ? QStringLiteral("") : decoded;
    }
    return {};
}

void SearchController::registerRoutes(RestRouter &router)
{
    router.add(HttpMethod::Get, QStringLiteral("/api/v1/courses/{course}/search"),
               [this](auto &a, auto &r, auto &reply) { search(a, r, reply); });
}

void SearchController::search(const QStringList &args, const RestRequest &request, HttpReply &reply)
{
    const QString &course = args[0];
    Result<const ApiKeyConfig *> key = m_auth.keyForCourse(request, course);
    if (!key)
        return reply.error(key.error());
    const QByteArray query = request.http.query().toByteArray();
    const QString q = formValue(query, "q");
    if (q.isNull())
        return reply.error(ProtocolError::make(ErrorCode::MissingField, QStringLiteral("q is required: ?q=words+to+find")));
    int limit = proto::Search::DefaultLimit;
    if (const QString l = formValue(query, "limit"); !l.isNull()) {
        bool ok = false;
        limit = l.toInt(&ok);
        if (!ok || limit < 1 || limit > proto::Search::MaxLimit)
            return reply.error(ProtocolError::make(ErrorCode::InvalidValue,
                                                   QStringLiteral("limit must be an integer from 1 to %1").arg(proto::Search::MaxLimit)));
    }
    const QString channel = formValue(query, "channel");
    const Actor actor{key.value()->name, Actor::Role::Integration, key.value()->name};
    CourseSearch(m_hub).search(actor, course, q, channel.isNull() ? QString() : channel, limit, answerWith(reply));
}

} // namespace collab::server
