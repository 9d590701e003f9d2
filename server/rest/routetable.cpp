#include "rest/routetable.h"

namespace collab::server {

int RouteTable::add(HttpMethod method, const QString &openApiPath)
{
    Route route{method, {}};
    const QStringList parts = openApiPath.split(QLatin1Char('/'));
    for (qsizetype i = 1; i < parts.size(); ++i) { // parts[0] is before the leading '/'
        const QString &part = parts[i];
        const bool argument = part.startsWith(QLatin1Char('{')) && part.endsWith(QLatin1Char('}'));
        route.segments << (argument ? QString() : part);
    }
    m_routes.push_back(std::move(route));
    return int(m_routes.size()) - 1;
}

RouteTable::Match RouteTable::match(HttpMethod method, QStringView path) const
{
    if (!path.startsWith(u'/'))
        return {};
    const QList<QStringView> parts = path.sliced(1).split(u'/');
    for (size_t r = 0; r < m_routes.size(); ++r) {
        const Route &route = m_routes[r];
        const bool methodMatches = route.method == method || (method == HttpMethod::Head && route.method == HttpMethod::Get);
        if (!methodMatches || route.segments.size() != parts.size())
            continue;
        Match m{int(r), {}};
        for (qsizetype i = 0; i < parts.size() && m.index >= 0; ++i) {
            const QString &segment = route.segments[i];
            if (segment.isNull() && !parts[i].isEmpty())
                m.args << parts[i].toString();
            else if (segment.isNull() || segment != parts[i])
                m.index = -1;
        }
        if (m.index >= 0)
            return m;
    }
    return {};
}

} // namespace collab::server
