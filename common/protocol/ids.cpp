#include "protocol/ids.h"

#include "protocol/limits.h"

namespace collab {

bool isValidId(QStringView id)
{
    if (id.isEmpty() || id.size() > limits::MaxIdLength)
        return false;
    for (QChar c : id) {
        const char16_t u = c.unicode();
        const bool ok = (u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z') || (u >= u'0' && u <= u'9')
                        || u == u'.' || u == u'_' || u == u'-';
        if (!ok)
            return false;
    }
    return true;
}

bool isValidUserName(QStringView name)
{
    if (!isValidId(name))
        return false;
    const char16_t first = name.front().unicode();
    return (first >= u'a' && first <= u'z') || (first >= u'A' && first <= u'Z');
}

QString normalizedName(const QString &name)
{
    // Names are ASCII today (isValidId), where NFKC changes nothing; it is applied anyway so that
    // the comparison stays right if the alphabet ever grows.
    return name.normalized(QString::NormalizationForm_KC).toCaseFolded();
}

} // namespace collab
