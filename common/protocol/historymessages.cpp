#include "protocol/historymessages.h"

#include "protocol/jsonfields.h"

namespace collab::proto {

std::optional<ProtocolError> history::checkVersionName(const QString &name)
{
    if (name.trimmed().isEmpty())
        return ProtocolError::make(ErrorCode::InvalidValue, QStringLiteral("a version's name must not be blank"));
    if (name.size() > MaxVersionNameChars)
        return ProtocolError::make(ErrorCode::TooLarge,
                                   QStringLiteral("a version's name has at most %1 characters").arg(MaxVersionNameChars));
    for (const QChar c : name) {
        // Control characters break lines and terminals; format characters (bidi overrides, zero
        // widths) make one name look like another.
        const QChar::Category category = c.category();
        if (category == QChar::Other_Control || category == QChar::Other_Format || c == QChar(0x2028) || c == QChar(0x2029))
            return ProtocolError::make(ErrorCode::InvalidValue,
                                       QStringLiteral("a version's name may not hold control or format characters (U+%1)")
                                           .arg(c.unicode(), 4, 16, QLatin1Char('0')));
    }
    return std::nullopt;
}

void NoteNameVersion::validate(FieldReader &r) const
{
    if (std::optional<ProtocolError> e = history::checkVersionName(name))
        r.fail(e->code, e->message);
}

void NoteAt::validate(FieldReader &r) const
{
    if (int(at != 0) + int(time != 0) + int(!version.isEmpty()) != 1)
        r.fail(ErrorCode::InvalidValue, QStringLiteral("give exactly one of at (a seq), time (ms since the epoch) or version (a name)"));
}

void NoteRestore::validate(FieldReader &r) const
{
    if (int(at != 0) + int(!version.isEmpty()) != 1)
        r.fail(ErrorCode::InvalidValue, QStringLiteral("give exactly one of at (a seq) or version (a name)"));
}

} // namespace collab::proto
