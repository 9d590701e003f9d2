#include "notehistorymodel.h"

#include <QDateTime>
#include <QJsonObject>
#include <QLocale>

#include <algorithm>

namespace collab::desktop {

namespace {
QString timeText(qint64 ms)
{
    const QDateTime t = QDateTime::fromMSecsSinceEpoch(ms);
    const bool today = t.date() == QDate::currentDate();
    return QLocale().toString(t, today ? QStringLiteral("HH:mm:ss") : QStringLiteral("ddd d MMM HH:mm"));
}

NoteVersion versionFromJson(const QJsonObject &o)
{
    NoteVersion v;
    v.seq = quint64(o.value(QLatin1String("seq")).toDouble());
    v.timeMs = qint64(o.value(QLatin1String("time")).toDouble());
    for (const QJsonValue &a : o.value(QLatin1String("authors")).toArray())
        v.authors << a.toString();
    for (const QJsonValue &n : o.value(QLatin1String("names")).toArray())
        v.names << n.toString();
    v.restored = quint64(o.value(QLatin1String("restored")).toDouble());
    return v;
}

bool bySeq(const NoteVersion &a, const NoteVersion &b) { return a.seq < b.seq; }
} // namespace

int NoteVersionModel::rowCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : int(m_versions.size()); }

QVariant NoteVersionModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const NoteVersion &v = m_versions.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return describe(v);
    case SeqRole:
        return v.seq;
    case TimeRole:
        return v.timeMs;
    case AuthorsRole:
        return v.authors;
    case NamesRole:
        return v.names;
    case RestoredRole:
        return v.restored;
    default:
        return {};
    }
}

QHash<int, QByteArray> NoteVersionModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(SeqRole, "seq");
    names.insert(TimeRole, "time");
    names.insert(AuthorsRole, "authors");
    names.insert(NamesRole, "names");
    names.insert(RestoredRole, "restored");
    return names;
}

QString NoteVersionModel::describe(const NoteVersion &v)
{
    QString text = QStringLiteral("#%1 \u00b7 %2 \u00b7 %3").arg(v.seq).arg(timeText(v.timeMs), v.authors.join(QStringLiteral(", ")));
    for (const QString &name : v.names)
        text += QStringLiteral(" \u00b7 \u201c%1\u201d").arg(name);
    if (v.restored)
        text = tr("%1 · restored #%2").arg(text).arg(v.restored);
    return text;
}

void NoteVersionModel::addPage(const QJsonArray &versions)
{
    QList<NoteVersion> fresh;
    for (const QJsonValue &value : versions) {
        NoteVersion v = versionFromJson(value.toObject());
        if (v.seq != 0 && rowOfSeq(v.seq) < 0)
            fresh << v;
    }
    if (fresh.isEmpty())
        return;
    std::sort(fresh.begin(), fresh.end(), bySeq);
    // A page is older than what is shown (paging back) or the first one: one block at the top.
    // Anything newer (a live version that raced the page) goes in one by one.
    QList<NoteVersion> older;
    for (const NoteVersion &v : fresh) {
        if (m_versions.isEmpty() || v.seq < m_versions.first().seq)
            older << v;
        else
            addVersion(v);
    }
    if (older.isEmpty())
        return;
    beginInsertRows(QModelIndex(), 0, int(older.size()) - 1);
    m_versions = older + m_versions;
    endInsertRows();
}

bool NoteVersionModel::addVersion(const NoteVersion &version)
{
    if (version.seq == 0 || rowOfSeq(version.seq) >= 0)
        return false;
    const auto it = std::lower_bound(m_versions.begin(), m_versions.end(), version, bySeq);
    const int row = int(it - m_versions.begin());
    beginInsertRows(QModelIndex(), row, row);
    m_versions.insert(row, version);
    endInsertRows();
    return true;
}

bool NoteVersionModel::addName(quint64 at, const QString &name)
{
    const int row = rowOfSeq(at);
    if (row < 0 || m_versions.at(row).names.contains(name))
        return false;
    m_versions[row].names << name;
    const QModelIndex i = index(row);
    Q_EMIT dataChanged(i, i, {Qt::DisplayRole, NamesRole});
    return true;
}

int NoteVersionModel::rowOfSeq(quint64 seq) const
{
    NoteVersion probe;
    probe.seq = seq;
    const auto it = std::lower_bound(m_versions.cbegin(), m_versions.cend(), probe, bySeq);
    return it != m_versions.cend() && it->seq == seq ? int(it - m_versions.cbegin()) : -1;
}

int NamedVersionModel::rowCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : int(m_named.size()); }

QVariant NamedVersionModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const NamedVersion &n = m_named.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return tr("“%1” · #%2 · by %3").arg(n.name).arg(n.at).arg(n.by);
    case Qt::ToolTipRole:
        return tr("Named by %1 on %2").arg(n.by, timeText(n.timeMs));
    case Qt::AccessibleTextRole: // words, not quote marks and "·" separators
        return tr("%1, version %2, named by %3 on %4").arg(n.name).arg(n.at).arg(n.by, timeText(n.timeMs));
    case NameRole:
        return n.name;
    case AtRole:
        return n.at;
    case ByRole:
        return n.by;
    case TimeRole:
        return n.timeMs;
    default:
        return {};
    }
}

QHash<int, QByteArray> NamedVersionModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(NameRole, "name");
    names.insert(AtRole, "at");
    names.insert(ByRole, "by");
    names.insert(TimeRole, "time");
    return names;
}

void NamedVersionModel::setAll(const QJsonArray &named)
{
    beginResetModel();
    m_named.clear();
    for (const QJsonValue &value : named) {
        const QJsonObject o = value.toObject();
        m_named << NamedVersion{o.value(QLatin1String("name")).toString(), quint64(o.value(QLatin1String("at")).toDouble()),
                                o.value(QLatin1String("by")).toString(), qint64(o.value(QLatin1String("time")).toDouble())};
    }
    std::stable_sort(m_named.begin(), m_named.end(), [](const NamedVersion &a, const NamedVersion &b) { return a.at < b.at; });
    endResetModel();
}

bool NamedVersionModel::add(const NamedVersion &named)
{
    for (const NamedVersion &n : m_named)
        if (n.name == named.name)
            return false;
    const auto it = std::upper_bound(m_named.begin(), m_named.end(), named,
                                     [](const NamedVersion &a, const NamedVersion &b) { return a.at < b.at; });
    const int row = int(it - m_named.begin());
    beginInsertRows(QModelIndex(), row, row);
    m_named.insert(row, named);
    endInsertRows();
    return true;
}

} // namespace collab::desktop
