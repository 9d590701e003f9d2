#include "editmessagedialog.h"

#include "composer.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QVBoxLayout>

namespace collab::desktop {

EditMessageDialog::EditMessageDialog(const QString &text, QWidget *parent)
    : QDialog(parent), m_editor(new Composer(this))
{
    setWindowTitle(tr("Edit message"));
    setWindowModality(Qt::WindowModal);
    auto *layout = new QVBoxLayout(this);
    auto *hint = new QLabel(tr("Enter saves, Shift+Enter starts a new line, Esc cancels."), this);
    hint->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(hint);
    m_editor->setPlaceholderText(QString());
    m_editor->setAccessibleName(tr("Edited message"));
    m_editor->setAccessibleDescription(hint->text());
    m_editor->setClearOnSubmit(false);
    m_editor->setPlainText(text);
    m_editor->moveCursor(QTextCursor::End);
    layout->addWidget(m_editor);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_editor, &Composer::submitted, this, &QDialog::accept);
    resize(460, 200);
}

QString EditMessageDialog::text() const { return m_editor->toPlainText(); }

} // namespace collab::desktop
