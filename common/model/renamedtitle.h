#pragma once

#include <QHash>
#include <QString>

namespace collab {

// A channel's or note's title after a rename (channel.renamed, note.renamed): an empty title, or
// the id itself, means "show the id", so no title is kept for it. The server's catalog and the
// desktop's course state read renames by this one rule.
inline void applyRenamedTitle(QHash<QString, QString> &titles, const QString &id, const QString &title)
{
    const QString shown = title.trimmed();
    if (shown.isEmpty() || shown == id)
        titles.remove(id);
    else
        titles.insert(id, shown);
}

} // namespace collab
