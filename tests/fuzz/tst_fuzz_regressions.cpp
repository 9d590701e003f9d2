// Replays the fuzzers' seed corpora and every input in tests/fuzz/regressions/<target>/ through the
// fuzz targets' own entry points, in a normal (g++, unsanitized) build: an input that once crashed
// a target, or broke one of its properties, stays fixed. A failing property aborts, and Qt Test
// names the data row (the file) it was running.
#include "fuzzsupport.h"

#include <QtCore/QDir>
#include <QtCore/QFile>
#include <QtTest/QTest>

using namespace collab;

class TestFuzzRegressions : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void replay_data();
    void replay();
};

namespace {

using Entry = void (*)(QByteArrayView);

Entry targetFor(const QString &name)
{
    if (name == QLatin1String("fuzz_protocol"))
        return &fuzz::protocol;
    if (name == QLatin1String("fuzz_rest_bodies"))
        return &fuzz::restBodies;
    if (name == QLatin1String("fuzz_crdt"))
        return &fuzz::crdt;
    if (name == QLatin1String("fuzz_ws_frames"))
        return &fuzz::wsFrames;
    return nullptr;
}

} // namespace

void TestFuzzRegressions::replay_data()
{
    QTest::addColumn<QString>("target");
    QTest::addColumn<QString>("path");
    const QDir root(QStringLiteral(COLLAB_FUZZ_DIR));
    int rows = 0;
    for (const QString &kind : {QStringLiteral("corpus"), QStringLiteral("regressions")}) {
        const QDir dir(root.filePath(kind));
        for (const QString &target : dir.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
            QVERIFY2(targetFor(target), qPrintable(QStringLiteral("no fuzz target named %1").arg(target)));
            const QDir inputs(dir.filePath(target));
            for (const QString &file : inputs.entryList(QDir::Files, QDir::Name)) {
                const QString tag = kind + u'/' + target + u'/' + file;
                QTest::newRow(qPrintable(tag)) << target << inputs.filePath(file);
                ++rows;
            }
        }
    }
    QVERIFY2(rows > 0, "no seed corpus found under " COLLAB_FUZZ_DIR);
}

void TestFuzzRegressions::replay()
{
    QFETCH(QString, target);
    QFETCH(QString, path);
    QFile file(path);
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(path));
    const QByteArray input = file.readAll();
    targetFor(target)(input);
}

QTEST_GUILESS_MAIN(TestFuzzRegressions)
#include "tst_fuzz_regressions.moc"
