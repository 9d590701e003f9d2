#include "client/tokenstore.h"

#include "client/clientlogging.h"
#include "protocol/ids.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

namespace collab::client {

TokenStore::TokenStore(QString path) : m_path(std::move(path)), m_tokens(readFile(m_path)) {}

TokenStore::TokenStore(Tokens tokens, Persist persist) : m_persist(std::move(persist)), m_tokens(std::move(tokens)) {}

QString TokenStore::key(const QString &server, const QString &course, const QString &user)
{
    // The server compares names by their normalized form: "Angie" and "angie" are one name, with
    // one token.
    return server + QLatin1Char(' ') + course + QLatin1Char(' ') + normalizedName(user);
}

TokenStore::Tokens TokenStore::readFile(const QString &path)
{
    Tokens tokens;
    if (path.isEmpty())
        return tokens;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return tokens;
    const QJsonObject json = QJsonDocument::fromJson(file.readAll()).object();
    for (auto it = json.begin(); it != json.end(); ++it)
        tokens.insert(it.key(), it.value().toString());
    return tokens;
}

bool TokenStore::writeFile(const QString &path, const Tokens &tokens)
{
    QJsonObject json;
    for (auto it = tokens.cbegin(); it != tokens.cend(); ++it)
        json.insert(it.key(), it.value());
    QDir().mkpath(QFileInfo(path).absolutePath());
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        qCWarning(lcClient) << "cannot save the token file" << path << file.errorString();
        return false;
    }
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    file.write(QJsonDocument(json).toJson());
    return file.commit();
}

QString TokenStore::token(const QString &server, const QString &course, const QString &user) const
{
    const QString token = m_tokens.value(key(server, course, user));
    if (!token.isEmpty())
        return token;
    // A file written before names were normalized keeps the name as typed.
    return m_tokens.value(server + QLatin1Char(' ') + course + QLatin1Char(' ') + user);
}

bool TokenStore::save(const QString &server, const QString &course, const QString &user, const QString &token)
{
    m_tokens.insert(key(server, course, user), token);
    if (m_persist)
        return m_persist(m_tokens);
    return m_path.isEmpty() || writeFile(m_path, m_tokens);
}

} // namespace collab::client
