#pragma once

#include <QHash>
#include <QString>

namespace collab::client {

// The tokens the server issued when this user first joined a course (the proof that the name is
// theirs), kept in a small JSON file (mode 0600) so every later run can join under the same name.
// Keyed by server URL, course and user.
class TokenStore
{
public:
    explicit TokenStore(QString path = {}); // empty: in memory only

    QString token(const QString &server, const QString &course, const QString &user) const;
    bool save(const QString &server, const QString &course, const QString &user, const QString &token);

private:
    static QString key(const QString &server, const QString &course, const QString &user);
    void load();

    QString m_path;
    QHash<QString, QString> m_tokens;
};

} // namespace collab::client
