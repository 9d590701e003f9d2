#pragma once

#include <QObject>
#include <QPointer>
#include <QTimer>

class QListView;

namespace collab::desktop {

class ChatDelegate;

// Renders the chat rows just outside the viewport while the GUI is idle, so that scrolling finds
// them rendered (ChatDelegate's cache) instead of rendering them inside a frame: Markdown import,
// highlighting and layout of a row with code cost a few milliseconds, and a frame that reveals
// three such rows missed 16 ms (docs/benchmarks.md, "Rich text"). After each scroll, resize or
// model change it renders up to kAhead rows in the direction of the last scroll and kBehind rows
// the other way, in slices of at most kSliceMs of GUI time (a zero timer: input and paint events
// waiting go first), well inside the delegate's 400-row cache.
class RowPrefetcher : public QObject
{
    Q_OBJECT
public:
    static constexpr int kAhead = 24;
    static constexpr int kBehind = 8;
    static constexpr int kSliceMs = 4;

    RowPrefetcher(QListView *view, ChatDelegate *delegate);

    void setEnabled(bool enabled);
    bool isEnabled() const { return m_enabled; }
    // Rows rendered ahead of time since the start (a measurement for the benchmark and tests).
    int prefetched() const { return m_prefetched; }
    // True once the rows around the viewport are all rendered.
    bool isIdle() const { return !m_timer.isActive(); }

private:
    void schedule();
    void runSlice();

    QPointer<QListView> m_view;
    ChatDelegate *m_delegate;
    QTimer m_timer;
    bool m_enabled = true;
    int m_lastValue = 0;
    int m_direction = 1; // +1 scrolling down (towards newer messages), -1 up
    int m_prefetched = 0;
};

} // namespace collab::desktop
