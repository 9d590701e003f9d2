#include "coursemenu.h"

#include "courseexportaction.h"
#include "courserequests.h"
#include "coursesession.h"
#include "coursesettingsdialog.h"
#include "invitepanel.h"
#include "listmodels.h"
#include "mainwindow.h"
#include "moderationlogdialog.h"
#include "newcoursedialog.h"
#include "rosterimportdialog.h"
#include "sidepanels.h"

#include <QCoreApplication>
#include <QInputDialog>
#include <QJsonObject>
#include <QLabel>
#include <QListView>
#include <QMenuBar>
#include <QMessageBox>
#include <QStatusBar>
#include <QTabBar>
#include <QTabWidget>

#include <functional>

namespace collab::desktop {

namespace {
QString roleInWords(const QString &role)
{
    if (role == QLatin1String("ta"))
        return QCoreApplication::translate("collab::desktop::CourseMenu", "TA");
    if (role == QLatin1String("instructor"))
        return QCoreApplication::translate("collab::desktop::CourseMenu", "instructor");
    if (role == QLatin1String("student"))
        return QCoreApplication::translate("collab::desktop::CourseMenu", "student");
    if (role.isEmpty())
        return QStringLiteral("\u2026");
    return role;
}
} // namespace

CourseMenu::CourseMenu(MainWindow *window)
    : QObject(window), m_window(window), m_menu(window->menuBar()->addMenu(tr("&Course"))),
      m_role(new QLabel(window))
{
    const auto add = [this](const char *name, const QString &text, std::function<void()> run) {
        QAction *a = m_menu->addAction(text);
        a->setObjectName(QLatin1String(name));
        connect(a, &QAction::triggered, this, std::move(run));
        return a;
    };
    add("newCourse", tr("&New course…"), [this] { newCourse(); });
    add("settings", tr("Course &settings…"), [this] { show(new CourseSettingsDialog(m_session, m_window)); });
    m_menu->addSeparator();
    add("invite", tr("&Invite people…"), [this] {
        show(new InvitePanel(m_session, m_shareAddress.isEmpty() ? m_session->params().url.toString() : m_shareAddress, m_window));
    });
    add("roster", tr("Import &roster…"), [this] { show(new RosterImportDialog(m_session, m_window)); });
    add("log", tr("&Moderation log…"), [this] { show(new ModerationLogDialog(m_session, m_window)); });
    m_menu->addSeparator();
    add("export", tr("&Export course…"), [this] { exporter()->start(); });

    m_role->setObjectName(QStringLiteral("role"));
    m_role->setToolTip(tr("Your role in this course"));
    window->statusBar()->addPermanentWidget(m_role);
    connect(this, &CourseMenu::problem, window, [window](const QString &m) { window->statusBar()->showMessage(m, 8000); });
    setSession(window->session());
}

void CourseMenu::setSession(CourseSession *session)
{
    if (session == m_session || !session)
        return;
    if (m_session) {
        disconnect(m_session, nullptr, this, nullptr);
        disconnect(m_session->members(), nullptr, this, nullptr);
    }
    m_session = session;
    connect(session, &CourseSession::roleChanged, this, &CourseMenu::updateRole);
    connect(session, &CourseSession::joinedCourse, this, &CourseMenu::updateRole);
    connect(session->members(), &QAbstractItemModel::modelReset, this, &CourseMenu::updateRole);
    updateRole();
}

void CourseMenu::forget(const CourseSession *session)
{
    delete m_exports.take(session);
    if (m_session == session)
        m_session = nullptr;
}

CourseExportAction *CourseMenu::exporter()
{
    // One per course: an export keeps going (and says where it went) while another course is shown.
    CourseExportAction *&action = m_exports[m_session];
    if (!action) {
        CourseSession *session = m_session;
        action = new CourseExportAction(session, m_window);
        connect(action, &CourseExportAction::finished, this, [this, session](const QString &path, const QString &error) {
            if (!error.isEmpty())
                return Q_EMIT problem(tr("Export failed: %1").arg(error));
            m_window->statusBar()->showMessage(tr("%1 exported to %2").arg(session->course(), path), 8000);
        });
    }
    return action;
}

void CourseMenu::attachPanes(QListView *members, NotesPanel *notes)
{
    // Right clicks on a course's members and note tabs (its channels': the sidebar's).
    members->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(members, &QWidget::customContextMenuRequested, this, [this, members](const QPoint &at) {
        const QString user = members->indexAt(at).data(MemberModel::UserRole).toString();
        if (!user.isEmpty())
            memberMenu(user)->popup(members->viewport()->mapToGlobal(at));
    });
    QTabWidget *tabs = notes->tabs();
    tabs->tabBar()->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(tabs->tabBar(), &QWidget::customContextMenuRequested, this, [this, tabs, notes](const QPoint &at) {
        const int tab = tabs->tabBar()->tabAt(at);
        noteMenu(tab >= 0 ? notes->noteAt(tab) : QString())->popup(tabs->tabBar()->mapToGlobal(at));
    });
}

QAction *CourseMenu::action(const QString &name) const { return m_menu->findChild<QAction *>(name); }

void CourseMenu::updateRole()
{
    QString role = roleInWords(m_session->role());
    if (m_session->role() == QLatin1String("admin")) // the hosting app: the course's instructor too, usually
        role = m_session->isInstructor() ? tr("instructor (server administrator)") : tr("server administrator");
    m_role->setText(tr("You: %1").arg(role));
    const bool manager = m_session->isManager();
    action(QStringLiteral("settings"))->setEnabled(manager);
    action(QStringLiteral("roster"))->setEnabled(manager);
    action(QStringLiteral("log"))->setEnabled(manager);
    action(QStringLiteral("export"))->setEnabled(manager); // instructors and the administrator (not TAs)
    // New course: the administrator (the hosting app); anyone else is told by the server.
    action(QStringLiteral("newCourse"))->setEnabled(!m_session->params().adminSecret.isEmpty() || m_session->role() == QLatin1String("admin"));
}

void CourseMenu::show(QDialog *dialog)
{
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_dialog = dialog;
    dialog->open();
}

void CourseMenu::send(proto::ClientPayload request, const QString &done)
{
    sendCourseRequest(m_session->client(), this, std::move(request), [this, done](const QJsonObject &, const QString &error) {
        if (!error.isEmpty())
            Q_EMIT problem(error);
        else if (!done.isEmpty())
            m_window->statusBar()->showMessage(done, 5000);
    });
}

void CourseMenu::askName(const QString &title, const QString &label, std::function<void(const QString &)> then, const QString &initial)
{
    auto *input = new QInputDialog(m_window);
    input->setWindowTitle(title);
    input->setLabelText(label);
    input->setTextValue(initial);
    connect(input, &QInputDialog::textValueSelected, this, [then = std::move(then)](const QString &text) {
        if (!text.trimmed().isEmpty())
            then(text.trimmed());
    });
    show(input);
}

void CourseMenu::newCourse()
{
    auto *dialog = new NewCourseDialog(m_window);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        QString error;
        proto::CourseCreate spec = dialog->spec(&error);
        spec.instructors = {m_session->user()};
        sendCourseRequest(m_session->client(), this, spec, [this, course = spec.course](const QJsonObject &fields, const QString &error) {
            if (!error.isEmpty())
                return Q_EMIT problem(tr("Cannot create %1: %2").arg(course, error));
            Q_EMIT courseCreated(course, fields.value(QLatin1String("joinCode")).toString(),
                                 fields.value(QLatin1String("secrets")).toObject().value(m_session->user()).toString());
        });
    });
    show(dialog);
}

QMenu *CourseMenu::channelMenu(const QString &channel)
{
    auto *menu = new QMenu(m_window);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    const bool manager = m_session->isManager();
    const QString course = m_session->course();
    QAction *add = menu->addAction(tr("New channel…"), this, [this, course] {
        askName(tr("New channel"), tr("Channel name (letters, digits, . _ -):"),
                [this, course](const QString &name) { send(proto::ChannelAdd{course, name, false}, tr("#%1 added").arg(name)); });
    });
    QAction *announce = menu->addAction(tr("New announcement channel…"), this, [this, course] {
        askName(tr("New announcement channel"), tr("Channel name (only you and TAs post there):"),
                [this, course](const QString &name) { send(proto::ChannelAdd{course, name, true}, tr("#%1 added").arg(name)); });
    });
    add->setEnabled(manager);
    announce->setEnabled(manager);
    if (!channel.isEmpty()) {
        menu->addSeparator();
        const bool isAnnouncement = m_session->announcements().contains(channel);
        QAction *flag = menu->addAction(isAnnouncement ? tr("Let everyone post in #%1").arg(channel)
                                                       : tr("Make #%1 announcement-only").arg(channel),
                                        this, [this, course, channel, isAnnouncement] {
                                            proto::ChannelUpdate u{course, channel, std::nullopt, !isAnnouncement};
                                            send(u, tr("#%1 changed").arg(channel));
                                        });
        QAction *archive = menu->addAction(tr("Archive #%1").arg(channel), this, [this, course, channel] {
            send(proto::ChannelUpdate{course, channel, true, std::nullopt, std::nullopt}, tr("#%1 archived").arg(channel));
        });
        QAction *rename = menu->addAction(tr("Rename #%1…").arg(m_session->channelTitle(channel)), this, [this, course, channel] {
            askName(tr("Rename #%1").arg(channel), tr("The name everyone sees (the id #%1 stays for commands and links):").arg(channel),
                    [this, course, channel](const QString &name) {
                        send(proto::ChannelUpdate{course, channel, std::nullopt, std::nullopt, name}, tr("#%1 renamed to %2").arg(channel, name));
                    },
                    m_session->channelTitle(channel));
        });
        rename->setObjectName(QStringLiteral("renameChannel"));
        rename->setEnabled(manager);
        flag->setEnabled(manager);
        archive->setEnabled(manager);
    }
    return menu;
}

QMenu *CourseMenu::noteMenu(const QString &note)
{
    auto *menu = new QMenu(m_window);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    const QString course = m_session->course();
    QAction *create = menu->addAction(tr("New note…"), this, [this, course] {
        askName(tr("New note"), tr("Note name, e.g. week5-consensus:"),
                [this, course](const QString &name) { send(proto::NoteCreate{course, name}, tr("note %1 created").arg(name)); });
    });
    create->setEnabled(m_session->isModerator() || m_session->studentNotes());
    if (!note.isEmpty()) {
        menu->addSeparator();
        QAction *lock = menu->addAction(tr("Lock %1 (read-only for students)").arg(note), this, [this, course, note] {
            send(proto::NoteLock{course, note, true}, tr("%1 locked").arg(note));
        });
        QAction *unlock = menu->addAction(tr("Unlock %1").arg(note), this, [this, course, note] {
            send(proto::NoteLock{course, note, false}, tr("%1 unlocked").arg(note));
        });
        QAction *archive = menu->addAction(tr("Archive %1").arg(note), this, [this, course, note] {
            send(proto::NoteUpdate{course, note, true, std::nullopt}, tr("%1 archived").arg(note));
        });
        QAction *rename = menu->addAction(tr("Rename %1…").arg(m_session->noteTitle(note)), this, [this, course, note] {
            askName(tr("Rename note %1").arg(note), tr("The name everyone sees (the id %1 stays for commands and links):").arg(note),
                    [this, course, note](const QString &name) {
                        send(proto::NoteUpdate{course, note, std::nullopt, name}, tr("note %1 renamed to %2").arg(note, name));
                    },
                    m_session->noteTitle(note));
        });
        rename->setObjectName(QStringLiteral("renameNote"));
        rename->setEnabled(m_session->isManager());
        lock->setEnabled(m_session->isModerator());
        unlock->setEnabled(m_session->isModerator());
        archive->setEnabled(m_session->isManager());
    }
    return menu;
}

QMenu *CourseMenu::memberMenu(const QString &user)
{
    auto *menu = new QMenu(m_window);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    const QString course = m_session->course();
    const bool self = sameName(user, m_session->user());
    const QString role = m_session->members()->roleOf(user);
    const bool protectedRole = role == QLatin1String("instructor") || (role == QLatin1String("ta") && m_session->role() == QLatin1String("ta"));
    QMenu *remove = menu->addMenu(tr("Remove %1").arg(user));
    // Whole sentences per duration (the menu item and what the status bar says after), not fragments.
    struct Duration { QString label; QString done; qint64 minutes; };
    const Duration durations[] = {{tr("for 10 minutes"), tr("%1 removed for 10 minutes").arg(user), 10},
                                  {tr("for an hour"), tr("%1 removed for an hour").arg(user), 60},
                                  {tr("for a day"), tr("%1 removed for a day").arg(user), 24 * 60},
                                  {tr("until restored"), tr("%1 removed until restored").arg(user), 0}};
    for (const Duration &d : durations) {
        QAction *a = remove->addAction(d.label, this, [this, course, user, minutes = d.minutes, done = d.done] {
            send(proto::Kick{course, user, minutes}, done);
        });
        a->setObjectName(QStringLiteral("remove%1").arg(d.minutes));
    }
    remove->setEnabled(m_session->isModerator() && !self && !protectedRole);
    QAction *restore = menu->addAction(tr("Restore %1").arg(user), this, [this, course, user] {
        send(proto::MemberRestore{course, user}, tr("%1 may join again").arg(user));
    });
    restore->setEnabled(m_session->isModerator() && !self);
    menu->addSeparator();
    const bool isTa = role == QLatin1String("ta");
    QAction *ta = menu->addAction(isTa ? tr("Dismiss %1 as TA").arg(user) : tr("Appoint %1 as TA").arg(user), this,
                                  [this, course, user, isTa] {
                                      send(proto::MemberRoleSet{course, user, isTa ? QStringLiteral("student") : QStringLiteral("ta")},
                                           isTa ? tr("%1 is now a student").arg(user) : tr("%1 is now a TA").arg(user));
                                  });
    ta->setEnabled(m_session->isManager() && !self && role != QLatin1String("instructor"));
    // Instructors are named by the administrator (the hosting app, or a session with the admin secret).
    const bool admin = m_session->role() == QLatin1String("admin");
    const bool isInstructor = role == QLatin1String("instructor");
    QAction *instructor = menu->addAction(isInstructor ? tr("Make %1 a student (no longer an instructor)").arg(user)
                                                       : tr("Make %1 an instructor…").arg(user),
                                          this, [this, course, user, isInstructor] {
                                              if (isInstructor)
                                                  send(proto::MemberRoleSet{course, user, QStringLiteral("student")}, tr("%1 is now a student").arg(user));
                                              else
                                                  nameInstructor(user);
                                          });
    instructor->setObjectName(QStringLiteral("instructorRole"));
    instructor->setEnabled(admin && !self);
    return menu;
}

void CourseMenu::nameInstructor(const QString &user)
{
    const QString course = m_session->course();
    sendCourseRequest(m_session->client(), this, proto::MemberRoleSet{course, user, QStringLiteral("instructor")},
                      [this, user, course](const QJsonObject &fields, const QString &error) {
                          if (!error.isEmpty())
                              return Q_EMIT problem(tr("Cannot make %1 an instructor: %2").arg(user, error));
                          // Shown once: whoever has it joins as that instructor (like a password).
                          auto *box = new QMessageBox(QMessageBox::Information, tr("%1 teaches %2").arg(user, course),
                                                      tr("%1 is now an instructor of %2. Give them this secret (shown only now); "
                                                         "they join with it as their instructor's secret:\n\n%3")
                                                          .arg(user, course, fields.value(QLatin1String("secret")).toString()),
                                                      QMessageBox::Ok, m_window);
                          box->setTextInteractionFlags(Qt::TextSelectableByMouse);
                          show(box);
                      });
}

} // namespace collab::desktop
