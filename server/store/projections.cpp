#include "store/projections.h"

#include <QJsonObject>

namespace collab::server {

Projections::Projections() : m_all{&m_messages, &m_members, &m_kicks, &m_notes, &m_noteHistory, &m_catalog, &m_moderationLog, &m_search,
                              &m_reactions, &m_polls, &m_queues, &m_interactionSettings, &m_files} {}

QString projection::textField(const QJsonObject &data, const char *key)
{
    const QString value = data.value(QLatin1String(key)).toString();
    return value.isNull() ? QStringLiteral("") : value;
}

} // namespace collab::server
