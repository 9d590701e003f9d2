// Replays the fuzzers' seed corpora and every input in tests/fuzz/regressions/<target>/ through the
// fuzz targets' own entry points, in a normal (g++, unsanitized) build: an input that once crashed
// a target, or broke one of its properties, stays fixed. A failing property aborts, and Qt Test
// names the data row (the file) it was running.
#include "fuzzsupport.h"

#include "crdt/document.h"

#include <QtCore/QDir>
#include <QtCore/QFile>
#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtTest/QTest>

using namespace collab;

class TestFuzzRegressions : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void replay_data();
    void replay();
    void forgedOriginsDiverge();
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
#ifndef COLLAB_PORTABLE
    if (name == QLatin1String("fuzz_ws_frames"))
        return &fuzz::wsFrames;
#endif
    if (name == QLatin1String("fuzz_http_parser"))
        return &fuzz::httpParser;
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
#ifdef COLLAB_PORTABLE
            if (target == QLatin1String("fuzz_ws_frames"))
                continue; // the Linux engine's frame decoder is not in a portable build
#endif
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

// Found by fuzz_crdt (docs/security.md, "Fuzzing"): an insert whose origins were never neighbours
// (the last one names, after `f`, a unit of `jqiXf`, which was typed after `s`) used to land in
// different places depending on the order replicas received it. Every replica now refuses it,
// whether it comes last or waits for `jqiXf` first, so they agree.
void TestFuzzRegressions::forgedOriginsDiverge()
{
    const char *const json[] = {
        R"(["i","0000000000000003",0,null,null,"fsbnpm"])",
        R"(["i","0000000000000001",0,["0000000000000003",1],["0000000000000003",2],"jqiXf"])",
        R"(["i","0000000000000002",0,["0000000000000003",1],["0000000000000003",2],"a"])",
        R"(["i","bad0bad0bad0bad0",0,["0000000000000003",0],["0000000000000001",4],"zsu"])",
    };
    QVector<crdt::Operation> ops;
    for (const char *text : json) {
        const crdt::Expected<crdt::Operation> op = crdt::Operation::fromJson(QJsonDocument::fromJson(text).array());
        QVERIFY(op.ok());
        ops.append(op.value());
    }
    crdt::Document forgedLast(7);
    crdt::Document forgedFirst(8);
    for (int i : {0, 1, 2}) {
        QCOMPARE(forgedLast.apply(ops[i]).status, crdt::ApplyStatus::Applied);
    }
    const crdt::ApplyResult refused = forgedLast.apply(ops[3]);
    QCOMPARE(refused.status, crdt::ApplyStatus::Rejected);
    QVERIFY(refused.error);
    QCOMPARE(refused.error->code, crdt::ErrorCode::InvalidOperation);

    QCOMPARE(forgedFirst.apply(ops[0]).status, crdt::ApplyStatus::Applied);
    QCOMPARE(forgedFirst.apply(ops[3]).status, crdt::ApplyStatus::Pending); // waits for jqiXf
    const crdt::ApplyResult released = forgedFirst.apply(ops[1]);
    QCOMPARE(released.status, crdt::ApplyStatus::Applied);
    QCOMPARE(released.droppedCount, 1); // released, checked, refused
    QCOMPARE(forgedFirst.apply(ops[2]).status, crdt::ApplyStatus::Applied);

    QCOMPARE(forgedLast.version(), forgedFirst.version());
    QCOMPARE(forgedLast.text(), forgedFirst.text());
    QCOMPARE(forgedLast.text(), QStringLiteral("fsjqiXfabnpm"));
}

QTEST_GUILESS_MAIN(TestFuzzRegressions)
#include "tst_fuzz_regressions.moc"
