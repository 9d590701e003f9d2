#pragma once

#include "protocol/findmessages.h"

#include <QStyledItemDelegate>
#include <QWidget>

class QLabel;
class QLineEdit;
class QListView;
class QStandardItemModel;

namespace collab::desktop {

class CourseSession;
class MessageLocator;

// Paints a search hit: "#channel · author · date" over its snippet with the words found in bold.
class SearchHitDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    // The hit as the HTML the row shows (every piece of text escaped): `who` is its author as this
    // reader sees them named (authorlabel.h), `meta` the colour of the line above the snippet.
    static QString html(const proto::SearchHit &hit, const QString &who, const QColor &meta);
};

// The search pane (Ctrl+F: the current channel, Ctrl+Shift+F: the whole course): a query box,
// the hits best first, and Enter or a double click on a hit opens its channel scrolled to it
// (MessageLocator). The query goes to the server (`search`); the syntax is the server's
// (docs/desktop.md, "Search").
class SearchPanel : public QWidget
{
    Q_OBJECT
public:
    enum Role { HitRole = Qt::UserRole + 1, AuthorLabelRole /* QString: the author as this reader sees them named */ };

    explicit SearchPanel(CourseSession *session, QWidget *parent = nullptr);

    // "" searches the whole course.
    void setScope(const QString &channel);
    QString scope() const { return m_scope; }
    void search(const QString &query);
    // Opens the hit of `row` in its channel.
    void openResult(int row);

    QLineEdit *queryEdit() const { return m_query; }
    QListView *resultView() const { return m_results; }
    QStandardItemModel *resultModel() const { return m_model; }
    QLabel *statusLabel() const { return m_status; }
    MessageLocator *locator() const { return m_locator; }

Q_SIGNALS:
    void resultsShown(int count); // an answer arrived (or an error: -1)

private:
    void showAnswer(const QJsonObject &fields);

    CourseSession *m_session;
    MessageLocator *m_locator;
    QLabel *m_scopeLabel;
    QLineEdit *m_query;
    QListView *m_results;
    QStandardItemModel *m_model;
    QLabel *m_status;
    QString m_scope;
    quint64 m_pending = 0; // the latest search: answers to older ones are dropped
};

} // namespace collab::desktop

Q_DECLARE_METATYPE(collab::proto::SearchHit)
