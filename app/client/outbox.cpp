#include "client/outbox.h"

#include "client/clientlogging.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>

namespace collab::client {

namespace {
constexpr int FileVersion = 1;
}

QJsonObject OutboxMessage::toJson() const
{
    QJsonObject json{{QStringLiteral("clientMsgId"), clientMsgId},
                     {QStringLiteral("course"), course},
                     {QStringLiteral("channel"), channel},
                     {QStringLiteral("text"), text},
                     {QStringLiteral("queuedAt"), double(queuedMs)}};
    if (extras.replyTo)
        json.insert(QStringLiteral("replyTo"), double(extras.replyTo));
    if (extras.question)
        json.insert(QStringLiteral("question"), true);
    if (extras.anonymous)
        json.insert(QStringLiteral("anonymous"), true);
    if (!extras.files.isEmpty())
        json.insert(QStringLiteral("files"), QJsonArray::fromStringList(extras.files));
    return json;
}

bool OutboxMessage::fromJson(const QJsonObject &json, OutboxMessage *out)
{
    const QStringList required{QStringLiteral("clientMsgId"), QStringLiteral("course"), QStringLiteral("channel")};
    for (const QString &key : required)
        if (!json.value(key).isString() || json.value(key).toString().isEmpty())
            return false;
    // The text may be empty only for a message of files alone.
    if (!json.value(QLatin1String("text")).isString()
        || (json.value(QLatin1String("text")).toString().isEmpty() && json.value(QLatin1String("files")).toArray().isEmpty()))
        return false;
    out->clientMsgId = json.value(QLatin1String("clientMsgId")).toString();
    out->course = json.value(QLatin1String("course")).toString();
    out->channel = json.value(QLatin1String("channel")).toString();
    out->text = json.value(QLatin1String("text")).toString();
    out->queuedMs = qint64(json.value(QLatin1String("queuedAt")).toDouble());
    out->extras.replyTo = quint64(json.value(QLatin1String("replyTo")).toDouble());
    out->extras.question = json.value(QLatin1String("question")).toBool();
    out->extras.anonymous = json.value(QLatin1String("anonymous")).toBool();
    for (const QJsonValue &id : json.value(QLatin1String("files")).toArray())
        out->extras.files.append(id.toString());
    return true;
}

Outbox::Outbox(const QString &path, QObject *parent) : QObject(parent), m_path(path) {}

bool Outbox::load()
{
    m_lastError.clear();
    if (m_path.isEmpty())
        return true;
    QFile file(m_path);
    if (!file.exists())
        return true;
    if (!file.open(QIODevice::ReadOnly)) {
        m_lastError = QStringLiteral("cannot read %1: %2").arg(m_path, file.errorString());
        return false;
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parseError);
    file.close();

    QList<OutboxMessage> loaded;
    bool good = parseError.error == QJsonParseError::NoError && doc.isObject()
                && doc.object().value(QLatin1String("version")).toInt() == FileVersion;
    if (good) {
        for (const QJsonValue &v : doc.object().value(QLatin1String("messages")).toArray()) {
            OutboxMessage m;
            if (!v.isObject() || !OutboxMessage::fromJson(v.toObject(), &m)) {
                good = false;
                break;
            }
            loaded << m;
        }
    }
    if (!good) {
        // Keep the bytes for a human: a later save() must not destroy unsent messages.
        const QString aside = m_path + QStringLiteral(".corrupt");
        QFile::remove(aside);
        QFile::rename(m_path, aside);
        m_lastError = QStringLiteral("%1 is not a valid outbox file; moved to %2").arg(m_path, aside);
        qCWarning(lcClient).noquote() << m_lastError;
        return false;
    }
    const int before = size();
    m_messages = loaded;
    if (size() != before)
        Q_EMIT sizeChanged(size());
    return true;
}

void Outbox::add(const OutboxMessage &message)
{
    if (contains(message.clientMsgId))
        return;
    m_messages << message;
    save();
    Q_EMIT sizeChanged(size());
}

bool Outbox::remove(const QString &clientMsgId)
{
    for (qsizetype i = 0; i < m_messages.size(); ++i) {
        if (m_messages.at(i).clientMsgId == clientMsgId) {
            m_messages.removeAt(i);
            save();
            Q_EMIT sizeChanged(size());
            return true;
        }
    }
    return false;
}

bool Outbox::contains(const QString &clientMsgId) const { return find(clientMsgId) != nullptr; }

const OutboxMessage *Outbox::find(const QString &clientMsgId) const
{
    for (const OutboxMessage &m : m_messages)
        if (m.clientMsgId == clientMsgId)
            return &m;
    return nullptr;
}

QList<OutboxMessage> Outbox::messagesFor(const QString &course) const
{
    QList<OutboxMessage> out;
    for (const OutboxMessage &m : m_messages)
        if (m.course == course)
            out << m;
    return out;
}

bool Outbox::save()
{
    if (m_path.isEmpty())
        return true;
    QJsonArray list;
    for (const OutboxMessage &m : std::as_const(m_messages))
        list.append(m.toJson());
    const QJsonObject root{{QStringLiteral("version"), FileVersion}, {QStringLiteral("messages"), list}};
    QDir().mkpath(QFileInfo(m_path).absolutePath());
    QSaveFile file(m_path);
    if (!file.open(QIODevice::WriteOnly) || file.write(QJsonDocument(root).toJson(QJsonDocument::Compact)) < 0
        || !file.commit()) {
        m_lastError = QStringLiteral("cannot write %1: %2").arg(m_path, file.errorString());
        qCWarning(lcClient).noquote() << m_lastError;
        return false;
    }
    return true;
}

} // namespace collab::client
