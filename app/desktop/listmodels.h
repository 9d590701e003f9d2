#pragma once

#include <QAbstractListModel>
#include <QStringList>
#include <QVector>

namespace collab::desktop {

// The course's channels with their unread counts (left pane).
class ChannelModel : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Role { NameRole = Qt::UserRole + 1, UnreadRole, MentionsRole, TitleRole /* the name shown: renamed, or the id */ };

    using QAbstractListModel::QAbstractListModel;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

    void setChannels(const QStringList &channels);
    QStringList channels() const;
    int rowOf(const QString &channel) const;
    int unread(const QString &channel) const;
    void addUnread(const QString &channel);
    void clearUnread(const QString &channel); // unread and mentions: the channel was read
    // Messages that @mention this user, unread in `channel`: a badge of their own ("@2").
    int mentions(const QString &channel) const;
    void addMention(const QString &channel);
    // Renamed channels: id → the name shown (the rest show their id).
    void setTitles(const QHash<QString, QString> &titles);

private:
    QString titleOf(const QString &channel) const { return m_titles.value(channel, channel); }
    QHash<QString, QString> m_titles;
    struct Entry
    {
        QString name;
        int unread = 0;
        int mentions = 0;
    };
    QVector<Entry> m_entries;
};

// The course's members with their presence (right pane): online first, then by name.
class MemberModel : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Role { UserRole = Qt::UserRole + 1, RoleRole, OnlineRole, PresenceKnownRole };

    using QAbstractListModel::QAbstractListModel;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

    struct Member
    {
        QString user;
        QString role;
        bool online = false;
    };
    void setMembers(const QVector<Member> &members);
    void update(const QString &user, const QString &role, bool online);
    void remove(const QStringList &users); // their names were purged (member.purged)
    QString roleOf(const QString &user) const;
    bool isOnline(const QString &user) const;
    int onlineCount() const;
    // False while this app is not connected: nobody's presence is known then, and the list says
    // so ("presence unknown") instead of showing the last state it saw as if it were current.
    void setPresenceKnown(bool known);
    bool isPresenceKnown() const { return m_presenceKnown; }

Q_SIGNALS:
    void presenceKnownChanged(bool known);

private:
    void sortAndReset();

    QVector<Member> m_members;
    bool m_presenceKnown = true;
};

} // namespace collab::desktop
