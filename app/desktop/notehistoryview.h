#pragma once

#include "notehistorymodel.h"
#include "notehistoryrender.h"
#include "noteversionactions.h"

#include <QDialog>
#include <QTimer>

class QComboBox;
class QLabel;
class QListView;
class QPlainTextEdit;
class QPushButton;
class QTabWidget;
class QTextEdit;

namespace collab {
struct CourseEvent;
}

namespace collab::desktop {

class CourseSession;
class HistorySlider;

// The history of one shared note (issue 15 part 2; View → Note history…, Ctrl+Shift+H): a time
// slider over its versions with the named ones marked on it and listed beside, and, at the
// slider's point, the text (read-only), the changes against another point (the current text, the
// version before, a named version) and who wrote which text. Moderators name the version and
// restore it (the server makes the old text a new edit of theirs, after a confirmation); for
// everyone else the buttons are disabled and say why.
// Nothing waits on the server in the GUI thread: every request is a callback, slider moves are
// debounced (kSettleMs) and an answer for a point the slider has left is dropped. New versions and
// names (note.ops, note.named events) come in live; a slider at the newest version follows them.
class NoteHistoryView : public QDialog
{
    Q_OBJECT
public:
    NoteHistoryView(CourseSession *session, const QString &note, QWidget *parent = nullptr);

    static constexpr int kSettleMs = 200;  // slider moves are sent once it rests this long
    static constexpr int kPageSize = 500;  // versions per note.history request (the protocol's most)

    enum class Pane { Text, Changes, Authors };
    enum class Compare { Now, Previous, Named };

    QString note() const { return m_note; }
    HistorySlider *slider() const { return m_slider; }
    NoteVersionModel *versions() const { return m_versions; }
    NamedVersionModel *namedVersions() const { return m_named; }
    QListView *namedList() const { return m_namedList; }
    QTabWidget *panes() const { return m_tabs; }
    QPlainTextEdit *textView() const { return m_text; }
    QTextEdit *diffView() const { return m_diff; }
    QTextEdit *authorsView() const { return m_authors; }
    QComboBox *compareBox() const { return m_compare; }
    QPushButton *nameButton() const { return m_actions->nameButton(); }
    QPushButton *restoreButton() const { return m_actions->restoreButton(); }
    QPushButton *olderButton() const { return m_older; }
    QLabel *statusLine() const { return m_status; }
    QLabel *permissionLine() const { return m_actions->permissionLine(); }
    // The dialogs "Name this version…" and "Restore this version" open (window-modal, not blocking).
    QInputDialog *nameDialog() const { return m_actions->nameDialog(); }
    QMessageBox *restoreQuestion() const { return m_actions->restoreQuestion(); }

    // The version at the slider (0 before the versions are loaded).
    quint64 selectedSeq() const { return m_seq; }
    // The version whose text, diff, authors each pane shows now (0: none yet, or loading).
    quint64 shownSeq(Pane pane) const;
    bool isLoaded() const { return m_loaded; }
    // The slider moved less than kSettleMs ago: the panes' requests wait.
    bool isSettling() const { return m_settle.isActive(); }

    // Moves the slider to version `seq` (a named version clicked in the list does this).
    bool selectVersion(quint64 seq);

Q_SIGNALS:
    void versionsLoaded();
    void paneShown(collab::desktop::NoteHistoryView::Pane pane, quint64 seq);
    void requestFailed(const QString &message);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void loadVersions(quint64 before);
    void onSliderMoved(int row);
    void refreshCurrentPane();
    void fetchText(quint64 seq);
    void fetchDiff(quint64 seq);
    void fetchAuthors(quint64 seq);
    void showDiffIfReady(quint64 seq);
    void onEvent(const collab::CourseEvent &event);
    void syncSlider();
    void namedChanged();
    void updateVersionLabel();
    void showStatus(const QString &text, bool problem = false);
    // The other end of the diff for `seq` under the current Compare choice (0: now) and whether
    // it is older than `seq`.
    quint64 compareSeq(quint64 seq, bool *older) const;

    CourseSession *m_session;
    QString m_note;
    NoteVersionModel *m_versions;
    NamedVersionModel *m_named;
    HistorySlider *m_slider;
    QLabel *m_version;
    QPushButton *m_older;
    QTabWidget *m_tabs;
    QLabel *m_textHeader;
    QPlainTextEdit *m_text;
    QComboBox *m_compare;
    QLabel *m_diffHeader;
    QTextEdit *m_diff;
    QLabel *m_authorsHeader;
    QTextEdit *m_authors;
    QLabel *m_legend;
    QListView *m_namedList;
    QLabel *m_status;
    NoteVersionActions *m_actions;
    QTimer m_settle;

    quint64 m_seq = 0;       // the slider's version
    bool m_loaded = false;   // the first page of versions is in
    bool m_loading = false;  // a note.history request is out
    bool m_more = false;     // older versions than the loaded ones exist
    // Per pane: the version it shows (0: nothing yet, or loading) and the token of its last
    // request: an answer carrying another token is for a point the slider left, and is dropped.
    quint64 m_shown[3] = {0, 0, 0};
    quint64 m_asked[3] = {0, 0, 0};
    quint64 m_nextToken = 0;
    QString m_textAt; // the text at m_shown[Text] (the diff's context lines come from it)
    struct PendingDiff
    {
        quint64 seq = 0;
        quint64 token = 0;
        bool haveHunks = false;
        QJsonArray hunks;
        quint64 from = 0;
        quint64 to = 0;
    } m_pendingDiff;
};

} // namespace collab::desktop
