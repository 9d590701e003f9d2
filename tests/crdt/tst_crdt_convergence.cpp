// Randomised convergence: several replicas edit concurrently (surrogate pairs, newlines), the
// network delivers in random order with duplicates and delays, late joiners catch up through
// operationsSince() or a snapshot. Every replica must end with the same text, and the deltas
// apply() reports must reproduce it. The seed comes from COLLAB_CRDT_SEED or the clock and is
// printed on failure.
#include "crdt/document.h"
#include "tracereader.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QSet>
#include <QTest>

#include <memory>
#include <vector>

using namespace collab::crdt;

namespace {

struct Peer
{
    std::unique_ptr<Document> doc;
    QString mirror;           // kept only from local edits and the deltas of apply()
    std::vector<QByteArray> inbox; // encoded operations not yet delivered
};

class Network
{
public:
    Network(quint64 seed, int peers) : m_random(seed)
    {
        for (int i = 0; i < peers; ++i)
            addPeer(std::make_unique<Document>(ReplicaId(0x1000 + i)));
    }

    Peer &addPeer(std::unique_ptr<Document> doc)
    {
        Peer peer;
        peer.mirror = doc->text();
        peer.doc = std::move(doc);
        m_peers.push_back(std::move(peer));
        return m_peers.back();
    }

    std::vector<Peer> &peers() { return m_peers; }
    QRandomGenerator &random() { return m_random; }

    QString randomText()
    {
        static const QString alphabet = QStringLiteral("abcdefghij \n\u00e9\u4e2d");
        QString text;
        const int n = 1 + int(m_random.bounded(m_random.bounded(2) ? 3 : 12));
        for (int i = 0; i < n; ++i) {
            if (m_random.bounded(8) == 0)
                text += QString::fromUcs4(U"\U0001F600\U0001D11E").mid(2 * int(m_random.bounded(2)), 2);
            else
                text += alphabet.at(int(m_random.bounded(int(alphabet.size()))));
        }
        return text;
    }

    // A random edit at a random peer, broadcast (maybe duplicated) to the others' inboxes.
    bool localEdit(int index)
    {
        Peer &peer = m_peers[size_t(index)];
        const QString text = peer.doc->text();
        auto boundary = [&](int pos) {
            return pos > 0 && pos < text.size() && text.at(pos - 1).isHighSurrogate() ? pos - 1 : pos;
        };
        Expected<Operation> op = makeError(ErrorCode::InvalidPosition, QString());
        if (text.isEmpty() || m_random.bounded(3) != 0) {
            // A quarter of the inserts go to the start or the end, where peers collide most.
            const int size = int(text.size());
            const int where = int(m_random.bounded(8));
            const int pos = boundary(where == 0 ? 0 : where == 1 ? size : int(m_random.bounded(size + 1)));
            const QString inserted = randomText();
            op = peer.doc->localInsert(pos, inserted);
            peer.mirror.insert(pos, inserted);
        } else {
            const int pos = boundary(int(m_random.bounded(int(text.size()))));
            int end = boundary(qMin(int(text.size()), pos + 1 + int(m_random.bounded(6))));
            if (end == pos)
                end = boundary(qMin(int(text.size()), pos + 2));
            op = peer.doc->localDelete(pos, end - pos);
            peer.mirror.remove(pos, end - pos);
        }
        if (!op.ok()) {
            qWarning() << "local edit failed:" << op.error().message;
            return false;
        }
        const bool json = m_random.bounded(2);
        const QByteArray wire = json ? QJsonDocument(op.value().toJson()).toJson(QJsonDocument::Compact)
                                     : QByteArray("B") + op.value().toBinary();
        for (size_t i = 0; i < m_peers.size(); ++i) {
            if (int(i) == index)
                continue;
            m_peers[i].inbox.push_back(wire);
            if (m_random.bounded(10) == 0)
                m_peers[i].inbox.push_back(wire); // duplicate
        }
        return true;
    }

    // Delivers one random message of the peer's inbox (random order = arbitrary delays).
    bool deliverOne(int index)
    {
        Peer &peer = m_peers[size_t(index)];
        if (peer.inbox.empty())
            return true;
        const size_t k = size_t(m_random.bounded(int(peer.inbox.size())));
        const QByteArray wire = peer.inbox[k];
        peer.inbox[k] = peer.inbox.back();
        peer.inbox.pop_back();
        Expected<Operation> op = wire.startsWith('B')
            ? Operation::fromBinary(wire.mid(1))
            : Operation::fromJson(QJsonDocument::fromJson(wire).array());
        if (!op.ok()) {
            qWarning() << "decode failed:" << op.error().message;
            return false;
        }
        const ApplyResult result = peer.doc->apply(op.value());
        if (!result.ok() || result.droppedCount) {
            qWarning() << "apply rejected:" << (result.error ? result.error->message : QString());
            return false;
        }
        for (const TextDelta &delta : result.deltas)
            peer.mirror.replace(delta.position, delta.removed, delta.inserted);
        return true;
    }

    bool drain()
    {
        bool any = true;
        while (any) {
            any = false;
            for (size_t i = 0; i < m_peers.size(); ++i) {
                while (!m_peers[i].inbox.empty()) {
                    any = true;
                    if (!deliverOne(int(i)))
                        return false;
                }
            }
        }
        return true;
    }

private:
    QRandomGenerator m_random;
    std::vector<Peer> m_peers;
};

// YATA one character at a time, as Yjs' Item.integrate does it, on a plain list: slow and
// obviously faithful. The run-length encoded Document must order text exactly like it.
class CharacterYata
{
public:
    void apply(const Operation &op)
    {
        if (!op.isInsert()) {
            for (const IdRange &range : op.targets) {
                for (quint32 k = 0; k < range.length; ++k)
                    m_items[size_t(indexOf(ItemId{range.replica, range.counter + k}))].deleted = true;
            }
            return;
        }
        for (qsizetype k = 0; k < op.text.size(); ++k) {
            Item item;
            item.id = ItemId{op.id.replica, op.id.counter + quint32(k)};
            item.left = k == 0 ? op.originLeft : std::optional<ItemId>(ItemId{op.id.replica, op.id.counter + quint32(k) - 1});
            item.right = op.originRight;
            item.unit = op.text.at(k);
            integrate(item);
        }
    }

    QString text() const
    {
        QString out;
        for (const Item &item : m_items) {
            if (!item.deleted)
                out += item.unit;
        }
        return out;
    }

private:
    struct Item
    {
        ItemId id;
        std::optional<ItemId> left;
        std::optional<ItemId> right;
        QChar unit;
        bool deleted = false;
    };

    static quint64 key(ItemId id) { return (id.replica << 32) ^ id.counter; }

    int indexOf(ItemId id) const
    {
        for (size_t i = 0; i < m_items.size(); ++i) {
            if (m_items[i].id == id)
                return int(i);
        }
        qFatal("CharacterYata: unknown id");
        return -1;
    }

    void integrate(const Item &item)
    {
        int left = item.left ? indexOf(*item.left) : -1;
        const int right = item.right ? indexOf(*item.right) : int(m_items.size());
        QSet<quint64> beforeOrigin;
        QSet<quint64> conflicting;
        for (int o = left + 1; o < right; ++o) {
            const Item &other = m_items[size_t(o)];
            beforeOrigin.insert(key(other.id));
            conflicting.insert(key(other.id));
            if (other.left == item.left) {
                if (other.id.replica < item.id.replica) {
                    left = o;
                    conflicting.clear();
                } else if (other.right == item.right) {
                    break;
                }
            } else if (other.left && beforeOrigin.contains(key(*other.left))) {
                if (!conflicting.contains(key(*other.left))) {
                    left = o;
                    conflicting.clear();
                }
            } else {
                break;
            }
        }
        m_items.insert(m_items.begin() + (left + 1), item);
    }

    std::vector<Item> m_items;
};

quint64 seedFromEnvironment()
{
    bool ok = false;
    const quint64 seed = qEnvironmentVariable("COLLAB_CRDT_SEED").toULongLong(&ok);
    return ok ? seed : quint64(QDateTime::currentMSecsSinceEpoch());
}

} // namespace

class TestCrdtConvergence : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void converges_data();
    void converges();
    void lateJoinersCatchUp();
    void matchesCharacterLevelYata_data();
    void matchesCharacterLevelYata();
    void bulkMergeMatchesOpByOp_data();
    void bulkMergeMatchesOpByOp();
    void bulkMergeMatchesOpByOpOnTraces_data();
    void bulkMergeMatchesOpByOpOnTraces();

private:
    quint64 m_seed = 0;
};

void TestCrdtConvergence::initTestCase()
{
    m_seed = seedFromEnvironment();
    qInfo("COLLAB_CRDT_SEED=%llu", static_cast<unsigned long long>(m_seed));
}

void TestCrdtConvergence::converges_data()
{
    QTest::addColumn<int>("peers");
    QTest::addColumn<int>("steps");
    QTest::newRow("3 peers") << 3 << 6000;
    QTest::newRow("4 peers") << 4 << 6000;
    QTest::newRow("5 peers") << 5 << 8000;
}

void TestCrdtConvergence::converges()
{
    QFETCH(int, peers);
    QFETCH(int, steps);
    const quint64 seed = m_seed + quint64(peers);
    const QByteArray context = "seed " + QByteArray::number(m_seed) + " (COLLAB_CRDT_SEED)";
    Network net(seed, peers);
    for (int step = 0; step < steps; ++step) {
        const int peer = int(net.random().bounded(peers));
        // Bursts of local typing, then delivery: peers drift apart for a while.
        const bool edit = net.random().bounded(100) < 45;
        QVERIFY2(edit ? net.localEdit(peer) : net.deliverOne(peer), context.constData());
        if (step % 500 == 0) {
            for (Peer &p : net.peers())
                QVERIFY2(p.mirror == p.doc->text(), context.constData());
        }
    }
    QVERIFY2(net.drain(), context.constData());
    const Peer &first = net.peers().front();
    for (const Peer &peer : net.peers()) {
        QVERIFY2(peer.doc->text() == first.doc->text(), context.constData());
        QVERIFY2(peer.mirror == peer.doc->text(), context.constData());
        QVERIFY2(peer.doc->version() == first.doc->version(), context.constData());
        QCOMPARE(peer.doc->pendingCount(), 0);
    }
    QVERIFY2(first.doc->length() > 0, context.constData());
}

// A peer that joins late catches up by operationsSince() (shuffled) and another by snapshot;
// both keep editing concurrently and everyone converges.
void TestCrdtConvergence::lateJoinersCatchUp()
{
    const QByteArray context = "seed " + QByteArray::number(m_seed) + " (COLLAB_CRDT_SEED)";
    Network net(m_seed, 3);
    for (int step = 0; step < 3000; ++step) {
        const int peer = int(net.random().bounded(3));
        QVERIFY2(net.random().bounded(2) ? net.localEdit(peer) : net.deliverOne(peer), context.constData());
    }
    Document &source = *net.peers()[0].doc;
    auto ops = source.operationsSince(VersionVector());
    QVERIFY2(ops.ok(), context.constData());
    QVector<Operation> shuffled = ops.value();
    for (qsizetype i = shuffled.size() - 1; i > 0; --i)
        shuffled.swapItemsAt(i, qsizetype(net.random().bounded(int(i + 1))));
    auto joiner = std::make_unique<Document>(ReplicaId(0x2000));
    for (const Operation &op : shuffled)
        QVERIFY2(joiner->apply(op).ok(), context.constData());
    QCOMPARE(joiner->pendingCount(), 0);
    QVERIFY2(joiner->text() == source.text(), context.constData());

    auto loaded = Document::decodeSnapshot(source.encodeSnapshot(), 0x3000);
    QVERIFY2(loaded.ok(), context.constData());
    QVERIFY2(loaded.value().text() == source.text(), context.constData());
    // The newcomers learn of later operations the ordinary way: subscribe them to broadcasts
    // from now on, and hand them what the others have that the source had not delivered yet.
    const VersionVector sourceVersion = source.version();
    net.addPeer(std::move(joiner));
    net.addPeer(std::make_unique<Document>(std::move(loaded).value()));
    for (size_t i = 1; i < 3; ++i) {
        const auto missing = net.peers()[i].doc->operationsSince(sourceVersion);
        QVERIFY2(missing.ok(), context.constData());
        for (size_t j = 3; j < net.peers().size(); ++j) {
            for (const Operation &op : missing.value())
                net.peers()[j].inbox.push_back(QByteArray("B") + op.toBinary());
        }
    }
    for (int step = 0; step < 3000; ++step) {
        const int peer = int(net.random().bounded(5));
        QVERIFY2(net.random().bounded(2) ? net.localEdit(peer) : net.deliverOne(peer), context.constData());
    }
    QVERIFY2(net.drain(), context.constData());
    for (const Peer &peer : net.peers()) {
        QVERIFY2(peer.doc->text() == net.peers().front().doc->text(), context.constData());
        QVERIFY2(peer.mirror == peer.doc->text(), context.constData());
    }
}

void TestCrdtConvergence::matchesCharacterLevelYata_data()
{
    QTest::addColumn<int>("peers");
    QTest::newRow("2 peers") << 2;
    QTest::newRow("3 peers") << 3;
    QTest::newRow("5 peers") << 5;
}

void TestCrdtConvergence::matchesCharacterLevelYata()
{
    QFETCH(int, peers);
    const QByteArray context = "seed " + QByteArray::number(m_seed) + " (COLLAB_CRDT_SEED)";
    for (int round = 0; round < 10; ++round) {
        Network net(m_seed * 31 + quint64(round * 7 + peers), peers);
        for (int step = 0; step < 600; ++step) {
            const int peer = int(net.random().bounded(peers));
            QVERIFY2(net.random().bounded(100) < 55 ? net.localEdit(peer) : net.deliverOne(peer), context.constData());
        }
        QVERIFY2(net.drain(), context.constData());
        const Document &doc = *net.peers().front().doc;
        CharacterYata reference;
        for (const Operation &op : doc.operationsSince(VersionVector()).value())
            reference.apply(op);
        QVERIFY2(reference.text() == doc.text(), context.constData());
    }
}

namespace {

// Two documents that must be the same replica state: text, version, the history they would send
// and (`Runs::Same`, when both took the same operations) the runs, which the snapshot encodes.
// Fed other cuts of the same history (keystrokes, or the runs they merge into), two replicas
// agree on everything but may cut their tombstones into runs a little differently: a forward
// delete of two units is one tree edit or two.
enum class Runs { Same, MayDiffer };
bool sameState(const Document &a, const Document &b, Runs runs = Runs::Same)
{
    const auto historyA = a.operationsSince(VersionVector());
    const auto historyB = b.operationsSince(VersionVector());
    const bool same = a.text() == b.text() && a.version() == b.version() && a.pendingCount() == b.pendingCount()
        && (runs == Runs::MayDiffer || a.encodeSnapshot() == b.encodeSnapshot()) && historyA.ok() && historyB.ok()
        && historyA.value() == historyB.value();
    if (!same) {
        qWarning() << "text" << (a.text() == b.text()) << "version" << (a.version() == b.version()) << "pending"
                   << a.pendingCount() << b.pendingCount() << "runs" << a.runCount() << b.runCount() << "history"
                   << historyA.value().size() << historyB.value().size();
        for (qsizetype i = 0; i < qMin(historyA.value().size(), historyB.value().size()); ++i) {
            if (historyA.value()[i] != historyB.value()[i]) {
                qWarning() << "first history difference at" << i << historyA.value()[i].toJson() << historyB.value()[i].toJson();
                break;
            }
        }
    }
    return same;
}

// Applies the deltas of a result to a mirror of the text.
void patch(QString *mirror, const ApplyResult &result)
{
    for (const TextDelta &delta : result.deltas)
        mirror->replace(delta.position, delta.removed, delta.inserted);
}

} // namespace

void TestCrdtConvergence::bulkMergeMatchesOpByOp_data()
{
    QTest::addColumn<int>("peers");
    QTest::newRow("2 peers") << 2;
    QTest::newRow("3 peers") << 3;
    QTest::newRow("5 peers") << 5;
}

// Random concurrent histories, peers left apart (not drained). For each pair of peers, a
// receiver in the first one's state takes in the second one's history twice: op by op
// (apply(), the per-keystroke operations in the order the source applied them) and in bulk
// (applyBatch() of the compact batch: the part it misses, then everything again, duplicates and
// all). Both must give the same replica state, and their deltas the same text; a shuffled batch
// (operations waiting for others inside one batch) converges to the same text too.
void TestCrdtConvergence::bulkMergeMatchesOpByOp()
{
    QFETCH(int, peers);
    const QByteArray context = "seed " + QByteArray::number(m_seed) + " (COLLAB_CRDT_SEED)";
    for (int round = 0; round < 6; ++round) {
        Network net(m_seed * 17 + quint64(round * 13 + peers), peers);
        for (int step = 0; step < 1200; ++step) {
            const int peer = int(net.random().bounded(peers));
            QVERIFY2(net.random().bounded(100) < 50 ? net.localEdit(peer) : net.deliverOne(peer), context.constData());
        }
        for (int from = 0; from < peers; ++from) {
            const Document &base = *net.peers()[size_t((from + 1) % peers)].doc;
            const Document &source = *net.peers()[size_t(from)].doc;
            const QVector<Operation> baseOps = base.operationsSince(VersionVector()).value();
            // Two receivers in the base's state, one built each way.
            Document opByOp(0x7001);
            for (const Operation &op : baseOps)
                QVERIFY2(opByOp.apply(op).status == ApplyStatus::Applied, context.constData());
            Document bulk(0x7001);
            const ApplyResult loaded = bulk.applyBatch(base.encodeHistory(VersionVector()).value(), Document::Deltas::Skip);
            QVERIFY2(loaded.status == ApplyStatus::Applied || baseOps.isEmpty(), context.constData());
            QVERIFY2(loaded.droppedCount == 0 && loaded.deltas.isEmpty(), context.constData());
            QVERIFY2(sameState(opByOp, bulk), context.constData());

            // The source's history: what the receiver misses, then all of it again.
            QString opMirror = opByOp.text();
            for (const Operation &op : source.operationsSince(opByOp.version()).value()) {
                const ApplyResult result = opByOp.apply(op);
                QVERIFY2(result.ok() && result.droppedCount == 0, context.constData());
                patch(&opMirror, result);
            }
            QString bulkMirror = bulk.text();
            const ApplyResult missing = bulk.applyBatch(source.encodeHistory(bulk.version()).value());
            QVERIFY2((missing.ok() && missing.droppedCount == 0 && missing.appliedCount > 0)
                         || source.version().isIncludedIn(base.version()),
                     context.constData());
            patch(&bulkMirror, missing);
            const ApplyResult again = bulk.applyBatch(source.encodeHistory(VersionVector()).value());
            QVERIFY2(again.status == ApplyStatus::Duplicate && again.appliedCount == 0 && again.deltas.isEmpty(),
                     context.constData());
            QVERIFY2(sameState(opByOp, bulk), context.constData());
            QVERIFY2(opMirror == opByOp.text() && bulkMirror == bulk.text(), context.constData());

            // The source's per-keystroke history shuffled into one batch: operations wait for
            // others of the same batch, and the deltas still describe the text.
            QVector<Operation> shuffled = source.operationsSince(VersionVector()).value();
            for (qsizetype i = shuffled.size() - 1; i > 0; --i)
                shuffled.swapItemsAt(i, qsizetype(net.random().bounded(int(i + 1))));
            Document scrambled(0x7002);
            QString scrambledMirror;
            const ApplyResult result = scrambled.applyBatch(encodeOperationBatch(shuffled));
            QVERIFY2(result.ok() && result.droppedCount == 0, context.constData());
            patch(&scrambledMirror, result);
            QCOMPARE(scrambled.pendingCount(), 0);
            QVERIFY2(scrambled.text() == source.text() && scrambledMirror == source.text(), context.constData());
            QVERIFY2(scrambled.version() == source.version(), context.constData());
        }
    }
}

void TestCrdtConvergence::bulkMergeMatchesOpByOpOnTraces_data()
{
    QTest::addColumn<QString>("file");
    QTest::newRow("automerge-paper") << QStringLiteral("automerge-paper.json.gz");
    QTest::newRow("seph-blog1") << QStringLiteral("seph-blog1.json.gz");
}

// Every trace we ship: a fresh replica taking in the whole history in bulk (no deltas), and the
// keystrokes as one batch (with deltas), end in the same state as op-by-op apply() of each
// keystroke, and in exactly the same one, runs included, as apply() of the same runs one by one.
void TestCrdtConvergence::bulkMergeMatchesOpByOpOnTraces()
{
    QFETCH(QString, file);
    QString error;
    const auto trace = traces::loadTrace(traces::sharedTracePath(file), &error);
    QVERIFY2(trace, qPrintable(error));
    Document local(0xa11ce);
    QVector<Operation> ops;
    for (const traces::Patch &patch : trace->patches) {
        if (patch.removed > 0)
            ops.append(local.localDelete(patch.position, patch.removed).value());
        if (!patch.inserted.isEmpty())
            ops.append(local.localInsert(patch.position, patch.inserted).value());
    }
    Document keystrokes(0xb0b);
    for (const Operation &op : ops)
        QCOMPARE(keystrokes.apply(op).status, ApplyStatus::Applied);
    QVERIFY(keystrokes.text() == trace->endContent);
    const QVector<Operation> runs = local.operationsSince(VersionVector()).value();
    Document opByOp(0xb0b);
    for (const Operation &op : runs)
        QCOMPARE(opByOp.apply(op).status, ApplyStatus::Applied);

    Document merged(0xb0b);
    const QByteArray history = local.encodeHistory(VersionVector()).value();
    const ApplyResult whole = merged.applyBatch(history, Document::Deltas::Skip);
    QCOMPARE(whole.status, ApplyStatus::Applied);
    QCOMPARE(whole.droppedCount, 0);
    QVERIFY(sameState(opByOp, merged));
    QVERIFY(sameState(keystrokes, merged, Runs::MayDiffer));

    const QByteArray batch = encodeOperationBatch(ops);
    Document bulk(0xb0b);
    QString mirror;
    const ApplyResult result = bulk.applyBatch(batch);
    QCOMPARE(result.status, ApplyStatus::Applied);
    patch(&mirror, result);
    QVERIFY(mirror == trace->endContent);
    QVERIFY(sameState(opByOp, bulk));
    // The keystrokes' batch holds the runs the log holds: the same bytes as the history.
    const auto decoded = decodeOperationBatch(batch);
    QVERIFY(decoded.ok());
    QVERIFY(decoded.value() == runs);
    QVERIFY(batch == history);
}

QTEST_GUILESS_MAIN(TestCrdtConvergence)
#include "tst_crdt_convergence.moc"
