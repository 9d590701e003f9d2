#pragma once

#include <QByteArray>
#include <QString>

namespace collab::crdt::detail {

// Appends little-endian integers, LEB128 varints and strings to a byte array.
class ByteWriter
{
public:
    explicit ByteWriter(QByteArray *out) : m_out(out) {}

    void u8(quint8 value) { m_out->append(char(value)); }
    void u64(quint64 value);
    void varint(quint64 value);
    void zigzag(qint64 value) { varint((quint64(value) << 1) ^ quint64(value >> 63)); }
    void bytes(const QByteArray &value);         // varint length + bytes
    void utf8(const QString &value) { bytes(value.toUtf8()); }

private:
    QByteArray *m_out;
};

// Reads what ByteWriter wrote. Every read checks bounds; after the first failure ok() stays false
// and reads return zero, so decoders check once at the end of a record.
class ByteReader
{
public:
    ByteReader(const char *data, qsizetype size) : m_data(data), m_size(size) {}
    explicit ByteReader(const QByteArray &bytes) : ByteReader(bytes.constData(), bytes.size()) {}

    bool ok() const { return m_ok; }
    bool atEnd() const { return m_pos >= m_size; }
    qsizetype position() const { return m_pos; }
    qsizetype remaining() const { return m_size - m_pos; }

    quint8 u8();
    quint64 u64();
    quint64 varint()
    {
        // Most values fit one byte: that case inline, the rest out of line.
        if (m_ok && m_pos < m_size && !(quint8(m_data[m_pos]) & 0x80))
            return quint8(m_data[m_pos++]);
        return varintSlow();
    }
    qint64 zigzag()
    {
        const quint64 raw = varint();
        return qint64(raw >> 1) ^ -qint64(raw & 1);
    }
    quint32 varint32(); // fails if the value does not fit 31 bits
    // A varint byte count followed by that many bytes, decoded as strict UTF-8.
    bool utf8(QString *out, qsizetype maxBytes);
    // Raw view of the next `size` bytes.
    const char *take(qsizetype size);

private:
    quint64 varintSlow();
    bool fail()
    {
        m_ok = false;
        return false;
    }

    const char *m_data;
    qsizetype m_size;
    qsizetype m_pos = 0;
    bool m_ok = true;
};

} // namespace collab::crdt::detail
