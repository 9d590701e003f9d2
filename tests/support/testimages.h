#pragma once

#include <QByteArray>

// The start of a PNG file: its signature and an IHDR chunk declaring width × height, and no pixel
// data. A decoder that believed the header would allocate width × height × 4 bytes: what the file
// suites upload as an image bomb (and, small, as a plain image whose type is sniffed).
QByteArray pngHeader(quint32 width, quint32 height);
