#pragma once

#include <QAbstractListModel>
#include <QJsonArray>
#include <QStringList>

namespace collab::desktop {

// One version of a note (issue 15 part 2): a note.ops event, named by its course seq.
struct NoteVersion
{
    quint64 seq = 0;
    qint64 timeMs = 0;
    QStringList authors;
    QStringList names;     // the names moderators gave it ("Before midterm")
    quint64 restored = 0;  // a restore's edit: the version it brought back
};

// A note's versions as far as the history view has loaded them, oldest first (the slider's order):
// pages of note.history merged in, live note.ops and note.named events added as they come. Rows
// are only ever added (older pages at the top, new versions at the bottom) and a row's names grow.
class NoteVersionModel : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Role { SeqRole = Qt::UserRole + 1, TimeRole, AuthorsRole, NamesRole, RestoredRole };

    using QAbstractListModel::QAbstractListModel;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    // Merges a note.history page's `versions` (newest first, as the server sends them).
    void addPage(const QJsonArray &versions);
    // A version that happened while the view was open (a note.ops event); false if already known.
    bool addVersion(const NoteVersion &version);
    // A moderator named version `at`: its row shows the name (false if that version is not loaded).
    bool addName(quint64 at, const QString &name);

    const NoteVersion &version(int row) const { return m_versions.at(row); }
    int rowOfSeq(quint64 seq) const; // -1 if not loaded
    quint64 oldestSeq() const { return m_versions.isEmpty() ? 0 : m_versions.first().seq; }
    quint64 newestSeq() const { return m_versions.isEmpty() ? 0 : m_versions.last().seq; }

    // "#42 · Mon 14:03 · angie.nguyen" (and "· “Before midterm”", "· restored #17").
    static QString describe(const NoteVersion &version);

private:
    QList<NoteVersion> m_versions; // ascending seq
};

struct NamedVersion
{
    QString name;
    quint64 at = 0;
    QString by;
    qint64 timeMs = 0;
};

// The named versions of a note, oldest version first: listed beside the slider and marked on it.
class NamedVersionModel : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Role { NameRole = Qt::UserRole + 1, AtRole, ByRole, TimeRole };

    using QAbstractListModel::QAbstractListModel;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    // The `named` list of a note.history answer (replaces what was there).
    void setAll(const QJsonArray &named);
    // A note.named event; false if that name was already listed.
    bool add(const NamedVersion &named);
    const QList<NamedVersion> &all() const { return m_named; }

private:
    QList<NamedVersion> m_named; // by `at`, then name
};

} // namespace collab::desktop
