#pragma once

#include <QString>

namespace collab {

// Course, channel and note ids and user names: [A-Za-z0-9._-]{1,64}.
bool isValidId(QStringView id);

} // namespace collab
