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

std::optional<Result<NameGrant>> NameClaims::checkInstructor(const CourseConfig &course, const QString &user,
                                                             const QString &token)
{
    const QString instructor = course.instructorNamed(user);
    if (instructor.isEmpty() || !course.instructorSecretHashes.contains(instructor))
        return std::nullopt;
    if (token.isEmpty() || !constantTimeEquals(secretHash(token), course.instructorSecretHashes.value(instructor)))
        return Result<NameGrant>(ProtocolError::make(
            ErrorCode::NotAuthenticated, QStringLiteral("%1 is an instructor of %2: join with the instructor's secret").arg(instructor, course.id)));
    return Result<NameGrant>(NameGrant{instructor, QString()});
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

Result<NameGrant> NameClaims::checkClaim(const CourseConfig &course, const QString &display, const QString &token,
                                         const QByteArray &storedHash)
{
    if (token.isEmpty() || !constantTimeEquals(secretHash(token), storedHash))
        return ProtocolError::make(ErrorCode::NotAuthenticated,
                                   QStringLiteral("the name %1 is taken in %2 (names ignore case): join with its token")
                                       .arg(display, course.id));
    return NameGrant{display, QString()};
}

ProtocolError NameClaims::unavailable(const QString &what)
{
    return ProtocolError::make(ErrorCode::Unavailable, QStringLiteral("cannot %1 now; retry later").arg(what));
}

} // namespace collab::server
