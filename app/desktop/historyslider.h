#pragma once

#include <QList>
#include <QSlider>

namespace collab::desktop {

// The note history's time slider: one step per version, oldest at the left, with the named
// versions drawn as marks (a small flag above the groove) so they can be found while sliding.
class HistorySlider : public QSlider
{
    Q_OBJECT
public:
    explicit HistorySlider(QWidget *parent = nullptr);

    // The slider values (version rows) that carry a name.
    void setMarks(const QList<int> &values);
    QList<int> marks() const { return m_marks; }

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QList<int> m_marks;
};

} // namespace collab::desktop
