#pragma once

#include <QByteArray>
#include <QLatin1StringView>
#include <QString>

#include <cstdint>

namespace collab {

// Writes compact JSON straight into bytes, for the hot paths where building a QJsonObject first
// costs more than the work itself (a REST post's 201 body: about a third of the HTTP thread's time
// went to QJsonObject inserts and QJsonDocument::toJson). The output is byte for byte what
// QJsonDocument::toJson(Compact) gives for the same object when keys are written in sorted order,
// as QJsonObject keeps them (tst_jsonwriter compares the two).
// Objects nest up to 64 levels; keys are ASCII names written by the caller, never escaped.
class JsonWriter
{
public:
    explicit JsonWriter(qsizetype reserve = 256) { m_out.reserve(reserve); }

    JsonWriter &beginObject(QLatin1StringView key = {});
    JsonWriter &endObject();

    JsonWriter &field(QLatin1StringView key, const QString &value);
    JsonWriter &field(QLatin1StringView key, qint64 value);
    JsonWriter &field(QLatin1StringView key, bool value);
    // A value already written as compact JSON (as member `key` inside an object).
    JsonWriter &raw(QLatin1StringView key, const QByteArray &json);

    QByteArray take() { return std::move(m_out); }

private:
    void writeKey(QLatin1StringView key);
    void writeString(const QString &value);

    QByteArray m_out;
    int m_depth = 0;
    std::uint64_t m_hasMember = 0; // bit d: the object at depth d has a member already
};

} // namespace collab
