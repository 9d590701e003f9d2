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

TokenStore::TokenStore(QString path) : m_path(std::move(path)) { load(); }

QString TokenStore::key(const QString &server, const QString &course, const QString &user)
{
    // The server compares names by their normalized form: "Angie" and "angie" are one name, with
    // one token.
    return server + QLatin1Char(' ') + course + QLatin1Char(' ') + normalizedName(user);
}

void TokenStore::load()
{
    if (m_path.isEmpty())
        return;
    QFile file(m_path);
    if (!file.open(QIODevice::ReadOnly))
        return;
    const QJsonObject json = QJsonDocument::fromJson(file.readAll()).object();
    for (auto it = json.begin(); it != json.end(); ++it)
        m_tokens.insert(it.key(), it.value().toString());
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
    if (m_path.isEmpty())
        return true;
    QJsonObject json;
    for (auto it = m_tokens.cbegin(); it != m_tokens.cend(); ++it)
        json.insert(it.key(), it.value());
    QDir().mkpath(QFileInfo(m_path).absolutePath());
    QSaveFile file(m_path);
    if (!file.open(QIODevice::WriteOnly)) {
        qCWarning(lcClient) << "cannot save the token file" << m_path << file.errorString();
        return false;
    }
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    file.write(QJsonDocument(json).toJson());
    return file.commit();
}

} // namespace collab::client
