#pragma once

#include <QDialog>

namespace collab::desktop {

class Composer;

// Edit message: the text in a Composer; Enter saves, Shift+Enter starts a new line, Esc cancels.
// Opened window-modal without blocking (open()), so that a test types into it.
class EditMessageDialog : public QDialog
{
    Q_OBJECT
public:
    EditMessageDialog(const QString &text, QWidget *parent = nullptr);
    Composer *editor() const { return m_editor; }
    QString text() const;

private:
    Composer *m_editor;
};

} // namespace collab::desktop
