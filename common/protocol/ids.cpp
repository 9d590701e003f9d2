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

} // namespace collab
