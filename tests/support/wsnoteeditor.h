#pragma once

// A note editor as a client would be, over a raw WebSocket: its own CRDT replica, fed by the
// server's note.ops events and note.state answers. Header-only: the note suites share it.
#include "crdt/document.h"
#include "wstestclient.h"

#include <QJsonArray>
#include <QRandomGenerator>
#include <QTest>

struct WsNoteEditor
{
    explicit WsNoteEditor(quint64 replica = QRandomGenerator::global()->generate64() | 1,
                        const QString &course = QStringLiteral("CECS327"), const QString &note = QStringLiteral("class-notes"))
        : course(course), note(note), doc(replica)
    {
    }
    QString course;
    QString note;
    WsTestClient ws;
    collab::crdt::Document doc;
    int applied = 0; // received frames already looked at

    QJsonObject opsMessage(const QVector<collab::crdt::Operation> &ops) const
    {
        return {{QStringLiteral("type"), QStringLiteral("note.ops")}, {QStringLiteral("course"), course},
                {QStringLiteral("note"), note}, {QStringLiteral("ops"), collab::crdt::operationsToJson(ops)}};
    }
    QJsonObject send(const QVector<collab::crdt::Operation> &ops, int timeoutMs = 5000)
    {
        return ws.request(opsMessage(ops), timeoutMs);
    }
    QJsonObject insert(int pos, const QString &text) { return send({doc.localInsert(pos, text).value()}); }
    QJsonObject remove(int pos, int len) { return send({doc.localDelete(pos, len).value()}); }

    // Applies every note.ops event received so far.
    void absorb()
    {
        for (; applied < ws.receivedCount(); ++applied) {
            const QJsonObject o = ws.received().at(applied);
            if (o.value(QLatin1String("kind")).toString() != QLatin1String("note.ops")
                || o.value(QLatin1String("data")).toObject().value(QLatin1String("note")).toString() != note)
                continue;
            const auto ops = collab::crdt::operationsFromJson(
                o.value(QLatin1String("data")).toObject().value(QLatin1String("ops")).toArray());
            QVERIFY(ops.ok());
            for (const collab::crdt::Operation &op : ops.value())
                doc.apply(op);
        }
    }
    QJsonObject syncRequest(const QJsonObject &have = {}) const
    {
        return {{QStringLiteral("type"), QStringLiteral("note.sync")}, {QStringLiteral("course"), course},
                {QStringLiteral("note"), note}, {QStringLiteral("have"), have}};
    }
    // Loads the whole note from the server (a fresh replica's first sync).
    bool syncFresh(int timeoutMs = 5000)
    {
        const QJsonObject state = ws.request(syncRequest(), timeoutMs);
        if (state.value(QLatin1String("type")).toString() != QLatin1String("note.state"))
            return false;
        return load(state);
    }
    bool load(const QJsonObject &state)
    {
        const QByteArray snapshot = QByteArray::fromBase64(state.value(QLatin1String("snapshot")).toString().toLatin1());
        auto loaded = collab::crdt::Document::decodeSnapshot(snapshot, doc.replica());
        if (!loaded.ok())
            return false;
        doc = std::move(loaded).value();
        applied = ws.receivedCount();
        return true;
    }
};
