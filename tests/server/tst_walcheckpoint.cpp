// The event store's WAL is checkpointed off the writing thread (WalCheckpointer) and stays bounded
// under sustained writes, and every event written survives closing and reopening the store.
#include "store/projections.h"
#include "store/sqliteeventlog.h"

#include <QFileInfo>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using collab::server::NewEvent;
using collab::server::SqliteEventLog;

class TestWalCheckpoint : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void walStaysBoundedUnderSustainedWrites()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("collab.db"));
        SqliteEventLog::Options options{path};
        options.checkpointPages = 100;
        options.restartPages = 400;
        constexpr int kBatches = 6000;
        constexpr int kPerBatch = 10;
        const QString filler(400, QLatin1Char('x'));

        qint64 largestWal = 0;
        quint64 background = 0;
        quint64 writer = 0;
        {
            SqliteEventLog store;
            QCOMPARE(store.open(options), QString());
            int acknowledged = 0;
            for (int b = 0; b < kBatches; ++b) {
                for (int i = 0; i < kPerBatch; ++i) {
                    const QJsonObject data{{QStringLiteral("channel"), QStringLiteral("general")},
                                           {QStringLiteral("author"), QStringLiteral("ana")},
                                           {QStringLiteral("text"), QString(QStringLiteral("%1 %2 ").arg(b).arg(i) + filler)},
                                           {QStringLiteral("clientMsgId"), QStringLiteral("c-%1-%2").arg(b).arg(i)}};
                    store.append(NewEvent{QStringLiteral("CECS327"), collab::EventKind::ChatPosted, 1, data},
                                 [&acknowledged](auto result) { acknowledged += result ? 1 : 0; });
                }
                store.flush(); // one commit per batch, as one hub turn would make
                largestWal = std::max(largestWal, QFileInfo(path + QStringLiteral("-wal")).size());
            }
            QCOMPARE(acknowledged, kBatches * kPerBatch);
            QCOMPARE(store.lastSeq(QStringLiteral("CECS327")), quint64(kBatches * kPerBatch));
            background = store.checkpointer().backgroundCheckpoints();
            writer = store.checkpointer().writerCheckpoints();
        }
        const qint64 database = QFileInfo(path).size();
        qInfo() << "largest WAL" << largestWal << "bytes, database" << database << "bytes; checkpoints: background"
                << background << "writer" << writer;
        // Every page of the database went through the WAL at least once: without checkpoints (or
        // if the WAL were never reused) it would be larger than the database. It is reused once it
        // reaches restartPages and the checkpoint running then is done; how many pages the commits
        // add meanwhile depends on the machine's load, hence a ratio rather than a page count.
        QVERIFY2(largestWal * 3 < database, QByteArray::number(largestWal));
        QVERIFY(background > 0);
        QVERIFY(writer > 0);

        SqliteEventLog reopened;
        QCOMPARE(reopened.open(options), QString());
        QCOMPARE(reopened.lastSeq(QStringLiteral("CECS327")), quint64(kBatches * kPerBatch));
        const auto last = reopened.projections().messages().messagesBefore(QStringLiteral("CECS327"), QStringLiteral("general"),
                                                  kBatches * kPerBatch + 1, 2);
        QCOMPARE(last.size(), 2);
        QVERIFY(last.front().text.startsWith(QStringLiteral("%1 ").arg(kBatches - 1)));
    }
};

QTEST_GUILESS_MAIN(TestWalCheckpoint)
#include "tst_walcheckpoint.moc"
