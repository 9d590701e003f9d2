#include "crdt/bytes.h"

#include <array>


namespace collab::crdt::detail {

void ByteWriter::u64(quint64 value)
{
    char raw[8];
    for (int i = 0; i < 8; ++i)
        raw[i] = char((value >> (8 * i)) & 0xff);
    m_out->append(raw, 8);
}

void ByteWriter::varint(quint64 value)
{
    char raw[10];
    int n = 0;
    do {
        quint8 byte = value & 0x7f;
        value >>= 7;
        if (value)
            byte |= 0x80;
        raw[n++] = char(byte);
    } while (value);
    m_out->append(raw, n);
}

void ByteWriter::bytes(const QByteArray &value)
{
    varint(quint64(value.size()));
    m_out->append(value);
}

quint8 ByteReader::u8()
{
    if (!m_ok || m_pos >= m_size)
        return fail(), 0;
    return quint8(m_data[m_pos++]);
}

quint64 ByteReader::u64()
{
    if (!m_ok || m_size - m_pos < 8)
        return fail(), 0;
    quint64 value = 0;
    for (int i = 0; i < 8; ++i)
        value |= quint64(quint8(m_data[m_pos + i])) << (8 * i);
    m_pos += 8;
    return value;
}

quint64 ByteReader::varintSlow()
{
    quint64 value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
        if (!m_ok || m_pos >= m_size)
            return fail(), 0;
        const quint8 byte = quint8(m_data[m_pos++]);
        value |= quint64(byte & 0x7f) << shift;
        if (!(byte & 0x80))
            return value;
    }
    return fail(), 0; // more than 10 bytes
}

quint32 ByteReader::varint32()
{
    const quint64 value = varint();
    if (value > 0x7fffffffu)
        return fail(), 0;
    return quint32(value);
}

const char *ByteReader::take(qsizetype size)
{
    if (!m_ok || size < 0 || m_size - m_pos < size)
        return fail(), nullptr;
    const char *start = m_data + m_pos;
    m_pos += size;
    return start;
}

bool ByteReader::utf8(QString *out, qsizetype maxBytes)
{
    const quint64 size = varint();
    if (!m_ok || size > quint64(maxBytes))
        return fail();
    const char *raw = take(qsizetype(size));
    if (!raw)
        return false;
    if (size == 1 && quint8(raw[0]) < 0x80) {
        // Typing sends one ASCII character per operation: share one string per character
        // instead of allocating one per operation.
        static const std::array<QString, 128> ascii = [] {
            std::array<QString, 128> strings;
            for (int c = 0; c < 128; ++c)
                strings[size_t(c)] = QString(QChar(c));
            return strings;
        }();
        *out = ascii[size_t(quint8(raw[0]))];
        return true;
    }
    const QByteArrayView view(raw, qsizetype(size));
    if (!view.isValidUtf8())
        return fail();
    *out = QString::fromUtf8(view);
    return true;
}

} // namespace collab::crdt::detail
