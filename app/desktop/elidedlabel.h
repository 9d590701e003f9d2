#pragma once

#include <QLabel>

namespace collab::desktop {

// A one-line plain-text label that never widens its pane and never cuts a word in half: when the
// text does not fit it is drawn with an ellipsis ("● offline · 3 uns…"), and the tooltip holds
// the whole text (unless a tooltip of its own was set). text() is always the whole text.
class ElidedLabel : public QLabel
{
    Q_OBJECT
public:
    explicit ElidedLabel(QWidget *parent = nullptr);

    // What is drawn now: the text, or its elided form at the current width.
    QString shownText() const;
    bool isElided() const { return shownText() != text(); }
    // The width the whole text needs (with the contents margins).
    int fullWidth() const;

    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;
};

} // namespace collab::desktop
