#pragma once

#include <QString>

namespace collab {

// Course, channel and note ids and user names: [A-Za-z0-9._-]{1,64}. Only ASCII, so no name can
// look like another through a Unicode confusable (a Cyrillic 'а' for a Latin 'a').
bool isValidId(QStringView id);

// A user name: a valid id that starts with a letter (so "...", "-_-" or "42" are no names).
bool isValidUserName(QStringView name);

// The form two names are compared by (claims, kicks, reserved names, mentions): NFKC, then
// case-folded, so "Angie.Nguyen", "ANGIE.NGUYEN" and "angie.nguyen" are one person. The name a
// person claimed is still the one displayed.
QString normalizedName(const QString &name);

// True if two names are the same person's.
inline bool sameName(const QString &a, const QString &b)
{
    return normalizedName(a) == normalizedName(b);
}

} // namespace collab
