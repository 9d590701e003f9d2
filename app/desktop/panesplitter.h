#pragma once

#include <QSplitter>

namespace collab::desktop {

// The window's columns side by side: course sidebar | chat | notes | members | threads, polls
// and queue (shown on demand). Until the user moves a handle (or their widths are restored), the
// columns are fitted to the window's width: the sidebar and the members a share of it (at 800 px
// the chat must not be squeezed), the chat and the notes the rest, half each.
class PaneSplitter : public QSplitter
{
    Q_OBJECT
public:
    enum Column { Sidebar, Chat, Notes, Members, Interactions };
    PaneSplitter(const QList<QWidget *> &columns, QWidget *parent = nullptr);

    // Restores widths saved with saveState(); they are the user's from then on. False if `state`
    // is not a splitter's state.
    bool restoreWidths(const QByteArray &state);
    // Shows or hides the interactions column: its width comes from the chat and the notes, half
    // each, never below a readable width, and goes back to them.
    void setInteractionsVisible(bool visible);

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void fitToWidth();

    bool m_userWidths = false;
};

} // namespace collab::desktop
