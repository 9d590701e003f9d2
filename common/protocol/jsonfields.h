#pragma once

#include "protocol/protocolerror.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace collab {

// Reads typed fields out of a JSON object and remembers the first problem, so a decoder reads
// every field in a straight line and checks ok() once at the end.
class FieldReader
{
public:
    explicit FieldReader(const QJsonObject &object) : m_object(object) {}

    QString string(const char *key, qsizetype maxLength = -1);
    std::optional<QString> optionalString(const char *key, qsizetype maxLength = -1);
    QString id(const char *key);                          // required, isValidId
    std::optional<QString> optionalId(const char *key);
    QString userName(const char *key);                    // required, isValidUserName
    std::optional<QString> optionalUserName(const char *key);
    quint64 unsignedInt(const char *key);
    std::optional<quint64> optionalUnsignedInt(const char *key);
    qint64 integer(const char *key);
    std::optional<qint64> optionalInt(const char *key);
    bool boolean(const char *key);
    std::optional<bool> optionalBoolean(const char *key);
    QJsonArray array(const char *key);
    QJsonObject object(const char *key);

    // True if `key` is present and not null (a null optional field counts as absent). False once
    // the reader has failed, so the fields after a problem keep their defaults.
    bool has(const char *key) { return find(key, false) != nullptr; }
    QJsonValue value(const char *key);                    // any JSON value; null when absent
    const QJsonObject &object() const { return m_object; }

    // Marks the reader failed with a caller's own check.
    void fail(ErrorCode code, const QString &message);

    bool ok() const { return !m_error.has_value(); }
    ProtocolError error() const { return m_error.value_or(ProtocolError{}); }

private:
    const QJsonValue *find(const char *key, bool required);
    bool checkString(const char *key, const QString &value, qsizetype maxLength);

    QJsonObject m_object;
    QJsonValue m_current;
    std::optional<ProtocolError> m_error;
};

// True if the arrays and objects of `json` nest at most `maxDepth` deep. A linear scan that runs
// before the parser, so a hostile "[[[[[[..." costs nothing.
bool jsonDepthWithin(const QByteArray &json, int maxDepth);

// A utf-8 byte count without allocating: limits on text are in bytes on the wire.
qsizetype utf8Length(QStringView text);

} // namespace collab
