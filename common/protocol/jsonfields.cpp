#include "protocol/jsonfields.h"

#include "protocol/ids.h"

#include <cmath>

namespace collab {

namespace {
constexpr double MaxExactInteger = 9007199254740992.0; // 2^53: JSON numbers above this lose digits
}

const QJsonValue *FieldReader::find(const char *key, bool required)
{
    if (m_error)
        return nullptr;
    const auto it = m_object.constFind(QLatin1String(key));
    if (it == m_object.constEnd() || it->isNull() || it->isUndefined()) {
        if (required)
            fail(ErrorCode::MissingField, QStringLiteral("missing field '%1'").arg(QLatin1String(key)));
        return nullptr;
    }
    m_current = *it;
    return &m_current;
}

bool FieldReader::checkString(const char *key, const QString &value, qsizetype maxLength)
{
    if (maxLength >= 0 && utf8Length(value) > maxLength) {
        fail(ErrorCode::TooLarge,
             QStringLiteral("field '%1' is longer than %2 bytes").arg(QLatin1String(key)).arg(maxLength));
        return false;
    }
    return true;
}

QString FieldReader::string(const char *key, qsizetype maxLength)
{
    const QJsonValue *v = find(key, true);
    if (!v)
        return {};
    if (!v->isString()) {
        fail(ErrorCode::BadType, QStringLiteral("field '%1' must be a string").arg(QLatin1String(key)));
        return {};
    }
    QString s = v->toString();
    return checkString(key, s, maxLength) ? s : QString();
}

std::optional<QString> FieldReader::optionalString(const char *key, qsizetype maxLength)
{
    const QJsonValue *v = find(key, false);
    if (!v)
        return std::nullopt;
    if (!v->isString()) {
        fail(ErrorCode::BadType, QStringLiteral("field '%1' must be a string").arg(QLatin1String(key)));
        return std::nullopt;
    }
    QString s = v->toString();
    if (!checkString(key, s, maxLength))
        return std::nullopt;
    return s;
}

QString FieldReader::id(const char *key)
{
    QString s = string(key);
    if (ok() && !isValidId(s)) {
        fail(ErrorCode::InvalidValue,
             QStringLiteral("field '%1' must match [A-Za-z0-9._-]{1,64}").arg(QLatin1String(key)));
        return {};
    }
    return s;
}

std::optional<QString> FieldReader::optionalId(const char *key)
{
    auto s = optionalString(key);
    if (s && !isValidId(*s)) {
        fail(ErrorCode::InvalidValue,
             QStringLiteral("field '%1' must match [A-Za-z0-9._-]{1,64}").arg(QLatin1String(key)));
        return std::nullopt;
    }
    return s;
}

namespace {
QString userNameRule(const char *key)
{
    return QStringLiteral("field '%1' must be a user name: a letter, then letters, digits, '.', '_' or '-' (64 at most)")
        .arg(QLatin1String(key));
}
} // namespace

QString FieldReader::userName(const char *key)
{
    QString s = string(key);
    if (ok() && !isValidUserName(s)) {
        fail(ErrorCode::InvalidValue, userNameRule(key));
        return {};
    }
    return s;
}

std::optional<QString> FieldReader::optionalUserName(const char *key)
{
    auto s = optionalString(key);
    if (s && !isValidUserName(*s)) {
        fail(ErrorCode::InvalidValue, userNameRule(key));
        return std::nullopt;
    }
    return s;
}

std::optional<quint64> FieldReader::optionalUnsignedInt(const char *key)
{
    const QJsonValue *v = find(key, false);
    if (!v)
        return std::nullopt;
    const double d = v->toDouble(-1);
    if (!v->isDouble() || d < 0 || d > MaxExactInteger || std::floor(d) != d) {
        fail(ErrorCode::BadType,
             QStringLiteral("field '%1' must be a non-negative integer").arg(QLatin1String(key)));
        return std::nullopt;
    }
    return static_cast<quint64>(d);
}

quint64 FieldReader::unsignedInt(const char *key)
{
    if (!find(key, true))
        return 0;
    return optionalUnsignedInt(key).value_or(0);
}

qint64 FieldReader::integer(const char *key)
{
    if (!find(key, true))
        return 0;
    return optionalInt(key).value_or(0);
}

QJsonValue FieldReader::value(const char *key)
{
    const QJsonValue *v = find(key, false);
    return v ? *v : QJsonValue();
}

std::optional<qint64> FieldReader::optionalInt(const char *key)
{
    const QJsonValue *v = find(key, false);
    if (!v)
        return std::nullopt;
    const double d = v->toDouble();
    if (!v->isDouble() || std::fabs(d) > MaxExactInteger || std::floor(d) != d) {
        fail(ErrorCode::BadType, QStringLiteral("field '%1' must be an integer").arg(QLatin1String(key)));
        return std::nullopt;
    }
    return static_cast<qint64>(d);
}

std::optional<bool> FieldReader::optionalBoolean(const char *key)
{
    const QJsonValue *v = find(key, false);
    if (!v)
        return std::nullopt;
    if (!v->isBool()) {
        fail(ErrorCode::BadType, QStringLiteral("field '%1' must be true or false").arg(QLatin1String(key)));
        return std::nullopt;
    }
    return v->toBool();
}

bool FieldReader::boolean(const char *key)
{
    if (!find(key, true))
        return false;
    return optionalBoolean(key).value_or(false);
}

QJsonArray FieldReader::array(const char *key)
{
    const QJsonValue *v = find(key, true);
    if (!v)
        return {};
    if (!v->isArray()) {
        fail(ErrorCode::BadType, QStringLiteral("field '%1' must be an array").arg(QLatin1String(key)));
        return {};
    }
    return v->toArray();
}

QJsonObject FieldReader::object(const char *key)
{
    const QJsonValue *v = find(key, true);
    if (!v)
        return {};
    if (!v->isObject()) {
        fail(ErrorCode::BadType, QStringLiteral("field '%1' must be an object").arg(QLatin1String(key)));
        return {};
    }
    return v->toObject();
}

void FieldReader::fail(ErrorCode code, const QString &message)
{
    if (!m_error)
        m_error = ProtocolError{code, message, {}};
}

bool jsonDepthWithin(const QByteArray &json, int maxDepth)
{
    int depth = 0;
    bool inString = false;
    for (qsizetype i = 0; i < json.size(); ++i) {
        const char c = json[i];
        if (inString) {
            if (c == '\\')
                ++i;
            else if (c == '"')
                inString = false;
        } else if (c == '"') {
            inString = true;
        } else if (c == '[' || c == '{') {
            if (++depth > maxDepth)
                return false;
        } else if (c == ']' || c == '}') {
            --depth;
        }
    }
    return true;
}

qsizetype utf8Length(QStringView text)
{
    qsizetype n = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char16_t u = text[i].unicode();
        if (u < 0x80)
            n += 1;
        else if (u < 0x800)
            n += 2;
        else if (QChar::isHighSurrogate(u) && i + 1 < text.size() && QChar::isLowSurrogate(text[i + 1].unicode())) {
            n += 4;
            ++i;
        } else
            n += 3;
    }
    return n;
}

} // namespace collab
