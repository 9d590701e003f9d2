// Markdown, code and math as users meet them in the desktop app, on a real server: a message with
// a C++ block and formulas typed in one window renders (highlighted, typeset) in the other; Copy
// code from the block's context menu; links open only on a click and only for http(s)/mailto; a
// note's preview, outline and synchronised scrolling; File → Export's work read back.
#include "desktopfixture.h"

#include "chatdelegate.h"
#include "chatmodel.h"
#include "chatpanel.h"
#include "noteeditor.h"
#include "notepreview.h"
#include "rowprefetcher.h"
#include "noteworkspace.h"
#include "sidepanels.h"
#include "sections.h"

#include <QAbstractTextDocumentLayout>
#include <QApplication>
#include <QClipboard>
#include <QContextMenuEvent>
#include <QDesktopServices>
#include <QListView>
#include <QListWidget>
#include <QMenu>
#include <QProcess>
#include <QScrollBar>
#include <QSplitter>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTextBlock>
#include <QTextTable>
#include <QToolButton>
#include <QtTest>

using namespace collab::desktop;

// Stands in for the browser: QDesktopServices hands it the URLs the app opens.
class UrlCatcher : public QObject
{
    Q_OBJECT
public:
    QList<QUrl> urls;
public Q_SLOTS:
    void open(const QUrl &url) { urls << url; }
};

namespace {
void typeLines(QWidget *w, const QStringList &lines, Qt::KeyboardModifiers newline = Qt::NoModifier)
{
    for (int i = 0; i < lines.size(); ++i) {
        if (i > 0)
            QTest::keyClick(w, Qt::Key_Return, newline);
        QTest::keyClicks(w, lines.at(i));
    }
}

// Where the character at `position` of row `row`'s rendered body is, in the view's viewport.
QPoint pointOf(ChatPanel *panel, int row, int position)
{
    QListView *view = panel->view();
    const QModelIndex index = view->model()->index(row, 0);
    collab::richtext::RichDocument *doc = panel->delegate()->document(index, view->font());
    const QTextBlock block = doc->findBlock(position);
    const QRectF box = doc->documentLayout()->blockBoundingRect(block);
    const QTextLine line = block.layout()->lineForTextPosition(position - block.position());
    const qreal x = line.cursorToX(position - block.position());
    return panel->delegate()->bodyOrigin(index, view->visualRect(index), view->font())
           + QPoint(int(box.left() + x + 2), int(box.top() + line.y() + line.height() / 2));
}

// Where the character at `position` of section `section`'s rendered document is, in the preview's viewport.
QPoint previewPointOf(NotePreview *preview, int section, int position)
{
    collab::richtext::RichDocument *doc = preview->sectionDocument(section);
    const QTextBlock block = doc->findBlock(position);
    const QRectF box = doc->documentLayout()->blockBoundingRect(block);
    const QTextLine line = block.layout()->lineForTextPosition(position - block.position());
    const qreal x = line.cursorToX(position - block.position());
    const QRect row = preview->visualRect(preview->model()->index(section, 0));
    return row.topLeft() + QPoint(12 /* the preview's margin */ + int(box.left() + x + 2), int(box.top() + line.y() + line.height() / 2));
}

QString pdfText(const QString &path)
{
    QProcess p;
    p.start(QStandardPaths::findExecutable(QStringLiteral("pdftotext")), {path, QStringLiteral("-")});
    p.waitForFinished(30000);
    return QString::fromUtf8(p.readAllStandardOutput());
}
} // namespace

class TestDesktopRich : public QObject, protected DesktopFixture
{
    Q_OBJECT
private Q_SLOTS:
    void init()
    {
        QVERIFY(startDesktops());
        QTRY_VERIFY_WITH_TIMEOUT(desktopsReady(), 10000);
    }
    void cleanup() { stopDesktops(); }

    void codeAndMathRenderForTheOtherUser()
    {
        Composer *composer = m_a->window->chatPanel()->composer();
        composer->setFocus();
        typeLines(composer, {QStringLiteral("why is `x = x++` undefined?"), QStringLiteral("```cpp"), QStringLiteral("int x = 1;"),
                             QStringLiteral("x = x++; // UB?"), QStringLiteral("```"),
                             QStringLiteral("TA: $T(n) = 2T(n/2) + O(n)$, so"), QStringLiteral("$$\\sum_{i=1}^{n} i = \\frac{n(n+1)}{2}$$")},
                  Qt::ShiftModifier);
        QTest::keyClick(composer, Qt::Key_Return);

        ChatModel *model = m_b->session->chat(QStringLiteral("general"));
        QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 1, 5000);
        ChatPanel *panel = m_b->window->chatPanel();
        const QModelIndex index = model->index(0);
        const QFont font = panel->view()->font();
        // The formulas are typeset in the background; the row is rendered again when they are.
        QTRY_VERIFY_WITH_TIMEOUT(panel->delegate()->document(index, font)->pendingFormulas() == 0, 60000);
        collab::richtext::RichDocument *doc = panel->delegate()->document(index, font);
        QCOMPARE(doc->formulas().size(), 2);
        for (const auto &f : doc->formulas())
            QCOMPARE(f.shown, collab::richtext::RichDocument::Formula::Shown::Typeset);
        QCOMPARE(doc->codeBlocks().size(), 1);
        QCOMPARE(doc->codeBlocks().at(0).language, QStringLiteral("cpp"));
        QCOMPARE(doc->codeBlocks().at(0).code, QStringLiteral("int x = 1;\nx = x++; // UB?"));
        QVERIFY(!doc->toPlainText().contains(QLatin1String("```")));
        QVERIFY(!doc->toPlainText().contains(QLatin1String("\\frac")));
        QVERIFY(panel->delegate()->sizeHint(QStyleOptionViewItem(), index).height() > 6 * QFontMetrics(font).height());

        // Right-click in the code block: Copy code puts the code (not the fences) on the clipboard.
        const QPoint inCode = pointOf(panel, 0, doc->codeBlocks().at(0).start + 3);
        std::unique_ptr<QMenu> menu(panel->contextMenuAt(inCode));
        QVERIFY(menu);
        QAction *copy = nullptr;
        for (QAction *a : menu->actions())
            if (a->text() == QLatin1String("Copy code"))
                copy = a;
        QVERIFY(copy);
        copy->trigger();
        QCOMPARE(QApplication::clipboard()->text(), QStringLiteral("int x = 1;\nx = x++; // UB?"));
        // Outside the block there is no Copy code.
        std::unique_ptr<QMenu> other(panel->contextMenuAt(pointOf(panel, 0, 2)));
        QVERIFY(other);
        for (QAction *a : other->actions())
            QVERIFY(a->text() != QLatin1String("Copy code"));
    }

    void linksOpenOnClickOnlyWhenSafe()
    {
        UrlCatcher browser;
        for (const char *scheme : {"http", "https", "mailto", "javascript", "file"})
            QDesktopServices::setUrlHandler(QString::fromLatin1(scheme), &browser, "open");
        Composer *composer = m_a->window->chatPanel()->composer();
        QTest::keyClicks(composer, QStringLiteral("see [the site](https://example.org/cecs327) not [this](javascript:alert(1))"));
        QTest::keyClick(composer, Qt::Key_Return);
        ChatModel *model = m_b->session->chat(QStringLiteral("general"));
        QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 1, 5000);
        ChatPanel *panel = m_b->window->chatPanel();
        collab::richtext::RichDocument *doc = panel->delegate()->document(model->index(0), panel->view()->font());
        const QString text = doc->toPlainText();
        QCOMPARE(text, QStringLiteral("see the site not this"));
        QVERIFY(browser.urls.isEmpty()); // rendering opened nothing

        QTest::mouseClick(panel->view()->viewport(), Qt::LeftButton, {}, pointOf(panel, 0, int(text.indexOf(QLatin1String("site")))));
        QTRY_COMPARE(browser.urls, QList<QUrl>{QUrl(QStringLiteral("https://example.org/cecs327"))});
        QTest::mouseClick(panel->view()->viewport(), Qt::LeftButton, {}, pointOf(panel, 0, int(text.indexOf(QLatin1String("this")))));
        QTest::qWait(100);
        QCOMPARE(browser.urls.size(), 1); // javascript: is not a link at all
        for (const char *scheme : {"http", "https", "mailto", "javascript", "file"})
            QDesktopServices::unsetUrlHandler(QString::fromLatin1(scheme));
    }

    // The notes pane is one column of the window: at 800 px its source and preview are stacked and
    // the outline waits for room; an empty outline is never shown.
    void notePanesFollowTheWidth()
    {
        NoteWorkspace *theirs = m_b->window->notesPanel()->workspace(QStringLiteral("class-notes"));
        QVERIFY(theirs);
        QVERIFY(theirs->outline()->count() == 0);
        m_b->window->resize(2400, 900);
        QTRY_VERIFY(theirs->width() >= NoteWorkspace::kOutlineMinWidth);
        QCOMPARE(theirs->splitter()->orientation(), Qt::Horizontal);
        QVERIFY(!theirs->outlineToggle()->isEnabled()); // no headings yet
        QVERIFY(!theirs->outline()->isVisible());

        collab::desktop::NoteEditor *editor = m_a->window->notesPanel()->editor(QStringLiteral("class-notes"));
        editor->setFocus();
        typeLines(editor, {QStringLiteral("# Week 1"), QString()});
        QTRY_COMPARE_WITH_TIMEOUT(theirs->outline()->count(), 1, 10000);
        QVERIFY(theirs->outlineToggle()->isEnabled());
        QVERIFY(theirs->outline()->isVisible());
        QTest::mouseClick(theirs->outlineToggle(), Qt::LeftButton);
        QVERIFY(!theirs->outline()->isVisible());
        QTest::mouseClick(theirs->outlineToggle(), Qt::LeftButton);
        QVERIFY(theirs->outline()->isVisible());

        m_b->window->resize(800, 600);
        QTRY_VERIFY(theirs->width() < NoteWorkspace::kSideBySideMinWidth);
        QCOMPARE(theirs->splitter()->orientation(), Qt::Vertical);
        QVERIFY(!theirs->outline()->isVisible());
        QVERIFY(!theirs->outlineToggle()->isEnabled());
        QVERIFY(theirs->preview()->isVisible());
        QVERIFY(theirs->editor()->height() > 100); // stacked, each gets a share of the height
        QVERIFY(theirs->preview()->height() > 100);
    }

    void notePreviewOutlineAndScrolling()
    {
        collab::desktop::NoteEditor *editor = m_a->window->notesPanel()->editor(QStringLiteral("class-notes"));
        NoteWorkspace *mine = m_a->window->notesPanel()->workspace(QStringLiteral("class-notes"));
        NoteWorkspace *theirs = m_b->window->notesPanel()->workspace(QStringLiteral("class-notes"));
        QVERIFY(editor && mine && theirs);
        editor->setFocus();
        typeLines(editor, {QStringLiteral("# Week 1"), QString(), QStringLiteral("Sorting costs $O(n \\log n)$."), QString(),
                           QStringLiteral("## Costs"), QString(), QStringLiteral("| op | cost |"), QStringLiteral("|---|---|"),
                           QStringLiteral("| push | O(1) |"), QString(), QStringLiteral("# Week 2"), QString(),
                           QStringLiteral("```python"), QStringLiteral("def f(): return 1"), QStringLiteral("```")});
        // The other user's preview follows the shared text, outline included.
        QTRY_VERIFY_WITH_TIMEOUT(theirs->preview()->renderedText().contains(QLatin1String("def f(): return 1")), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(theirs->outline()->count(), 3, 5000);
        QCOMPARE(theirs->outline()->item(0)->text(), QStringLiteral("Week 1"));
        QCOMPARE(theirs->outline()->item(1)->text(), QStringLiteral("  Costs"));
        QCOMPARE(theirs->outline()->item(2)->text(), QStringLiteral("Week 2"));
        NotePreview *preview = theirs->preview();
        QCOMPARE(preview->sections().size(), 3);
        QTextCursor inTable(preview->sectionDocument(1));
        bool table = false;
        for (QTextBlock b = preview->sectionDocument(1)->begin(); b.isValid(); b = b.next())
            table |= QTextCursor(b).currentTable() != nullptr;
        QVERIFY(table);
        QCOMPARE(preview->sectionDocument(2)->codeBlocks().size(), 1);
        // Remote cursors still show in the source.
        QTRY_VERIFY_WITH_TIMEOUT(theirs->editor()->remoteAuthors().contains(QStringLiteral("angie.nguyen")), 5000);

        // The outline jumps.
        theirs->jumpToHeading(2);
        QCOMPARE(theirs->editor()->textCursor().block().text(), QStringLiteral("# Week 2"));

        // A long note: scrolling the source scrolls the preview.
        QString longer;
        for (int i = 0; i < 60; ++i)
            longer += QStringLiteral("\n\n## Topic %1\n\nSome text about topic %1 with `code` and *emphasis*.").arg(i);
        editor->moveCursor(QTextCursor::End);
        editor->insertPlainText(longer);
        QTRY_COMPARE_WITH_TIMEOUT(mine->outline()->count(), 63, 5000);
        QTRY_VERIFY(mine->preview()->verticalScrollBar()->maximum() > 0);
        mine->preview()->verticalScrollBar()->setValue(0);
        editor->verticalScrollBar()->setValue(editor->verticalScrollBar()->maximum() / 2);
        QTRY_VERIFY(mine->preview()->verticalScrollBar()->value() > 0);
        const int top = mine->preview()->topSection();
        QVERIFY2(top > 20 && top < 50, qPrintable(QString::number(top)));

        // The preview can be hidden.
        mine->previewToggle()->click();
        QVERIFY(!mine->preview()->isVisible());
        mine->previewToggle()->click();
        QVERIFY(mine->preview()->isVisible());
    }

    void notePreviewCopiesCodeAndFollowsSectionLinks()
    {
        collab::desktop::NoteEditor *editor = m_a->window->notesPanel()->editor(QStringLiteral("class-notes"));
        NoteWorkspace *mine = m_a->window->notesPanel()->workspace(QStringLiteral("class-notes"));
        QVERIFY(editor && mine);
        editor->setFocus();
        QString note = QStringLiteral("# Week 5\n\nRead [the consensus part](#consensus) first, and [the notes](#week-5--recap), and [the paper][raft].\n");
        for (int i = 0; i < 40; ++i)
            note += QStringLiteral("\nFiller paragraph %1 so that the preview scrolls.\n").arg(i);
        note += QStringLiteral("\n# Consensus\n\n```cpp\nint quorum = n / 2 + 1;\n```\n\n# Week 5 \u2013 Recap\n\nDone.\n");
        for (int i = 0; i < 40; ++i)
            note += QStringLiteral("\nMore about the recap, paragraph %1.\n").arg(i);
        note += QStringLiteral("\n[raft]: https://raft.github.io/raft.pdf\n"); // defined in the last section, used in the first
        editor->insertPlainText(note);
        NotePreview *preview = mine->preview();
        QTRY_COMPARE_WITH_TIMEOUT(mine->outline()->count(), 3, 10000);
        int consensus = -1;
        for (int i = 0; i < preview->sections().size(); ++i)
            if (preview->sections().at(i).heading == QLatin1String("Consensus"))
                consensus = i;
        QVERIFY(consensus > 0);

        // A click on "[the consensus part](#consensus)": the preview and the source go there.
        collab::richtext::RichDocument *first = preview->sectionDocument(0);
        const int linkAt = first->toPlainText().indexOf(QLatin1String("consensus part"));
        QVERIFY(linkAt > 0);
        preview->verticalScrollBar()->setValue(0);
        UrlCatcher browser;
        QDesktopServices::setUrlHandler(QStringLiteral("https"), &browser, "open");
        QTest::mouseClick(preview->viewport(), Qt::LeftButton, {}, previewPointOf(preview, 0, linkAt + 2));
        QCOMPARE(editor->textCursor().block().text(), QStringLiteral("# Consensus"));
        QCOMPARE(preview->topSection(), consensus);
        QVERIFY(browser.urls.isEmpty()); // nothing opened outside the app
        QDesktopServices::unsetUrlHandler(QStringLiteral("https"));
        // GitHub's anchors: "Week 5 – Recap" is #week-5--recap.
        QCOMPARE(collab::richtext::sectionOfSlug(preview->sections(), QStringLiteral("week-5--recap")), consensus + 1);

        // A reference link resolves across sections.
        bool resolved = false;
        for (QTextBlock b = first->begin(); b.isValid(); b = b.next())
            for (auto it = b.begin(); !it.atEnd(); ++it)
                resolved |= it.fragment().charFormat().anchorHref() == QLatin1String("https://raft.github.io/raft.pdf");
        QVERIFY(resolved);

        // Right-click in the code block: Copy code, clicked in the menu, puts the code on the clipboard.
        QApplication::clipboard()->clear();
        collab::richtext::RichDocument *code = preview->sectionDocument(consensus);
        QCOMPARE(code->codeBlocks().size(), 1);
        const QPoint inCode = previewPointOf(preview, consensus, code->codeBlocks().at(0).start + 4);
        QContextMenuEvent rightClick(QContextMenuEvent::Mouse, inCode, preview->viewport()->mapToGlobal(inCode));
        QApplication::sendEvent(preview->viewport(), &rightClick);
        QMenu *menu = nullptr;
        QTRY_VERIFY((menu = qobject_cast<QMenu *>(QApplication::activePopupWidget())) != nullptr);
        QAction *copy = nullptr;
        for (QAction *a : menu->actions())
            if (a->text() == QLatin1String("Copy code"))
                copy = a;
        QVERIFY(copy);
        QTest::mouseClick(menu, Qt::LeftButton, {}, menu->actionGeometry(copy).center());
        QTRY_COMPARE(QApplication::clipboard()->text(), QStringLiteral("int quorum = n / 2 + 1;"));
        // Outside a code block: no menu.
        QVERIFY(!std::unique_ptr<QMenu>(preview->contextMenuAt(previewPointOf(preview, 0, 2))));
    }

    void rowsJustOutsideTheChatViewAreRenderedWhileIdle()
    {
        // The chat view's RowPrefetcher: after a scroll, the rows the next frames will show are
        // rendered while the GUI is idle, not in those frames.
        QList<collab::ChatMessage> list;
        for (int i = 0; i < 1200; ++i) { // more than the delegate's 400 cached rows: the layout leaves the middle unrendered
            collab::ChatMessage m;
            m.id = quint64(i + 1);
            m.channel = QStringLiteral("general");
            m.author = QStringLiteral("student%1").arg(i % 7);
            m.text = i % 3 == 0 ? QStringLiteral("```cpp\nint x = %1;\n```").arg(i) : QStringLiteral("message **%1** with `code`").arg(i);
            list << m;
        }
        ChatModel model(QStringLiteral("general"));
        model.setMessages(list);
        QListView view;
        auto *delegate = new ChatDelegate(&view);
        view.setItemDelegate(delegate);
        view.setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
        view.resize(560, 300);
        view.setModel(&model);
        view.show();
        delegate->setWidth(view.viewport()->width());
        auto *prefetcher = new RowPrefetcher(&view, delegate);
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.verticalScrollBar()->setValue(view.verticalScrollBar()->maximum() * 2 / 5);
        QTRY_VERIFY(prefetcher->isIdle());
        const int bottom = view.indexAt(QPoint(1, view.viewport()->height() - 1)).row();
        const int top = view.indexAt(QPoint(1, 0)).row();
        QVERIFY(bottom > top && bottom + RowPrefetcher::kAhead < model.rowCount());
        for (int r = bottom + 1; r <= bottom + RowPrefetcher::kAhead; ++r)
            QVERIFY2(delegate->isRendered(model.index(r)), qPrintable(QString::number(r)));
        QVERIFY(delegate->isRendered(model.index(top - 1)));
        QVERIFY(!delegate->isRendered(model.index(bottom + RowPrefetcher::kAhead + 40))); // only just outside
        // Scrolling up: the rows above are rendered next.
        const int before = prefetcher->prefetched();
        view.verticalScrollBar()->setValue(view.verticalScrollBar()->value() - 2000);
        QTRY_VERIFY(prefetcher->isIdle() && prefetcher->prefetched() > before);
        const int newTop = view.indexAt(QPoint(1, 0)).row();
        for (int r = std::max(0, newTop - RowPrefetcher::kAhead); r < newTop; ++r)
            QVERIFY(delegate->isRendered(model.index(r)));
    }

    void fileExportWritesEveryFormat()
    {
        collab::desktop::NoteEditor *editor = m_a->window->notesPanel()->editor(QStringLiteral("class-notes"));
        editor->setFocus();
        typeLines(editor, {QStringLiteral("# Exported notes"), QString(), QStringLiteral("Merge sort: $T(n) = 2T(n/2) + n$."), QString(),
                           QStringLiteral("```c"), QStringLiteral("int main(void) { return 0; }"), QStringLiteral("```")});
        QTemporaryDir dir;
        NotesPanel *notes = m_a->window->notesPanel();
        QSignalSpy finished(notes, &NotesPanel::exportFinished);
        for (const QString &format : {QStringLiteral("md"), QStringLiteral("html"), QStringLiteral("pdf")})
            notes->exportNote(QStringLiteral("class-notes"), dir.filePath(QStringLiteral("notes.") + format), format);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 3, 60000);
        for (const auto &args : finished)
            QVERIFY2(args.at(1).toString().isEmpty(), qPrintable(args.at(1).toString()));
        QFile md(dir.filePath(QStringLiteral("notes.md")));
        QVERIFY(md.open(QIODevice::ReadOnly));
        QCOMPARE(QString::fromUtf8(md.readAll()), editor->toPlainText());
        QFile html(dir.filePath(QStringLiteral("notes.html")));
        QVERIFY(html.open(QIODevice::ReadOnly));
        const QString page = QString::fromUtf8(html.readAll());
        QVERIFY(page.contains(QLatin1String("Exported notes")));
        QCOMPARE(page.count(QLatin1String("data:image/svg+xml;base64,")), 1);
        const QString pdf = pdfText(dir.filePath(QStringLiteral("notes.pdf")));
        QVERIFY2(pdf.contains(QLatin1String("Exported notes")), qPrintable(pdf));
        QVERIFY(pdf.contains(QLatin1String("int main(void) { return 0; }")));
        // An unknown format is refused, with the reason.
        notes->exportNote(QStringLiteral("class-notes"), dir.filePath(QStringLiteral("notes.doc")), QStringLiteral("doc"));
        QCOMPARE(finished.size(), 4);
        QVERIFY(finished.last().at(1).toString().contains(QLatin1String("unknown format")));
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("notes.doc"))));
    }
};

int main(int argc, char *argv[])
{
    QCoreApplication::setAttribute(Qt::AA_ShareOpenGLContexts); // Qt WebEngine (the math renderer)
    QApplication app(argc, argv);
    TestDesktopRich test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_desktop_rich.moc"
