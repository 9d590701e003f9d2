#include "config/serverconfig.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QSaveFile>

// The demonstration setup (ServerConfig::demo): made once at random, kept in DIR/demo-config.json.

namespace collab::server {

namespace {

QString randomToken(int bytes)
{
    static const char alphabet[] = "abcdefghijkmnpqrstuvwxyz23456789";
    QString out;
    for (int i = 0; i < bytes; ++i)
        out += QLatin1Char(alphabet[QRandomGenerator::system()->bounded(int(sizeof(alphabet) - 1))]);
    return out;
}

} // namespace

Result<ServerConfig> ServerConfig::demo(const QString &dataDir)
{
    const QString path = QDir(dataDir).filePath(QStringLiteral("demo-config.json"));
    ServerConfig config;
    bool changed = false;
    if (QFile::exists(path)) {
        Result<ServerConfig> loaded = load(path);
        if (!loaded)
            return loaded;
        config = loaded.value();
    } else {
        CourseConfig demoCourse;
        demoCourse.id = QStringLiteral("CECS327");
        demoCourse.title = QStringLiteral("Distributed Systems (demo)");
        demoCourse.joinCode = randomToken(4) + QLatin1Char('-') + randomToken(4);
        demoCourse.instructors = {QStringLiteral("prof.lee")};
        demoCourse.channels = {QStringLiteral("general"), QStringLiteral("homework"), QStringLiteral("announcements")};
        demoCourse.notes = {QStringLiteral("class-notes")};
        demoCourse.announcements = {QStringLiteral("announcements")};
        config.courses << demoCourse;
        config.apiKeys << ApiKeyConfig{QStringLiteral("demo-integration"), randomToken(24), {QStringLiteral("CECS327")},
                                       {QStringLiteral("demo-integration")}};
        changed = true;
    }
    config.demoMode = true;
    // No instructor name is left for whoever joins first, in a demo too: each gets a secret, made
    // once and kept in clear in the file (0600) so that the banner can print it at every start.
    // A demo-config.json of an older version (an instructor without one) gets one here.
    for (CourseConfig &c : config.courses)
        for (const QString &user : c.instructorsWithoutSecret()) {
            const QString secret = randomToken(16);
            c.instructorSecrets.insert(user, secret);
            c.instructorSecretHashes.insert(user, secretHash(secret));
            changed = true;
        }
    if (!changed)
        return config;
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return ProtocolError::make(ErrorCode::Unavailable, QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner); // the join code and the API key
    file.write(QJsonDocument(config.toJson()).toJson());
    if (!file.commit())
        return ProtocolError::make(ErrorCode::Unavailable, QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    return config;
}

} // namespace collab::server
