#include "protocol/jsonwriter.h"

#include <cstring>

namespace collab {

namespace {

char hexDigit(uint v) { return char(v < 10 ? '0' + v : 'a' + v - 10); }

// Written as itself: printable ASCII but the quote and the backslash.
bool isPlain(char16_t c) { return c >= 0x20 && c < 0x80 && c != '"' && c != '\\'; }

bool isLowSurrogate(char16_t c) { return c >= 0xdc00 && c <= 0xdfff; }
bool isHighSurrogate(char16_t c) { return c >= 0xd800 && c <= 0xdbff; }

void appendEscape(QByteArray &out, char16_t c)
{
    out += "\\u";
    for (int shift = 12; shift >= 0; shift -= 4)
        out += hexDigit((c >> shift) & 0xf);
}

void appendUtf8(QByteArray &out, char32_t cp)
{
    if (cp < 0x800) {
        out += char(0xc0 | (cp >> 6));
    } else if (cp < 0x10000) {
        out += char(0xe0 | (cp >> 12));
        out += char(0x80 | ((cp >> 6) & 0x3f));
    } else {
        out += char(0xf0 | (cp >> 18));
        out += char(0x80 | ((cp >> 12) & 0x3f));
        out += char(0x80 | ((cp >> 6) & 0x3f));
    }
    out += char(0x80 | (cp & 0x3f));
}

} // namespace

JsonWriter &JsonWriter::beginObject(QLatin1StringView key)
{
    if (m_depth > 0)
        writeKey(key);
    m_out += '{';
    ++m_depth;
    Q_ASSERT(m_depth < 64);
    m_hasMember &= ~(std::uint64_t(1) << m_depth);
    return *this;
}

JsonWriter &JsonWriter::raw(QLatin1StringView key, const QByteArray &json)
{
    if (m_depth > 0)
        writeKey(key);
    m_out += json;
    return *this;
}

JsonWriter &JsonWriter::endObject()
{
    m_out += '}';
    --m_depth;
    return *this;
}

JsonWriter &JsonWriter::field(QLatin1StringView key, const QString &value)
{
    writeKey(key);
    writeString(value);
    return *this;
}

JsonWriter &JsonWriter::field(QLatin1StringView key, qint64 value)
{
    writeKey(key);
    m_out += QByteArray::number(value);
    return *this;
}

JsonWriter &JsonWriter::field(QLatin1StringView key, bool value)
{
    writeKey(key);
    m_out += value ? "true" : "false";
    return *this;
}

void JsonWriter::writeKey(QLatin1StringView key)
{
    const std::uint64_t bit = std::uint64_t(1) << m_depth;
    const bool comma = (m_hasMember & bit) != 0;
    m_hasMember |= bit;
    // `,"key":` in one resize: an append per piece (each a QByteArray::insert) cost more than
    // the copying.
    const qsizetype at = m_out.size();
    m_out.resize(at + (comma ? 1 : 0) + key.size() + 3);
    char *out = m_out.data() + at;
    if (comma)
        *out++ = ',';
    *out++ = '"';
    std::memcpy(out, key.data(), size_t(key.size()));
    out += key.size();
    *out++ = '"';
    *out = ':';
}

// The escapes QJsonDocument writes: the short forms, \u00XX for other control characters,
// everything else as UTF-8, but a lone surrogate as \uXXXX.
void JsonWriter::writeString(const QString &value)
{
    m_out += '"';
    const char16_t *s = reinterpret_cast<const char16_t *>(value.utf16());
    const qsizetype n = value.size();
    for (qsizetype i = 0; i < n; ++i) {
        // A run of characters written as they are (most text): copied in one go, not appended
        // one by one (a QByteArray append per character was most of a chat post's encoding).
        qsizetype end = i;
        while (end < n && isPlain(s[end]))
            ++end;
        if (end > i) {
            const qsizetype at = m_out.size();
            m_out.resize(at + (end - i));
            char *out = m_out.data() + at;
            for (qsizetype k = i; k < end; ++k)
                *out++ = char(s[k]);
            i = end;
            if (i == n)
                break;
        }
        const char16_t c = s[i];
        switch (c) {
        case '"': m_out += "\\\""; continue;
        case '\\': m_out += "\\\\"; continue;
        case '\b': m_out += "\\b"; continue;
        case '\f': m_out += "\\f"; continue;
        case '\n': m_out += "\\n"; continue;
        case '\r': m_out += "\\r"; continue;
        case '\t': m_out += "\\t"; continue;
        default: break;
        }
        if (c < 0x20) {
            appendEscape(m_out, c);
        } else if (isHighSurrogate(c) && i + 1 < n && isLowSurrogate(s[i + 1])) {
            appendUtf8(m_out, 0x10000 + ((char32_t(c) - 0xd800) << 10) + (s[i + 1] - 0xdc00));
            ++i;
        } else if (isHighSurrogate(c) || isLowSurrogate(c)) {
            appendEscape(m_out, c); // a lone surrogate has no UTF-8 form
        } else {
            appendUtf8(m_out, c);
        }
    }
    m_out += '"';
}

} // namespace collab
