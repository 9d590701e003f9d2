// collab-bench-search: builds the search projection (SearchProjection, the server's own code and
// SQL) over N chat messages of one course in a fresh SQLite file, then times queries of several
// kinds through SearchQuery::parse + SearchProjection::search, as the server runs them (minus the
// JSON). Messages are drawn from a Zipf-distributed vocabulary of course words and generated
// words, 4 to 40 words each, over 12 channels, 400 authors and 15 weeks, a few with code.
//
//   collab-bench-search [--messages N] [--queries Q] [--dir DIR] [--keep] [--reuse]
//
// It prints the build time, the database's size on disk (the messages projection is not in it:
// only what search adds) and, per kind of query, p50/p99/max in ms. Timings are what they are on
// the machine it ran on: note its load (uptime) beside the figures.

#include "search/searchquery.h"
#include "store/searchprojection.h"
#include "store/sqlitestatement.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTextStream>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iterator>

using namespace collab;
using namespace collab::server;

namespace {

const QStringList kCourseWords = {
    QStringLiteral("vector"), QStringLiteral("clock"), QStringLiteral("lamport"), QStringLiteral("consensus"),
    QStringLiteral("paxos"), QStringLiteral("raft"), QStringLiteral("leader"), QStringLiteral("election"),
    QStringLiteral("quorum"), QStringLiteral("replica"), QStringLiteral("partition"), QStringLiteral("latency"),
    QStringLiteral("throughput"), QStringLiteral("snapshot"), QStringLiteral("checkpoint"), QStringLiteral("deadlock"),
    QStringLiteral("mutex"), QStringLiteral("semaphore"), QStringLiteral("thread"), QStringLiteral("process"),
    QStringLiteral("socket"), QStringLiteral("homework"), QStringLiteral("midterm"), QStringLiteral("lecture"),
    QStringLiteral("deadline"), QStringLiteral("question"), QStringLiteral("answer"), QStringLiteral("example"),
    QStringLiteral("byzantine"), QStringLiteral("gossip"), QStringLiteral("causal"), QStringLiteral("ordering"),
};
const QStringList kStopWords = {
    QStringLiteral("the"), QStringLiteral("a"), QStringLiteral("is"), QStringLiteral("to"), QStringLiteral("of"),
    QStringLiteral("and"), QStringLiteral("in"), QStringLiteral("it"), QStringLiteral("i"), QStringLiteral("for"),
    QStringLiteral("how"), QStringLiteral("what"), QStringLiteral("does"), QStringLiteral("this"), QStringLiteral("we"),
};

// The vocabulary in rank order: stop words first (most frequent), then course words, then
// generated syllable words; word i is drawn with probability ~ 1/(i+1) (Zipf, s = 1).
class Vocabulary
{
public:
    explicit Vocabulary(int size)
    {
        m_words = kStopWords + kCourseWords;
        const char *syllables[] = {"ka", "lo", "mi", "ren", "tu", "sa", "vek", "dor", "pi", "ne", "zu", "gal", "fo", "ri", "sha", "te"};
        QRandomGenerator rng(7);
        while (m_words.size() < size) {
            QString w;
            const int n = 2 + int(rng.bounded(3));
            for (int i = 0; i < n; ++i)
                w += QLatin1String(syllables[rng.bounded(16)]);
            m_words << w;
        }
        double sum = 0;
        for (int i = 0; i < m_words.size(); ++i)
            m_cumulative.push_back(sum += 1.0 / (i + 1));
    }
    const QString &draw(QRandomGenerator &rng) const
    {
        const double x = rng.generateDouble() * m_cumulative.back();
        const auto it = std::lower_bound(m_cumulative.begin(), m_cumulative.end(), x);
        return m_words.at(int(std::min<qsizetype>(it - m_cumulative.begin(), m_words.size() - 1)));
    }
    const QStringList &words() const { return m_words; }

private:
    QStringList m_words;
    std::vector<double> m_cumulative;
};

double percentile(std::vector<double> v, double p)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, size_t(std::ceil(p * double(v.size())) - 1))];
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser p;
    p.addHelpOption();
    p.addOption({QStringLiteral("messages"), QStringLiteral("messages in the course"), QStringLiteral("n"), QStringLiteral("1000000")});
    p.addOption({QStringLiteral("queries"), QStringLiteral("queries per kind"), QStringLiteral("n"), QStringLiteral("200")});
    p.addOption({QStringLiteral("dir"), QStringLiteral("where the database goes (default: a temporary directory)"), QStringLiteral("dir")});
    p.addOption({QStringLiteral("keep"), QStringLiteral("keep the database")});
    p.addOption({QStringLiteral("reuse"), QStringLiteral("query the database a --keep run left in --dir (no build)")});
    p.addOption({QStringLiteral("only"), QStringLiteral("run only the kinds of query whose name contains this (e.g. phrase)"), QStringLiteral("text")});
    p.process(app);
    const int messages = p.value(QStringLiteral("messages")).toInt();
    const int queriesPerKind = p.value(QStringLiteral("queries")).toInt();
    QTemporaryDir tmp;
    tmp.setAutoRemove(!p.isSet(QStringLiteral("keep")));
    const QString dir = p.isSet(QStringLiteral("dir")) ? p.value(QStringLiteral("dir")) : tmp.path();
    QDir().mkpath(dir);
    const QString path = QDir(dir).filePath(QStringLiteral("search-bench.db"));
    const bool reuse = p.isSet(QStringLiteral("reuse")) && QFileInfo::exists(path);
    if (!reuse)
        QFile::remove(path);
    QTextStream out(stdout);

    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"));
    db.setDatabaseName(path);
    if (!db.open()) {
        out << "cannot open " << path << "\n";
        return 1;
    }
    QSqlQuery q(db);
    for (const char *pragma : {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL"})
        q.exec(QLatin1String(pragma));
    SearchProjection search;
    for (const QString &statement : search.schema())
        if (!q.exec(statement)) {
            out << "schema: " << q.lastError().text() << "\n";
            return 1;
        }
    if (const QString e = search.open(ProjectionDatabase{db, sqliteHandle(db)}); !e.isEmpty()) {
        out << "open: " << e << "\n";
        return 1;
    }

    const QString course = QStringLiteral("CECS327");
    Vocabulary vocabulary(20000);
    QRandomGenerator rng(42);
    const qint64 termStart = QDateTime(QDate(2026, 1, 12), QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();
    const qint64 termMs = qint64(15) * 7 * 24 * 3600 * 1000;
    QElapsedTimer build;
    build.start();
    constexpr int Batch = 10000; // the server's group commits are smaller; a rebuild's pages are this size
    for (int i = 0; i < messages && !reuse; ++i) {
        if (i % Batch == 0)
            db.transaction();
        const int words = 4 + int(rng.bounded(37));
        QStringList text;
        for (int w = 0; w < words; ++w)
            text << vocabulary.draw(rng);
        if (rng.bounded(20) == 0)
            text << QStringLiteral("`x[i] += 1`");
        CourseEvent e;
        e.course = course;
        e.seq = quint64(i + 1);
        e.kind = EventKind::ChatPosted;
        e.timeMs = termStart + termMs * i / messages;
        e.data = {{QStringLiteral("id"), double(i + 1)},
                  {QStringLiteral("channel"), QStringLiteral("ch%1").arg(rng.bounded(12))},
                  {QStringLiteral("author"), QStringLiteral("student%1").arg(rng.bounded(400))},
                  {QStringLiteral("text"), text.join(QLatin1Char(' '))}};
        if (const QString error = search.apply(e); !error.isEmpty()) {
            out << "apply: " << error << "\n";
            return 1;
        }
        if (i % Batch == Batch - 1 || i == messages - 1)
            db.commit();
    }
    const double buildSeconds = build.elapsed() / 1000.0;
    q.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
    const qint64 bytes = QFileInfo(path).size();
    if (reuse)
        out << "reused " << path << " (no build)\n";
    else
        out << "messages: " << messages << "\n"
        << "index build: " << QString::number(buildSeconds, 'f', 1) << " s (" << qint64(messages / buildSeconds)
        << " messages/s)\n"
        << "disk: " << QString::number(bytes / 1048576.0, 'f', 1) << " MiB (" << bytes / std::max(1, messages)
        << " bytes per message; text, index, filters)\n";
    out.flush();

    // Query kinds: the words are drawn by rank, so "common" words are in a large share of the
    // messages and "rare" ones in a few hundred.
    const QStringList &words = vocabulary.words();
    const auto word = [&](int from, int to) { return words.at(from + int(rng.bounded(to - from))); };
    const auto courseWord = [&] { return kCourseWords.at(int(rng.bounded(int(kCourseWords.size())))); };
    const char *const kinds[] = {"rare word",        "course word",      "two words",        "stop word (in ~1/2)",
                                 "phrase",           "prefix",           "word from:user",   "word in:#channel",
                                 "has:code word",    "from:user only",   "word before:date", "common word after:date"};
    const auto makeQuery = [&](int kind) -> QString {
        switch (kind) {
        case 0: return word(2000, 20000);
        case 1: return courseWord();
        case 2: return courseWord() + QLatin1Char(' ') + word(50, 2000);
        case 3: return kStopWords.at(int(rng.bounded(3)));
        case 4: return QStringLiteral("\"%1 %2\"").arg(kStopWords.at(int(rng.bounded(int(kStopWords.size())))), word(15, 200));
        case 5: return word(50, 5000).left(4) + QLatin1Char('*');
        case 6: return QStringLiteral("%1 from:student%2").arg(word(15, 500)).arg(rng.bounded(400));
        case 7: return QStringLiteral("%1 in:#ch%2").arg(word(15, 2000)).arg(rng.bounded(12));
        case 8: return QStringLiteral("has:code %1").arg(word(15, 500));
        case 9: return QStringLiteral("from:student%1").arg(rng.bounded(400));
        case 10: return QStringLiteral("%1 before:2026-02-%2").arg(word(15, 2000)).arg(10 + rng.bounded(18));
        default: return QStringLiteral("%1 after:2026-04-%2").arg(kStopWords.at(0)).arg(10 + rng.bounded(18));
        }
    };
    std::vector<double> all;
    out << "\nkind                      p50 ms   p99 ms   max ms   avg hits\n";
    const QString only = p.value(QStringLiteral("only"));
    for (int kind = 0; kind < int(std::size(kinds)); ++kind) {
        if (!QLatin1String(kinds[kind]).contains(only))
            continue;
        std::vector<double> times;
        qint64 hits = 0;
        for (int i = 0; i < queriesPerKind; ++i) {
            const QString text = makeQuery(kind);
            QElapsedTimer t;
            t.start();
            const Result<SearchQuery> query = SearchQuery::parse(text);
            if (!query) {
                out << "parse failed for " << text << ": " << query.error().message << "\n";
                return 1;
            }
            const Result<SearchRows> rows = search.search(course, query.value(), QString(), false, 20);
            const double ms = t.nsecsElapsed() / 1e6;
            if (!rows) {
                out << "search failed for " << text << ": " << rows.error().message << "\n";
                return 1;
            }
            hits += rows.value().rows.size();
            times.push_back(ms);
            all.push_back(ms);
        }
        out << QString::fromLatin1(kinds[kind]).leftJustified(24) << QStringLiteral("%1 %2 %3 %4\n")
                                                                    .arg(percentile(times, 0.5), 8, 'f', 2)
                                                                    .arg(percentile(times, 0.99), 8, 'f', 2)
                                                                    .arg(*std::max_element(times.begin(), times.end()), 8, 'f', 2)
                                                                    .arg(double(hits) / queriesPerKind, 10, 'f', 1);
    }
    out << QStringLiteral("all kinds                 %1 %2 %3   (%4 queries)\n")
               .arg(percentile(all, 0.5), 8, 'f', 2)
               .arg(percentile(all, 0.99), 8, 'f', 2)
               .arg(*std::max_element(all.begin(), all.end()), 8, 'f', 2)
               .arg(all.size());
    return 0;
}
