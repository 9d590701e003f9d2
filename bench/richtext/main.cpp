// collab-bench-richtext: the rich text figures of docs/benchmarks.md (issue 13), offscreen.
//  1. chat: 5 channel views ("courses") of 10,000 Markdown messages each (code, math, tables,
//     links), painted by the real ChatDelegate in a real QListView: time to measure every row,
//     time to typeset the formulas, then per-frame times while scrolling each view top to bottom,
//     and the RSS of the process and of Qt WebEngine's processes (the math renderer).
//  2. note: a 200-page Markdown note in the NotePreview: the first render, then the time from a
//     keystroke (anywhere in the note) to an updated preview, without the debounce.
// Scrolling is paced like a user's wheel: a frame every --frame-ms (16; 0: back to back, as the
// first version of this benchmark did), the GUI idle in between, where the app's RowPrefetcher
// renders the rows ahead (--no-prefetch: without it, for the comparison).
// Prints one JSON line per figure. Usage: collab-bench-richtext [--messages N] [--views N]
//   [--pages N] [--frame-ms N] [--no-prefetch]
#include "chatdelegate.h"
#include "chatmodel.h"
#include "mathrenderer.h"
#include "notepreview.h"
#include "rowprefetcher.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QListView>
#include <QScrollBar>
#include <QTest>

#include <algorithm>
#include <cstdio>
#include <ctime>

using namespace collab;

namespace {
void printJson(const QJsonObject &o)
{
    std::printf("%s\n", QJsonDocument(o).toJson(QJsonDocument::Compact).constData());
    std::fflush(stdout);
}

qint64 fieldKiB(const QString &file, const QByteArray &field)
{
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : f.readAll().split('\n'))
        if (line.startsWith(field))
            return line.mid(field.size()).trimmed().split(' ').value(0).toLongLong();
    return 0;
}
qint64 rssKiB(int pid) { return fieldKiB(QStringLiteral("/proc/%1/status").arg(pid), "VmRSS:"); }
// Proportional set size: shared pages (Qt WebEngine's 150 MB library, mapped by every one of its
// processes) counted once overall instead of once per process.
qint64 pssKiB(int pid) { return fieldKiB(QStringLiteral("/proc/%1/smaps_rollup").arg(pid), "Pss:"); }

// RSS and PSS of this process and of its QtWebEngineProcess children (Chromium's zygotes and
// renderer): {self RSS, children RSS, self PSS, children PSS}.
QVector<qint64> memoryWithWebEngine()
{
    const qint64 self = rssKiB(int(QCoreApplication::applicationPid()));
    const qint64 selfPss = pssKiB(int(QCoreApplication::applicationPid()));
    qint64 children = 0;
    qint64 childrenPss = 0;
    const QString me = QString::number(QCoreApplication::applicationPid());
    for (const QString &pid : QDir(QStringLiteral("/proc")).entryList(QDir::Dirs)) {
        QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
        QFile cmd(QStringLiteral("/proc/%1/cmdline").arg(pid));
        if (!stat.open(QIODevice::ReadOnly) || !cmd.open(QIODevice::ReadOnly))
            continue;
        if (cmd.readAll().contains("QtWebEngineProcess")) {
            // Ours: its parent chain reaches this process (zygotes are children of the first).
            const QList<QByteArray> fields = stat.readAll().split(' ');
            const QString parent = QString::fromLatin1(fields.value(3));
            QFile pstat(QStringLiteral("/proc/%1/stat").arg(parent));
            QString grand;
            if (pstat.open(QIODevice::ReadOnly))
                grand = QString::fromLatin1(pstat.readAll().split(' ').value(3));
            if (parent == me || grand == me) {
                children += rssKiB(pid.toInt());
                childrenPss += pssKiB(pid.toInt());
            }
        }
    }
    return {self, children, selfPss, childrenPss};
}

QString message(int i)
{
    // A mix like a course channel: mostly prose with some Markdown, every 4th with code, every
    // 5th with math, some tables and links. Formulas repeat across the channel (students quote
    // each other) but 1 in 4 is new.
    const int kind = i % 20;
    const int f = (i % 4 == 0) ? i : i % 97;
    switch (kind) {
    case 0:
    case 8:
    case 16:
        return QStringLiteral("Here is my attempt for lab %1:\n\n```cpp\nint partition(std::vector<int> &a, int lo, int hi) {\n"
                              "    int pivot = a[hi]; // last element\n    for (int j = lo; j < hi; ++j)\n        if (a[j] < pivot) std::swap(a[lo++], a[j]);\n"
                              "    std::swap(a[lo], a[hi]);\n    return lo;\n}\n```\nwhy does it **segfault** on `hi = -1`?").arg(i);
    case 4:
    case 12:
        return QStringLiteral("```python\ndef fib(n):\n    return n if n < 2 else fib(n - 1) + fib(n - 2)  # exponential\n```\nIs this $O(2^n)$?");
    case 5:
    case 15:
        return QStringLiteral("The recurrence $T(n) = 2T(n/2) + O(n)$ gives $\\Theta(n \\log n)$, and $x_{%1} = \\frac{%1}{n}$.").arg(f);
    case 10:
        return QStringLiteral("Sum check:\n\n$$\\sum_{i=1}^{%1} i = \\frac{%1(%1+1)}{2}$$").arg(f);
    case 7:
        return QStringLiteral("| op | array | list |\n|---|---|---|\n| get | O(1) | O(n) |\n| push | O(1)* | O(1) |");
    case 9:
        return QStringLiteral("Slides: https://example.org/cecs327/week%1.pdf and [the book](https://example.org/book) \u2014 see ~~chapter 2~~ chapter 3").arg(i % 15);
    default:
        return QStringLiteral("Message %1: *thanks*, that makes sense now. I'll try the **second** approach and post results.").arg(i);
    }
}

double percentile(QVector<double> v, double p)
{
    if (v.isEmpty())
        return 0;
    std::sort(v.begin(), v.end());
    return v.at(std::min<int>(int(v.size()) - 1, int(p * v.size())));
}

// CPU time of the calling thread, ms.
double threadCpuMs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}

// The GUI idle (its event loop running) until `ms` after `since` started.
void idleUntil(const QElapsedTimer &since, int ms)
{
    const qint64 left = ms - since.elapsed();
    if (left <= 0)
        return QCoreApplication::processEvents();
    QEventLoop loop;
    QTimer::singleShot(int(left), &loop, &QEventLoop::quit);
    loop.exec();
}

void benchChat(int messages, int views, int frameMs, bool prefetch)
{
    QList<ChatMessage> list;
    for (int i = 0; i < messages; ++i) {
        ChatMessage m;
        m.id = quint64(i + 1);
        m.channel = QStringLiteral("general");
        m.author = QStringLiteral("student%1").arg(i % 40);
        m.text = message(i);
        m.createdMs = 1700000000000 + i * 60000LL;
        list << m;
    }
    struct View
    {
        desktop::ChatModel *model;
        QListView *view;
        desktop::ChatDelegate *delegate;
        desktop::RowPrefetcher *prefetcher;
    };
    QVector<View> all;
    for (int v = 0; v < views; ++v) {
        auto *model = new desktop::ChatModel(QStringLiteral("general"));
        model->setMessages(list);
        auto *view = new QListView;
        auto *delegate = new desktop::ChatDelegate(view);
        view->setItemDelegate(delegate);
        view->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
        view->setLayoutMode(QListView::Batched); // as ChatPanel has it
        view->setBatchSize(200);
        view->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
        view->resize(560, 700);
        view->setModel(model);
        view->show();
        delegate->setWidth(view->viewport()->width());
        auto *prefetcher = new desktop::RowPrefetcher(view, delegate); // as ChatPanel has it
        prefetcher->setEnabled(false); // not while the views lay out; during the scrolls only
        all << View{model, view, delegate, prefetcher};
    }
    // Start the typesetter first (the app does so on its first formula): its start-up apart.
    richtext::MathRenderer *math = richtext::MathRenderer::instance();
    QElapsedTimer t;
    t.start();
    math->request(QStringLiteral("x"), false);
    if (!QTest::qWaitFor([math] { return math->pendingCount() == 0; }, 600000))
        qWarning("MathJax did not start");
    printJson({{QStringLiteral("bench"), QStringLiteral("math.start")}, {QStringLiteral("ms"), double(t.elapsed())},
               {QStringLiteral("available"), math->isAvailable()}});

    // Measure every row on a delegate of its own (cold: each body rendered once), as a view's
    // first layout does.
    t.restart();
    QStyleOptionViewItem option;
    option.font = all[0].view->font();
    desktop::ChatDelegate cold;
    cold.setWidth(all[0].view->viewport()->width());
    for (int r = 0; r < messages; ++r)
        cold.sizeHint(option, all[0].model->index(r));
    const qint64 measureMs = t.elapsed();
    printJson({{QStringLiteral("bench"), QStringLiteral("chat.sizeHint.all")}, {QStringLiteral("messages"), messages}, {QStringLiteral("ms"), double(measureMs)},
          {QStringLiteral("us_per_row"), 1000.0 * double(measureMs) / messages}});

    // Typeset what the channel holds (asked for while measuring).
    t.restart();
    const int asked = math->pendingCount();
    if (!QTest::qWaitFor([math] { return math->pendingCount() == 0; }, 600000))
        qWarning("formulas still pending after 10 minutes");
    printJson({{QStringLiteral("bench"), QStringLiteral("math.typeset")}, {QStringLiteral("formulas"), asked}, {QStringLiteral("ms"), double(t.elapsed())},
          {QStringLiteral("ms_per_formula"), asked ? double(t.elapsed()) / asked : 0.0}, {QStringLiteral("available"), math->isAvailable()}});
    QCoreApplication::processEvents();

    // Scroll each view from top to bottom, repainting synchronously: 120 px a frame (a mouse
    // wheel notch), and in view 0 also a page (3/4 of the viewport) a frame (Page Down held).
    for (int v = 0; v < views; ++v) {
        QListView *view = all[v].view;
        // Every row laid out (batched layout would still be going): the full scroll range.
        view->setLayoutMode(QListView::SinglePass);
        view->doItemsLayout();
        QCoreApplication::processEvents();
        QScrollBar *bar = view->verticalScrollBar();
        // View 0 scrolls the wheel twice, first without the prefetcher and then with it (or only as
        // --no-prefetch says), so that the two are measured back to back under the same load.
        struct Step
        {
            QString name;
            int px;
            bool prefetch;
        };
        QList<Step> steps{{QStringLiteral("wheel"), 120, prefetch}};
        if (v == 0) {
            if (prefetch)
                steps.prepend({QStringLiteral("wheel"), 120, false});
            steps.append({QStringLiteral("page"), view->viewport()->height() * 3 / 4, prefetch});
        }
        for (const Step &step : std::as_const(steps)) {
            all[v].prefetcher->setEnabled(step.prefetch);
            QVector<double> frames; // wall time of each frame
            QVector<double> cpu;    // the GUI thread's CPU time in it (what other processes on a busy machine do not stretch)
            bar->setValue(0);
            QCoreApplication::processEvents();
            const int before = all[v].prefetcher->prefetched();
            for (int value = 0; value <= bar->maximum(); value += step.px) {
                const double cpuStart = threadCpuMs();
                QElapsedTimer frame;
                frame.start();
                bar->setValue(value);
                view->viewport()->repaint();
                frames << double(frame.nsecsElapsed()) / 1e6;
                cpu << threadCpuMs() - cpuStart;
                if (frameMs > 0)
                    idleUntil(frame, frameMs);
            }
            printJson({{QStringLiteral("bench"), QStringLiteral("chat.scroll.frame")}, {QStringLiteral("view"), v},
                       {QStringLiteral("frame_ms"), frameMs}, {QStringLiteral("prefetch"), step.prefetch},
                       {QStringLiteral("prefetched_rows"), all[v].prefetcher->prefetched() - before},
                       {QStringLiteral("step"), step.name}, {QStringLiteral("step_px"), step.px},
                       {QStringLiteral("frames"), int(frames.size())}, {QStringLiteral("p50_ms"), percentile(frames, 0.5)},
                       {QStringLiteral("p95_ms"), percentile(frames, 0.95)}, {QStringLiteral("p99_ms"), percentile(frames, 0.99)},
                       {QStringLiteral("max_ms"), *std::max_element(frames.begin(), frames.end())},
                       {QStringLiteral("over_16ms"), int(std::count_if(frames.begin(), frames.end(), [](double f) { return f > 16.0; }))},
                       {QStringLiteral("cpu_p50_ms"), percentile(cpu, 0.5)}, {QStringLiteral("cpu_p95_ms"), percentile(cpu, 0.95)},
                       {QStringLiteral("cpu_p99_ms"), percentile(cpu, 0.99)},
                       {QStringLiteral("cpu_over_16ms"), int(std::count_if(cpu.begin(), cpu.end(), [](double f) { return f > 16.0; }))}});
        }
    }
    const QVector<qint64> mem = memoryWithWebEngine();
    printJson({{QStringLiteral("bench"), QStringLiteral("memory")}, {QStringLiteral("views"), views},
               {QStringLiteral("messages_per_view"), messages}, {QStringLiteral("rss_process_mib"), double(mem[0]) / 1024.0},
               {QStringLiteral("rss_webengine_mib"), double(mem[1]) / 1024.0},
               {QStringLiteral("rss_total_mib"), double(mem[0] + mem[1]) / 1024.0},
               {QStringLiteral("pss_total_mib"), double(mem[2] + mem[3]) / 1024.0}});
    for (const View &v : all) {
        delete v.view;
        delete v.model;
    }
}

QString note(int pages)
{
    // ~50 lines a page: headings, prose, lists, code, math, a table now and then.
    QString md;
    for (int p = 0; p < pages; ++p) {
        md += QStringLiteral("# Lecture %1\n\n").arg(p + 1);
        for (int s = 0; s < 3; ++s) {
            md += QStringLiteral("## Part %1.%2\n\n").arg(p + 1).arg(s + 1);
            md += QStringLiteral("The cost of the algorithm is $T(n) = 2T(n/2) + cn$, so by the master theorem it is "
                                 "$\\Theta(n \\log n)$. We compare it with **insertion sort**, whose *worst case* is quadratic.\n\n");
            md += QStringLiteral("- invariant: `a[0..i)` is sorted\n- step: insert `a[i]`\n- cost: $\\sum_{i=1}^{n} i$\n\n");
            if (s == 1)
                md += QStringLiteral("```c\nvoid insertion_sort(int *a, int n) {\n    for (int i = 1; i < n; i++) {\n        int k = a[i], j = i - 1;\n"
                                     "        while (j >= 0 && a[j] > k) { a[j + 1] = a[j]; j--; }\n        a[j + 1] = k;\n    }\n}\n```\n\n");
            if (s == 2)
                md += QStringLiteral("| n | steps |\n|---|---|\n| 10 | 45 |\n| 100 | 4950 |\n\n$$\\sum_{i=1}^{n} i = \\frac{n(n+1)}{2}$$\n\n");
            md += QStringLiteral("Notes from the discussion: students asked why the recurrence holds, and we wrote out the first levels of "
                                 "the recursion tree on the board, level by level, until the pattern was clear to everyone.\n\n");
        }
    }
    return md;
}

void benchNote(int pages)
{
    desktop::NotePreview preview;
    preview.resize(600, 800);
    preview.show();
    QString md = note(pages);
    const int lines = int(md.count(QLatin1Char('\n')));
    QElapsedTimer t;
    t.start();
    preview.setMarkdown(md);
    const qint64 first = t.elapsed();
    printJson({{QStringLiteral("bench"), QStringLiteral("note.preview.first")}, {QStringLiteral("pages"), pages}, {QStringLiteral("chars"), int(md.size())}, {QStringLiteral("lines"), lines},
          {QStringLiteral("sections"), int(preview.sections().size())}, {QStringLiteral("ms"), double(first)}});
    richtext::MathRenderer *math = richtext::MathRenderer::instance();
    if (!QTest::qWaitFor([math] { return math->pendingCount() == 0; }, 600000))
        qWarning("formulas still pending after 10 minutes");
    QCoreApplication::processEvents();
    preview.setMarkdown(md);

    // Keystrokes at places spread through the note: time from the new text to an updated preview.
    QVector<double> times;
    QVector<double> rendered;
    for (int k = 0; k < 60; ++k) {
        const int at = int((qint64(md.size()) * (k * 37 % 60)) / 60);
        const int lineEnd = int(md.indexOf(QLatin1Char('\n'), at));
        md.insert(lineEnd < 0 ? int(md.size()) : lineEnd, QLatin1Char('x'));
        QElapsedTimer keystroke;
        keystroke.start();
        preview.setMarkdown(md);
        times << double(keystroke.nsecsElapsed()) / 1e6;
        rendered << preview.renderedSectionCount();
        QCoreApplication::processEvents();
    }
    printJson({{QStringLiteral("bench"), QStringLiteral("note.preview.keystroke")}, {QStringLiteral("pages"), pages}, {QStringLiteral("keystrokes"), int(times.size())},
          {QStringLiteral("p50_ms"), percentile(times, 0.5)}, {QStringLiteral("p95_ms"), percentile(times, 0.95)},
          {QStringLiteral("max_ms"), *std::max_element(times.begin(), times.end())},
          {QStringLiteral("debounce_ms"), desktop::NotePreview::kDebounceMs}, {QStringLiteral("sections_rendered_p50"), percentile(rendered, 0.5)}});
}
} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication::setAttribute(Qt::AA_ShareOpenGLContexts);
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    int messages = 10000;
    int views = 5;
    int pages = 200;
    int frameMs = 16;
    const QStringList args = QCoreApplication::arguments();
    const bool prefetch = !args.contains(QLatin1String("--no-prefetch"));
    for (int i = 1; i + 1 < args.size(); ++i) {
        if (args.at(i) == QLatin1String("--frame-ms"))
            frameMs = args.at(i + 1).toInt();
        if (args.at(i) == QLatin1String("--messages"))
            messages = args.at(i + 1).toInt();
        else if (args.at(i) == QLatin1String("--views"))
            views = args.at(i + 1).toInt();
        else if (args.at(i) == QLatin1String("--pages"))
            pages = args.at(i + 1).toInt();
    }
    benchChat(messages, views, frameMs, prefetch);
    benchNote(pages);
    return 0;
}
