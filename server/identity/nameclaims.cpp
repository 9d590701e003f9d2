#include "identity/nameclaims.h"

#include "config/serverconfig.h"

#include <QRandomGenerator>

namespace collab::server {

bool constantTimeEquals(const QByteArray &a, const QByteArray &b)
{
    unsigned char diff = a.size() == b.size() ? 0 : 1;
    const qsizetype n = std::max(a.size(), b.size());
    for (qsizetype i = 0; i < n; ++i)
        diff |= (i < a.size() ? uchar(a[i]) : 0) ^ (i < b.size() ? uchar(b[i]) : 0);
    return diff == 0;
}

std::optional<Result<QString>> NameClaims::checkInstructor(const CourseConfig &course, const QString &user,
                                                           const QString &token)
{
    if (!course.instructorSecretHashes.contains(user))
        return std::nullopt;
    if (token.isEmpty() || !constantTimeEquals(secretHash(token), course.instructorSecretHashes.value(user)))
        return Result<QString>(ProtocolError::make(
            ErrorCode::NotAuthenticated, QStringLiteral("%1 is an instructor of %2: join with the instructor's secret").arg(user, course.id)));
    return Result<QString>(QString());
}

QString NameClaims::tokenToClaim(const QString &token, bool *adopted)
{
    // A client that brings a token of its own (one issued before, e.g. by a node that kept its
    // own claims, or restored from a backup) claims the name with it, so its token stays valid.
    *adopted = token.size() >= MinAdoptedTokenLength;
    if (*adopted)
        return token;
    QByteArray bytes(16, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(bytes.data()), bytes.size() / 4);
    return QString::fromLatin1(bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

Result<QString> NameClaims::checkClaim(const CourseConfig &course, const QString &user, const QString &token,
                                       const QByteArray &storedHash)
{
    if (token.isEmpty() || !constantTimeEquals(secretHash(token), storedHash))
        return ProtocolError::make(ErrorCode::NotAuthenticated,
                                   QStringLiteral("the name %1 is taken in %2: join with its token").arg(user, course.id));
    return QString();
}

ProtocolError NameClaims::unavailable(const QString &what)
{
    return ProtocolError::make(ErrorCode::Unavailable, QStringLiteral("cannot %1 now; retry later").arg(what));
}

} // namespace collab::server
