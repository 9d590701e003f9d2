#include "config/serverconfig.h"

#include "identity/nameclaims.h"
#include "protocol/ids.h"

#include <QCryptographicHash>

// The configuration's own rules (who is an instructor, which key is which, which names are
// reserved). Reading it from JSON: serverconfigreader.cpp; writing it: serverconfigwriter.cpp; the
// demo setup: democonfig.cpp.

namespace collab::server {

namespace {

bool constantTimeEquals(QStringView a, QStringView b)
{
    if (a.size() != b.size())
        return false;
    char16_t diff = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        diff |= a[i].unicode() ^ b[i].unicode();
    return diff == 0;
}

} // namespace

QByteArray secretHash(const QString &secret)
{
    return QCryptographicHash::hash(secret.toUtf8(), QCryptographicHash::Sha256).toHex();
}

QString CourseConfig::instructorNamed(const QString &user) const
{
    const QString wanted = normalizedName(user);
    for (const QString &i : instructors)
        if (normalizedName(i) == wanted)
            return i;
    return {};
}

QStringList CourseConfig::instructorsWithoutSecret() const
{
    QStringList out;
    for (const QString &i : instructors)
        if (!instructorSecretHashes.contains(i))
            out << i;
    return out;
}

QString ApiKeyConfig::authorNamed(const QString &user) const
{
    const QString wanted = normalizedName(user);
    for (const QString &a : authors)
        if (normalizedName(a) == wanted)
            return a;
    return {};
}

QString ServerConfig::reservedNameReason(const QString &course, const QString &user) const
{
    const QString wanted = normalizedName(user);
    for (const ApiKeyConfig &k : apiKeys) {
        if (!k.allows(course))
            continue;
        if (normalizedName(k.name) == wanted)
            return QStringLiteral("the name %1 is reserved: an integration (API key) of %2 posts under it").arg(user, course);
        if (!k.authorNamed(user).isEmpty())
            return QStringLiteral("the name %1 is reserved: the API key %2 posts as it in %3").arg(user, k.name, course);
    }
    return {};
}

QString ServerConfig::unclaimedInstructorsError() const
{
    if (demoMode)
        return {};
    QStringList missing;
    for (const CourseConfig &c : courses)
        for (const QString &i : c.instructorsWithoutSecret())
            missing << c.id + QLatin1Char('/') + i;
    if (missing.isEmpty())
        return {};
    return QStringLiteral("instructor without a secret (%1): whoever joined first under that name would be the "
                          "instructor. Give each one {\"user\": NAME, \"secret\": ...} (or \"secretSha256\"), or run a "
                          "demonstration with --demo (\"demo\": true)").arg(missing.join(QLatin1String(", ")));
}

const CourseConfig *ServerConfig::course(const QString &id) const
{
    for (const CourseConfig &c : courses)
        if (c.id == id)
            return &c;
    return nullptr;
}

bool CourseConfig::isTa(const QString &user) const { return tas.contains(normalizedName(user)); }

bool CourseConfig::admits(const QString &user, const QString &code) const
{
    const QByteArray given = secretHash(code);
    const auto invite = inviteHashes.constFind(normalizedName(user));
    const bool invited = invite != inviteHashes.constEnd() && constantTimeEquals(given, invite.value());
    // A course built in code (the demo) may have only the code: its hash is taken here.
    const QByteArray codeHash = joinCodeHash.isEmpty() && !joinCode.isEmpty() ? secretHash(joinCode) : joinCodeHash;
    const bool shared = !codeHash.isEmpty() && constantTimeEquals(given, codeHash);
    return invited || (shared && (!invitesRequired || isInstructor(user)));
}

ProtocolError unknownCourseError(const QString &course)
{
    return ProtocolError::make(ErrorCode::UnknownCourse, QStringLiteral("no course '%1'").arg(course));
}

const ApiKeyConfig *ServerConfig::apiKeyFor(QStringView key) const
{
    const ApiKeyConfig *found = nullptr;
    for (const ApiKeyConfig &k : apiKeys)
        if (constantTimeEquals(k.key, key))
            found = &k;
    return found;
}

qint64 FilesConfig::largestMaxFileBytes() const
{
    qint64 largest = maxFileBytes;
    for (const QPair<qint64, qint64> &c : courses)
        largest = std::max(largest, c.first);
    return largest;
}

} // namespace collab::server
