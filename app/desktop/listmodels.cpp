#include "listmodels.h"

#include "accessibletext.h"
#include "usercolors.h"

#include "protocol/ids.h"

#include <QFont>
#include <QGuiApplication>
#include <QPalette>

#include <algorithm>

namespace collab::desktop {

int ChannelModel::rowCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : int(m_entries.size()); }

QVariant ChannelModel::data(const QModelIndex &index, int role) const
{
    if (index.row() < 0 || index.row() >= m_entries.size())
        return {};
    const Entry &e = m_entries.at(index.row());
    switch (role) {
    case Qt::DisplayRole: {
        QString text = e.unread > 0 ? QStringLiteral("# %1   (%2)").arg(titleOf(e.name)).arg(e.unread) : QStringLiteral("# ") + titleOf(e.name);
        if (e.mentions > 0)
            text += QStringLiteral("  @%1").arg(e.mentions);
        return text;
    }
    case Qt::FontRole: {
        QFont f;
        f.setBold(e.unread > 0);
        return f;
    }
    case Qt::ToolTipRole: {
        QString tip;
        if (e.mentions > 0)
            tip = tr("%n unread, %1 mentioning you", nullptr, e.unread).arg(e.mentions);
        else if (e.unread > 0)
            tip = tr("%n unread", nullptr, e.unread);
        if (m_titles.contains(e.name)) // renamed: the id is what commands and links use
            tip += (tip.isEmpty() ? QString() : QStringLiteral("\n")) + QStringLiteral("#%1").arg(e.name);
        return tip.isEmpty() ? QVariant() : QVariant(tip);
    }
    case Qt::AccessibleTextRole: // the counts in words, not "(3)" and boldness
        return accessibletext::channelRow(titleOf(e.name), e.unread, e.mentions);
    case NameRole:
        return e.name;
    case TitleRole:
        return titleOf(e.name);
    case UnreadRole:
        return e.unread;
    case MentionsRole:
        return e.mentions;
    default:
        return {};
    }
}

void ChannelModel::setChannels(const QStringList &channels)
{
    if (channels == this->channels())
        return;
    beginResetModel();
    QVector<Entry> next;
    for (const QString &c : channels)
        next.append(Entry{c, unread(c), mentions(c)});
    m_entries = next;
    endResetModel();
}

void ChannelModel::setTitles(const QHash<QString, QString> &titles)
{
    if (titles == m_titles)
        return;
    m_titles = titles;
    if (!m_entries.isEmpty())
        Q_EMIT dataChanged(index(0), index(int(m_entries.size()) - 1), {Qt::DisplayRole, Qt::ToolTipRole, TitleRole, Qt::AccessibleTextRole});
}

QStringList ChannelModel::channels() const
{
    QStringList out;
    for (const Entry &e : m_entries)
        out << e.name;
    return out;
}

int ChannelModel::rowOf(const QString &channel) const
{
    for (int i = 0; i < m_entries.size(); ++i)
        if (m_entries.at(i).name == channel)
            return i;
    return -1;
}

int ChannelModel::unread(const QString &channel) const
{
    const int row = rowOf(channel);
    return row < 0 ? 0 : m_entries.at(row).unread;
}

void ChannelModel::addUnread(const QString &channel)
{
    const int row = rowOf(channel);
    if (row < 0)
        return;
    ++m_entries[row].unread;
    Q_EMIT dataChanged(index(row), index(row));
}

void ChannelModel::clearUnread(const QString &channel)
{
    const int row = rowOf(channel);
    if (row < 0 || (m_entries.at(row).unread == 0 && m_entries.at(row).mentions == 0))
        return;
    m_entries[row].unread = 0;
    m_entries[row].mentions = 0;
    Q_EMIT dataChanged(index(row), index(row));
}

int ChannelModel::mentions(const QString &channel) const
{
    const int row = rowOf(channel);
    return row < 0 ? 0 : m_entries.at(row).mentions;
}

void ChannelModel::addMention(const QString &channel)
{
    const int row = rowOf(channel);
    if (row < 0)
        return;
    ++m_entries[row].mentions;
    Q_EMIT dataChanged(index(row), index(row));
}

int MemberModel::rowCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : int(m_members.size()); }

QVariant MemberModel::data(const QModelIndex &index, int role) const
{
    if (index.row() < 0 || index.row() >= m_members.size())
        return {};
    const Member &m = m_members.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return m.role == QLatin1String("instructor") ? tr("%1  (instructor)").arg(m.user) : m.user;
    case Qt::DecorationRole:
        return m_presenceKnown ? presenceIcon(m.online) : unknownPresenceIcon();
    case Qt::ForegroundRole:
        return m.online && m_presenceKnown ? QVariant()
                                           : QVariant(QGuiApplication::palette().color(QPalette::PlaceholderText));
    case Qt::ToolTipRole:
        // The name first: in a narrow members column it may be elided on screen.
        return !m_presenceKnown ? tr("%1: presence unknown (you are not connected)").arg(m.user)
               : m.online       ? tr("%1: online").arg(m.user)
                                : tr("%1: offline").arg(m.user);
    case Qt::AccessibleTextRole: // presence in words, not by the icon's colour
        return accessibletext::memberRow(m.user, m.role, m.online, m_presenceKnown);
    case UserRole:
        return m.user;
    case RoleRole:
        return m.role;
    case OnlineRole:
        return m.online;
    case PresenceKnownRole:
        return m_presenceKnown;
    default:
        return {};
    }
}

void MemberModel::setPresenceKnown(bool known)
{
    if (known == m_presenceKnown)
        return;
    m_presenceKnown = known;
    if (!m_members.isEmpty())
        Q_EMIT dataChanged(index(0), index(rowCount() - 1));
    Q_EMIT presenceKnownChanged(known);
}

void MemberModel::setMembers(const QVector<Member> &members)
{
    m_members = members;
    sortAndReset();
}

void MemberModel::update(const QString &user, const QString &role, bool online)
{
    for (Member &m : m_members) {
        if (m.user == user) {
            if (m.online == online && (role.isEmpty() || m.role == role))
                return;
            m.online = online;
            if (!role.isEmpty())
                m.role = role;
            sortAndReset();
            return;
        }
    }
    m_members.append(Member{user, role.isEmpty() ? QStringLiteral("student") : role, online});
    sortAndReset();
}

void MemberModel::remove(const QStringList &users)
{
    const auto gone = std::remove_if(m_members.begin(), m_members.end(), [&users](const Member &m) {
        return std::any_of(users.cbegin(), users.cend(), [&m](const QString &u) { return sameName(u, m.user); });
    });
    if (gone == m_members.end())
        return;
    m_members.erase(gone, m_members.end());
    sortAndReset();
}

// Names compare by their normalized form: this app's user may have typed their name in another case.
QString MemberModel::roleOf(const QString &user) const
{
    for (const Member &m : m_members)
        if (sameName(m.user, user))
            return m.role;
    return {};
}

bool MemberModel::isOnline(const QString &user) const
{
    for (const Member &m : m_members)
        if (sameName(m.user, user))
            return m.online;
    return false;
}

int MemberModel::onlineCount() const
{
    return int(std::count_if(m_members.cbegin(), m_members.cend(), [](const Member &m) { return m.online; }));
}

void MemberModel::sortAndReset()
{
    beginResetModel();
    std::sort(m_members.begin(), m_members.end(), [](const Member &a, const Member &b) {
        if (a.online != b.online)
            return a.online;
        return a.user.compare(b.user, Qt::CaseInsensitive) < 0;
    });
    endResetModel();
}

} // namespace collab::desktop
