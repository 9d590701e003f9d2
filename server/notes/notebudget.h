#pragma once

#include "config/serverconfig.h"
#include "crdt/operation.h"
#include "limits/tokenbucket.h"
#include "protocol/protocolerror.h"

#include <QElapsedTimer>
#include <QHash>
#include <QString>
#include <QVector>

#include <optional>

namespace collab::server {

// How fast one member (a course + user, all their connections and REST edits together) may change
// the shared notes: operations a second and bytes of inserted text a second, each a token bucket
// (LimitsConfig: noteOpsPerSecond/Burst, noteBytesPerSecond/Burst). One member pasting as fast
// as the limits allow then costs the server a known, small share of its time.
class NoteBudget
{
public:
    explicit NoteBudget(const LimitsConfig &limits);

    // rate_limited (with the wait) if these operations are over the member's budget; they are
    // then not counted. Operations are charged before they are checked, so refused ones count.
    std::optional<ProtocolError> admit(const QString &course, const QString &user, const QVector<crdt::Operation> &ops);
    std::optional<ProtocolError> admit(const QString &course, const QString &user, int opCount, qint64 bytes);

    static qint64 utf8Size(const QString &text);

private:
    struct Member
    {
        TokenBucket ops;
        TokenBucket bytes;
    };

    const LimitsConfig &m_limits;
    QElapsedTimer m_clock;
    QHash<QString, Member> m_members; // course + U+001F + user
};

} // namespace collab::server
