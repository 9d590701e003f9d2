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
    enum Role { NameRole = Qt::UserRole + 1, UnreadRole, TitleRole /* the name shown: renamed, or the id */ };

    using QAbstractListModel::QAbstractListModel;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

    void setChannels(const QStringList &channels);
    QStringList channels() const;
    int rowOf(const QString &channel) const;
    int unread(const QString &channel) const;
    void addUnread(const QString &channel);
    void clearUnread(const QString &channel);
    // Renamed channels: id → the name shown (the rest show their id).
    void setTitles(const QHash<QString, QString> &titles);

private:
    QString titleOf(const QString &channel) const { return m_titles.value(channel, channel); }
    QHash<QString, QString> m_titles;
    struct Entry
    {
        QString name;
        int unread = 0;
    };
    QVector<Entry> m_entries;
};

// The course's members with their presence (right pane): online first, then by name.
class MemberModel : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Role { UserRole = Qt::UserRole + 1, RoleRole, OnlineRole };

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

private:
    void sortAndReset();
    QVector<Member> m_members;
};

} // namespace collab::desktop
