#include "rest/routetable.h"

#include <utility>

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

bool RouteTable::pathMatches(const Route &route, const QList<QStringView> &parts, QStringList *args)
{
    if (route.segments.size() != parts.size())
        return false;
    for (qsizetype i = 0; i < parts.size(); ++i) {
        const QString &segment = route.segments[i];
        if (segment.isNull() && !parts[i].isEmpty()) {
            if (args)
                *args << parts[i].toString();
        } else if (segment.isNull() || segment != parts[i]) {
            if (args)
                args->clear();
            return false;
        }
    }
    return true;
}

RouteTable::Match RouteTable::match(HttpMethod method, QStringView path) const
{
    if (!path.startsWith(u'/'))
        return {};
    const QList<QStringView> parts = path.sliced(1).split(u'/');
    Match m;
    for (size_t r = 0; r < m_routes.size(); ++r) {
        const Route &route = m_routes[r];
        const bool methodMatches = route.method == method || (method == HttpMethod::Head && route.method == HttpMethod::Get);
        if (methodMatches && pathMatches(route, parts, &m.args)) {
            m.index = int(r);
            return m;
        }
    }
    // Not found: a second pass (on this path only, never for a request that matched) for the
    // methods the path does have.
    for (const Route &route : m_routes) {
        if (!pathMatches(route, parts, nullptr))
            continue;
        m.allowed << route.method;
        if (route.method == HttpMethod::Get)
            m.allowed << HttpMethod::Head;
    }
    return m;
}

QByteArray RouteTable::allowHeader(const QList<HttpMethod> &methods)
{
    static constexpr std::pair<HttpMethod, const char *> order[] = {
        {HttpMethod::Get, "GET"},     {HttpMethod::Head, "HEAD"},     {HttpMethod::Post, "POST"},
        {HttpMethod::Put, "PUT"},     {HttpMethod::Patch, "PATCH"},   {HttpMethod::Delete, "DELETE"},
        {HttpMethod::Options, "OPTIONS"}};
    QByteArray out;
    for (const auto &[method, name] : order) {
        if (!methods.contains(method))
            continue;
        if (!out.isEmpty())
            out += ", ";
        out += name;
    }
    return out;
}

} // namespace collab::server
