// i18n (issue 12, part 7): the app in Spanish, offscreen against a real server. The main windows
// of an instructor (hosting, so the status bar's host text and the close question are there) and
// of a student, their menus and context menus, and each dialog (login, new course, course
// settings, invite, roster import, moderation log, export, new poll, note history and naming a
// version, search, quick switcher, edit message, select text, the close question) are walked:
// every text, window title, tooltip, placeholder, accessible name and description, tab, header,
// action and list row. The test fails listing each one that is still English: one of the
// sources' string literals (englishtexts.h), whether it was never wrapped in tr() or has no
// translation. Plurals: "%n message(s)" in both languages through a real search.
#include "englishtexts.h"

#include "chatdelegate.h"
#include "client/connection.h"
#include "client/requestresult.h"
#include "richdocument.h"
#include "chatmodel.h"
#include "chatpanel.h"
#include "coursemenu.h"
#include "courserequests.h"
#include "courseexportaction.h"
#include "desktopfixture.h"
#include "desktopsettings.h"
#include "interactionpanels.h"
#include "logindialog.h"
#include "noteeditor.h"
#include "notehistoryview.h"
#include "polldialog.h"
#include "searchpanel.h"
#include "sidepanels.h"
#include "translations.h"
#include "../server/coursetesthelpers.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDockWidget>
#include <QFileDialog>
#include <QGroupBox>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QListWidget>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTabBar>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTextEdit>

using namespace collab::desktop;

namespace {

// The keyboard mnemonic of a text ("&Archivo": 'a'), or a null QChar.
QChar mnemonicOf(const QString &text)
{
    for (qsizetype i = 0; i + 1 < text.size(); ++i) {
        if (text.at(i) != QLatin1Char('&'))
            continue;
        if (text.at(i + 1) == QLatin1Char('&')) {
            ++i;
            continue;
        }
        return text.at(i + 1).toLower();
    }
    return {};
}

// Texts sharing a mnemonic among `texts` (Alt+letter would not reach the second one).
QStringList clashes(const QStringList &texts)
{
    QHash<QChar, QString> first;
    QStringList out;
    for (const QString &t : texts) {
        const QChar m = mnemonicOf(t);
        if (m.isNull())
            continue;
        if (first.contains(m))
            out << QStringLiteral("\u00ab%1\u00bb and \u00ab%2\u00bb share Alt+%3").arg(first.value(m), t, m);
        else
            first.insert(m, t);
    }
    return out;
}

struct Shown
{
    QString where;
    QString text;
};

QString nameOf(const QObject *o)
{
    return o->objectName().isEmpty() ? QString::fromLatin1(o->metaObject()->className())
                                     : QStringLiteral("%1 \"%2\"").arg(QString::fromLatin1(o->metaObject()->className()), o->objectName());
}

void addText(QList<Shown> *out, const QString &where, const QString &text)
{
    if (!text.trimmed().isEmpty())
        out->append({where, text});
}

void collectAction(QAction *a, const QString &where, QList<Shown> *out, QSet<QAction *> *seen)
{
    if (seen->contains(a) || a->isSeparator())
        return;
    seen->insert(a);
    const QString here = where + QStringLiteral(" > ") + a->text();
    for (const QString &t : {a->text(), a->toolTip(), a->statusTip(), a->whatsThis()})
        addText(out, here, t);
    if (QMenu *m = a->menu()) {
        addText(out, here, m->title());
        for (QAction *inner : m->actions())
            collectAction(inner, here, out, seen);
    }
}

// Every text of `w` and of its visible descendants that a user reads or hears.
void collect(QWidget *w, const QString &where, QList<Shown> *out, QSet<QAction *> *seen)
{
    const QString here = where + QStringLiteral(" / ") + nameOf(w);
    if (w->isWindow() || qobject_cast<QDockWidget *>(w))
        addText(out, here, w->windowTitle());
    for (const QString &t : {w->toolTip(), w->statusTip(), w->whatsThis(), w->accessibleName(), w->accessibleDescription()})
        addText(out, here, t);
    if (auto *l = qobject_cast<QLabel *>(w))
        addText(out, here, l->text());
    if (auto *b = qobject_cast<QAbstractButton *>(w))
        addText(out, here, b->text());
    if (auto *e = qobject_cast<QLineEdit *>(w))
        addText(out, here, e->placeholderText());
    if (auto *e = qobject_cast<QPlainTextEdit *>(w))
        addText(out, here, e->placeholderText());
    if (auto *e = qobject_cast<QTextEdit *>(w)) {
        addText(out, here, e->placeholderText());
        if (e->isReadOnly())
            addText(out, here, e->toPlainText()); // the app's own headers in read-only views
    }
    if (auto *g = qobject_cast<QGroupBox *>(w))
        addText(out, here, g->title());
    if (auto *c = qobject_cast<QComboBox *>(w))
        for (int i = 0; i < c->count(); ++i)
            addText(out, here, c->itemText(i));
    if (auto *s = qobject_cast<QSpinBox *>(w)) {
        addText(out, here, s->specialValueText());
        addText(out, here, s->prefix() + s->suffix());
    }
    if (auto *t = qobject_cast<QTabBar *>(w))
        for (int i = 0; i < t->count(); ++i) {
            addText(out, here, t->tabText(i));
            addText(out, here, t->tabToolTip(i));
        }
    // The rows of item views (not a file dialog's: file and folder names are the disk's, not ours).
    const auto inFileDialog = [](QWidget *w) {
        for (QWidget *p = w; p; p = p->parentWidget())
            if (qobject_cast<QFileDialog *>(p))
                return true;
        return false;
    };
    if (auto *v = qobject_cast<QAbstractItemView *>(w); v && v->model() && !inFileDialog(v)) {
        QAbstractItemModel *m = v->model();
        for (int r = 0; r < std::min(m->rowCount(v->rootIndex()), 60); ++r)
            for (int c = 0; c < std::min(m->columnCount(v->rootIndex()), 6); ++c) {
                const QModelIndex i = m->index(r, c, v->rootIndex());
                for (int role : {int(Qt::DisplayRole), int(Qt::ToolTipRole), int(Qt::AccessibleTextRole), int(Qt::AccessibleDescriptionRole)})
                    if (const QVariant value = i.data(role); value.typeId() == QMetaType::QString)
                        addText(out, here + QStringLiteral(" row %1").arg(r), value.toString());
            }
        for (int c = 0; c < m->columnCount(v->rootIndex()); ++c)
            addText(out, here + QStringLiteral(" header"), m->headerData(c, Qt::Horizontal).toString());
    }
    for (QAction *a : w->actions())
        collectAction(a, here, out, seen);
    for (QObject *child : w->children())
        if (auto *cw = qobject_cast<QWidget *>(child); cw && (cw->isVisible() || qobject_cast<QMenu *>(cw)))
            collect(cw, here, out, seen);
}

} // namespace

class TestDesktopI18n : public QObject, protected DesktopFixture
{
    Q_OBJECT

    i18ntest::EnglishTexts m_english;
    std::unique_ptr<DesktopPeer> m_prof; // CECS327's instructor, with the administrator's secret
    QStringList m_checked;               // what was walked, for the count
    QStringList m_untranslated;          // "where: «text» is the English «source»"
    QTemporaryDir m_dir;

    // Walks `w` and remembers each English text in it.
    void check(QWidget *w, const QString &what)
    {
        QList<Shown> shown;
        QSet<QAction *> seen;
        collect(w, what, &shown, &seen);
        checkMnemonics(w, what);
        // Spanish is ~25 % longer than English: every window still fits an 800x600 screen.
        if (w->isWindow() && !qobject_cast<QMenu *>(w)) {
            const QSize least = w->minimumSizeHint().expandedTo(w->minimumSize());
            if (least.width() > 800 || least.height() > 600)
                m_untranslated << QStringLiteral("%1: needs %2x%3, more than an 800x600 screen").arg(what).arg(least.width()).arg(least.height());
        }
        for (const Shown &s : shown) {
            m_checked << s.text;
            if (const QString source = m_english.match(s.text); !source.isNull())
                m_untranslated << QStringLiteral("%1: \u00ab%2\u00bb is the English \u00ab%3\u00bb").arg(s.where, s.text, source);
        }
    }
    // The mnemonics of a menu bar, of each menu, and of a dialog's buttons and labels are distinct.
    void checkMnemonics(QWidget *w, const QString &what)
    {
        QList<QWidget *> menus{w};
        for (QMenuBar *bar : w->findChildren<QMenuBar *>())
            menus << bar;
        QList<QAction *> queue = w->actions();
        for (QMenuBar *bar : w->findChildren<QMenuBar *>())
            queue << bar->actions();
        while (!queue.isEmpty())
            if (QMenu *m = queue.takeFirst()->menu(); m && !menus.contains(m)) {
                menus << m;
                queue << m->actions();
            }
        for (QWidget *m : menus) {
            QStringList texts;
            for (QAction *a : m->actions())
                texts << a->text();
            for (const QString &c : clashes(texts))
                m_untranslated << QStringLiteral("%1 / %2: %3").arg(what, nameOf(m), c);
        }
        if (qobject_cast<QDialog *>(w)) {
            QStringList texts;
            for (QWidget *child : w->findChildren<QWidget *>())
                if (child->isVisible()) {
                    if (auto *b = qobject_cast<QAbstractButton *>(child))
                        texts << b->text();
                    else if (auto *l = qobject_cast<QLabel *>(child); l && l->buddy())
                        texts << l->text();
                }
            for (const QString &c : clashes(texts))
                m_untranslated << QStringLiteral("%1: %2").arg(what, c);
        }
    }
    // Lists what is still English (one line each: a failure message is cut at 1 KB) and forgets it.
    bool allTranslated()
    {
        m_untranslated.removeDuplicates();
        qInfo("%lld texts read, %lld problems", qint64(m_checked.size()), qint64(m_untranslated.size()));
        for (const QString &line : std::as_const(m_untranslated))
            qWarning("i18n: %s", qPrintable(line));
        const bool none = m_untranslated.isEmpty();
        m_untranslated.clear();
        return none;
    }
    void checkMenu(QMenu *menu, const QString &what)
    {
        QVERIFY(menu);
        check(menu, what);
        delete menu;
    }
    // The visible top-level widget of this class, e.g. a dialog opened with open().
    template<typename T> T *shown() const
    {
        for (QWidget *w : QApplication::topLevelWidgets())
            if (auto *t = qobject_cast<T *>(w); t && t->isVisible())
                return t;
        return nullptr;
    }
    MainWindow *profWindow() const { return m_prof->window.get(); }
    static QString course() { return QString::fromLatin1(TestServer::Course); }
    static int rowOf(const DesktopPeer *peer, const QString &text)
    {
        const QAbstractItemModel *model = peer->window->chatPanel()->view()->model();
        for (int row = 0; row < model->rowCount(); ++row)
            if (model->index(row, 0).data(ChatModel::TextRole).toString() == text)
                return row;
        return -1;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        // What main.cpp does for LANGUAGE=es: the app's Spanish and Qt's.
        QLocale::setDefault(QLocale(QLocale::Spanish, QLocale::Spain));
        QCOMPARE(Translations::install(QLocale(QLocale::Spanish, QLocale::Spain)), QStringLiteral("es"));
        QVERIFY2(m_english.load(QString::fromUtf8(COLLAB_I18N_SOURCE_DIRS).split(QLatin1Char('|'))), COLLAB_I18N_SOURCE_DIRS);
        // The detector finds English, wrapped or not (the command line's errors are never wrapped).
        QVERIFY(m_english.size() > 500);
        QVERIFY(!m_english.match(QStringLiteral("Members \u2014 2 online")).isNull());
        QVERIFY(!m_english.match(QStringLiteral("--server and --host-demo exclude each other")).isNull());
        QVERIFY(m_english.match(QStringLiteral("Miembros \u2014 2 en l\u00ednea")).isNull());

        m_server = std::make_unique<TestServer>();
        m_server->setConfig(coursetest::config());
        QVERIFY(m_server->start());
        m_a = openPeer(QStringLiteral("angie.nguyen"));
        collab::desktop::SessionParams prof = paramsFor(QStringLiteral("prof.lee"));
        prof.adminSecret = coursetest::AdminSecret;
        m_prof = openWindow(prof);
        QTRY_VERIFY_WITH_TIMEOUT(m_a->session->isReady() && m_prof->session->isReady(), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(m_prof->session->role(), QStringLiteral("admin"), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(m_prof->session->isInstructor(), 10000);
        // Some of everything on screen: messages (one in a thread), a note with text, hosting.
        m_a->window->chatPanel()->composer()->setPlainText(QStringLiteral("\u00bfAlguien tiene la soluci\u00f3n del ejercicio 3?"));
        QTest::keyClick(m_a->window->chatPanel()->composer(), Qt::Key_Return);
        ChatModel *general = m_prof->session->chat(QStringLiteral("general"));
        QTRY_COMPARE_WITH_TIMEOUT(general->storedCount(), 1, 5000);
        m_prof->session->sendReply(QStringLiteral("general"), general->messageAt(0)->id, QStringLiteral("Mirad la diapositiva 12"), false);
        m_prof->session->sendMessage(QStringLiteral("Bienvenidos al curso"));
        QTRY_VERIFY_WITH_TIMEOUT(rowOf(m_a.get(), QStringLiteral("Bienvenidos al curso")) >= 0, 5000);
        NoteEditor *editor = m_prof->window->notesPanel()->currentEditor();
        QVERIFY(editor);
        QTest::keyClicks(editor, QStringLiteral("Apuntes de la semana 1"));
        // Two entries in the moderation log: the note locked and unlocked.
        int answered = 0;
        for (bool locked : {true, false})
            sendCourseRequest(m_prof->session->client(), this, collab::proto::NoteLock{course(), QStringLiteral("class-notes"), locked},
                              [&answered](const QJsonObject &, const QString &error) { answered += error.isEmpty() ? 1 : 100; });
        QTRY_COMPARE_WITH_TIMEOUT(answered, 2, 5000);
        profWindow()->setHostInfo(m_server->wsUrl().toString(), QString::fromLatin1(TestServer::JoinCode));
        QTRY_VERIFY_WITH_TIMEOUT(m_prof->session->members()->isPresenceKnown() && profWindow()->othersOnline() == 1, 5000);
    }

    void cleanupTestCase()
    {
        m_prof.reset();
        stopDesktops();
        Translations::remove();
    }

    void theMainWindowsMenusAndContextMenusAreSpanish()
    {
        check(profWindow(), QStringLiteral("instructor's window"));
        check(m_a->window.get(), QStringLiteral("student's window"));
        CourseMenu *menu = profWindow()->courseMenu();
        checkMenu(menu->channelMenu(QStringLiteral("general")), QStringLiteral("channel menu"));
        checkMenu(menu->noteMenu(QStringLiteral("class-notes")), QStringLiteral("note tab menu"));
        checkMenu(menu->memberMenu(QStringLiteral("angie.nguyen")), QStringLiteral("member menu"));
        checkMenu(m_a->window->courseMenu()->memberMenu(QStringLiteral("prof.lee")), QStringLiteral("student's member menu"));
        for (DesktopPeer *peer : {m_prof.get(), m_a.get()}) {
            QListView *view = peer->window->chatPanel()->view();
            for (int row = 0; row < view->model()->rowCount(); ++row) {
                const QRect rect = view->visualRect(view->model()->index(row, 0));
                checkMenu(peer->window->chatPanel()->contextMenuAt(rect.center()), QStringLiteral("message menu row %1").arg(row));
                const QString meta = peer->window->chatPanel()->delegate()->metaText(view->model()->index(row, 0));
                if (const QString source = m_english.match(meta); !source.isNull())
                    m_untranslated << QStringLiteral("message header: \u00ab%1\u00bb is the English \u00ab%2\u00bb").arg(meta, source);
            }
        }
        // The thread, poll and queue panel, each tab shown.
        profWindow()->interactionsPanel()->openThread(m_prof->session->chat(QStringLiteral("general"))->messageAt(0)->id, QStringLiteral("general"));
        profWindow()->setInteractionsVisible(true);
        QTRY_VERIFY_WITH_TIMEOUT(profWindow()->interactionsPanel()->thread()->findChild<QListWidget *>()->count() >= 2, 5000);
        for (int tab = 0; tab < profWindow()->interactionsPanel()->count(); ++tab) {
            profWindow()->interactionsPanel()->setCurrentIndex(tab);
            check(profWindow()->interactionsPanel(), QStringLiteral("interactions tab %1").arg(tab));
            // With the panel open, each tab shown, the window still fits 800x600 (the queue's
            // buttons in Spanish, all three tabs' widest rows at once, had widened it).
            check(profWindow(), QStringLiteral("instructor's window with interactions tab %1").arg(tab));
        }
        QVERIFY2(m_checked.size() > 150, qPrintable(QString::number(m_checked.size())));
        QVERIFY2(allTranslated(), "English texts, clashing mnemonics or windows over 800x600 in the Spanish app: listed above");
    }

    void eachDialogIsSpanish()
    {
        {
            DesktopSettings settings(m_dir.filePath(QStringLiteral("settings.ini")));
            LoginDialog login(&settings);
            login.show();
            check(&login, QStringLiteral("login"));
            for (QAbstractButton *b : login.findChildren<QAbstractButton *>())
                if (b->text() == QLatin1String("Entrar"))
                    b->click(); // nothing filled in: the first error
            QVERIFY(login.isVisible());
            check(&login, QStringLiteral("login with an error"));
        }
        CourseMenu *menu = profWindow()->courseMenu();
        for (const char *name : {"newCourse", "settings", "invite", "roster", "log"}) {
            QAction *action = menu->action(QLatin1String(name));
            QVERIFY2(action->isEnabled(), name);
            action->trigger();
            QDialog *dialog = menu->dialog();
            QVERIFY2(dialog && dialog->isVisible(), name);
            if (qstrcmp(name, "log") == 0) // its rows, once loaded
                QTRY_VERIFY_WITH_TIMEOUT(dialog->findChild<QTableWidget *>()->rowCount() > 0, 5000);
            check(dialog, QString::fromLatin1(name));
            dialog->reject();
        }
        // Course → Export course…: the save dialog (Qt's own texts come from qtbase_es).
        menu->action(QStringLiteral("export"))->trigger();
        QFileDialog *save = menu->exporter()->saveDialog();
        QVERIFY(save && save->isVisible());
        check(save, QStringLiteral("export course"));
        save->reject();

        // Edit → New poll…
        for (QAction *a : profWindow()->findChildren<QAction *>())
            if (a->objectName() == QLatin1String("newPoll"))
                a->trigger();
        PollDialog *poll = shown<PollDialog>();
        QVERIFY(poll);
        check(poll, QStringLiteral("new poll"));
        poll->reject();

        // View → Note history…, its three tabs, and naming a version.
        NoteHistoryView *history = profWindow()->notesPanel()->openHistory(QStringLiteral("class-notes"));
        QVERIFY(history);
        QTRY_VERIFY_WITH_TIMEOUT(history->isLoaded(), 10000);
        for (QTabWidget *tabs : history->findChildren<QTabWidget *>())
            for (int tab = 0; tab < tabs->count(); ++tab) {
                tabs->setCurrentIndex(tab);
                QTest::qWait(0);
                check(history, QStringLiteral("note history tab %1").arg(tab));
            }
        history->nameButton()->click();
        QInputDialog *name = shown<QInputDialog>();
        QVERIFY(name);
        check(name, QStringLiteral("name this version"));
        name->reject();
        history->close();

        // Search, the quick switcher, editing a message, selecting its text.
        profWindow()->openSearch(true);
        profWindow()->searchPanel()->search(QStringLiteral("diapositiva"));
        QTRY_VERIFY_WITH_TIMEOUT(profWindow()->searchPanel()->findChild<QAbstractItemView *>()->model()->rowCount() > 0, 5000);
        check(profWindow()->searchPanel()->parentWidget(), QStringLiteral("search"));
        profWindow()->openQuickSwitcher();
        QVERIFY(profWindow()->quickSwitcher());
        check(profWindow()->quickSwitcher(), QStringLiteral("quick switcher"));
        profWindow()->quickSwitcher()->reject();
        ChatPanel *chat = profWindow()->chatPanel();
        QTRY_VERIFY_WITH_TIMEOUT(rowOf(m_prof.get(), QStringLiteral("Bienvenidos al curso")) >= 0, 5000);
        const int own = rowOf(m_prof.get(), QStringLiteral("Bienvenidos al curso"));
        QVERIFY(chat->canModifyRow(own));
        chat->openEditDialog(own);
        QVERIFY(chat->editDialog());
        check(chat->editDialog(), QStringLiteral("edit message"));
        chat->editDialog()->reject();
        QMenu *rowMenu = chat->contextMenuAt(chat->view()->visualRect(chat->view()->model()->index(own, 0)).center());
        rowMenu->findChild<QAction *>(QStringLiteral("selectText"))->trigger();
        delete rowMenu;
        QVERIFY(chat->selectDialog());
        check(chat->selectDialog(), QStringLiteral("select text"));
        chat->selectDialog()->reject();

        // Closing the hosting window while a student is connected: the question.
        profWindow()->close();
        QTRY_VERIFY_WITH_TIMEOUT(profWindow()->closeQuestion() && profWindow()->closeQuestion()->isVisible(), 5000);
        check(profWindow()->closeQuestion(), QStringLiteral("close question"));
        profWindow()->closeQuestion()->button(QMessageBox::Cancel)->click();
        QVERIFY(profWindow()->isVisible());

        QVERIFY2(allTranslated(), "English texts, clashing mnemonics or windows over 800x600 in the Spanish app: listed above");
    }

    // The client and rich-text libraries' texts reach the window (a connection's error in the status
    // bar, a message shown as plain text): their classes' translations are found at run time.
    void theLibrariesTextsAreSpanishToo()
    {
        QCOMPARE(collab::client::Connection::tr("the server closed the connection"), QStringLiteral("el servidor cerró la conexión"));
        QCOMPARE(collab::client::RequestResult::notConnected().error.message, QStringLiteral("sin conexión con el servidor"));
        QCOMPARE(collab::richtext::RichDocument::tr("Go to section: %1"), QStringLiteral("Ir a la sección: %1"));
    }

    // "%n message(s)": one and two, in Spanish and in English, through the search panel.
    void pluralsFollowTheLanguage()
    {
        auto *client = m_a->session->client();
        const QString course = QString::fromLatin1(TestServer::Course);
        client->sendChat(course, QStringLiteral("general"), QStringLiteral("pregunta solitaria"));
        client->sendChat(course, QStringLiteral("general"), QStringLiteral("pareja uno"));
        client->sendChat(course, QStringLiteral("general"), QStringLiteral("pareja dos"));
        QTRY_VERIFY_WITH_TIMEOUT(rowOf(m_prof.get(), QStringLiteral("pareja dos")) >= 0, 5000);
        SearchPanel *search = profWindow()->searchPanel();
        const auto status = [search](const QString &query) {
            search->search(query);
            QString text;
            (void)QTest::qWaitFor([&] {
                text = search->statusLabel()->text();
                return !text.isEmpty() && !text.endsWith(QChar(0x2026)); // not "Buscando…"
            }, 5000);
            return text;
        };
        QCOMPARE(status(QStringLiteral("solitaria")), QStringLiteral("1 mensaje"));
        QCOMPARE(status(QStringLiteral("pareja")), QStringLiteral("2 mensajes"));
        QCOMPARE(Translations::install(QLocale(QLocale::English, QLocale::UnitedStates)), QStringLiteral("en"));
        QCOMPARE(status(QStringLiteral("solitaria")), QStringLiteral("1 message"));
        QCOMPARE(status(QStringLiteral("pareja")), QStringLiteral("2 messages"));
        // A language with no translation: English, with its plurals.
        QCOMPARE(Translations::install(QLocale(QLocale::Japanese, QLocale::Japan)), QStringLiteral("en"));
        QCOMPARE(status(QStringLiteral("pareja")), QStringLiteral("2 messages"));
        QCOMPARE(Translations::install(QLocale(QLocale::Spanish, QLocale::Mexico)), QStringLiteral("es"));
        QCOMPARE(status(QStringLiteral("pareja")), QStringLiteral("2 mensajes"));
    }
};

QTEST_MAIN(TestDesktopI18n)
#include "tst_desktop_i18n.moc"
