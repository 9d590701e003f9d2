#include "testimages.h"

#include <QtEndian>

QByteArray pngHeader(quint32 width, quint32 height)
{
    QByteArray png("\x89PNG\r\n\x1a\n", 8);
    QByteArray ihdr("IHDR");
    char size[4];
    qToBigEndian<quint32>(width, size);
    ihdr.append(size, 4);
    qToBigEndian<quint32>(height, size);
    ihdr.append(size, 4);
    ihdr.append("\x08\x06\x00\x00\x00", 5); // 8 bits, RGBA, deflate, no filter, no interlace
    char length[4];
    qToBigEndian<quint32>(13, length);
    png.append(length, 4).append(ihdr);
    char crc[4] = {0, 0, 0, 0};
    png.append(crc, 4);
    return png;
}
