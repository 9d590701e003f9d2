#pragma once

#include <QHash>
#include <QString>

#include <functional>

namespace collab::client {

// The tokens the server issued when this user first joined a course (the proof that the name is
// theirs), kept so every later run can join under the same name. Keyed by server URL, course and
// user. Kept in a small JSON file (mode 0600), or wherever a `Persist` function puts them (the
// desktop's keychain, app/desktop/secretvault.h).
class TokenStore
{
public:
    using Tokens = QHash<QString, QString>;
    // Stores every token (the whole set, each time one is added); false if it could not.
    using Persist = std::function<bool(const Tokens &)>;

    explicit TokenStore(QString path = {}); // empty: in memory only
    TokenStore(Tokens tokens, Persist persist);

    QString token(const QString &server, const QString &course, const QString &user) const;
    bool save(const QString &server, const QString &course, const QString &user, const QString &token);
    const Tokens &all() const { return m_tokens; }

    static QString key(const QString &server, const QString &course, const QString &user);
    // The JSON file's contents (what `path` holds), and writing them 0600.
    static Tokens readFile(const QString &path);
    static bool writeFile(const QString &path, const Tokens &tokens);

private:
    QString m_path;
    Persist m_persist;
    Tokens m_tokens;
};

} // namespace collab::client
