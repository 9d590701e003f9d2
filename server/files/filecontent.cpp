#include "files/filecontent.h"

#include "protocol/utf8check.h"

namespace collab::server::filecontent {

namespace {

bool startsWith(QByteArrayView bytes, QByteArrayView signature)
{
    return bytes.size() >= signature.size() && bytes.first(signature.size()) == signature;
}

bool isPlainText(QByteArrayView bytes)
{
    for (char c : bytes) {
        const auto u = static_cast<unsigned char>(c);
        if ((u < 0x20 && u != '\t' && u != '\n' && u != '\r' && u != '\f') || u == 0x7f)
            return false;
    }
    return firstInvalidUtf8(bytes.toByteArray()) < 0;
}

// Characters no file name needs and some abuse: C0 and C1 controls, DEL, and the format
// characters (Cf: bidi overrides and isolates, zero-width joiners, the BOM).
bool isHostileCharacter(char32_t c)
{
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f))
        return true;
    return QChar::category(c) == QChar::Other_Format || c == 0xfffe || c == 0xffff;
}

} // namespace

QByteArray sniffType(QByteArrayView bytes)
{
    if (startsWith(bytes, "\x89PNG\r\n\x1a\n"))
        return QByteArrayLiteral("image/png");
    if (startsWith(bytes, "\xff\xd8\xff"))
        return QByteArrayLiteral("image/jpeg");
    if (startsWith(bytes, "GIF87a") || startsWith(bytes, "GIF89a"))
        return QByteArrayLiteral("image/gif");
    if (bytes.size() >= 12 && startsWith(bytes, "RIFF") && bytes.sliced(8, 4) == QByteArrayView("WEBP"))
        return QByteArrayLiteral("image/webp");
    if (startsWith(bytes, "%PDF-"))
        return QByteArrayLiteral("application/pdf");
    if (startsWith(bytes, QByteArrayView("PK\x03\x04", 4)) || startsWith(bytes, QByteArrayView("PK\x05\x06", 4)))
        return QByteArrayLiteral("application/zip");
    if (startsWith(bytes, "\x1f\x8b"))
        return QByteArrayLiteral("application/gzip");
    if (!bytes.isEmpty() && isPlainText(bytes))
        return QByteArrayLiteral("text/plain; charset=utf-8");
    return QByteArrayLiteral("application/octet-stream");
}

bool isInlineImage(QByteArrayView type)
{
    return type == QByteArrayView("image/png") || type == QByteArrayView("image/jpeg") || type == QByteArrayView("image/gif")
           || type == QByteArrayView("image/webp");
}

Result<QString> nameFromHeader(const QByteArray &header)
{
    if (header.isEmpty())
        return QStringLiteral("file");
    const QByteArray raw = header.contains('%') ? QByteArray::fromPercentEncoding(header) : header;
    if (firstInvalidUtf8(raw) >= 0)
        return ProtocolError::make(ErrorCode::InvalidValue, QStringLiteral("X-File-Name must be UTF-8 text (percent-encoded)"));
    const QString name = QString::fromUtf8(raw).trimmed();
    if (name.toUtf8().size() > MaxNameBytes)
        return ProtocolError::make(ErrorCode::TooLarge, QStringLiteral("a file name is at most %1 bytes of UTF-8").arg(MaxNameBytes));
    if (name.isEmpty() || name == QLatin1String(".") || name == QLatin1String(".."))
        return ProtocolError::make(ErrorCode::InvalidValue, QStringLiteral("X-File-Name must name a file"));
    if (name.contains(QLatin1Char('/')) || name.contains(QLatin1Char('\\')))
        return ProtocolError::make(ErrorCode::InvalidValue,
                                   QStringLiteral("a file name cannot contain '/' or '\\' (send the name, not a path)"));
    for (char32_t c : name.toUcs4())
        if (isHostileCharacter(c))
            return ProtocolError::make(ErrorCode::InvalidValue,
                                       QStringLiteral("a file name cannot contain control or format characters (U+%1)")
                                           .arg(uint(c), 4, 16, QLatin1Char('0')));
    return name;
}

QByteArray contentDisposition(bool inlineImage, const QString &name)
{
    QByteArray ascii;
    for (QChar c : name)
        ascii += (c.unicode() >= 0x20 && c.unicode() < 0x7f && c != u'"' && c != u'\\' && c != u'%') ? char(c.unicode()) : '_';
    return QByteArray(inlineImage ? "inline" : "attachment") + "; filename=\"" + ascii + "\"; filename*=UTF-8''"
           + name.toUtf8().toPercentEncoding();
}

} // namespace collab::server::filecontent
