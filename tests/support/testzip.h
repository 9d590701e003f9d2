#pragma once

#include <QByteArray>
#include <QHash>
#include <QString>

// A zip (a course export) read with libzip: entry name → bytes; `error` says what could not be
// read (empty when all of it was).
QHash<QString, QByteArray> unzipEntries(const QByteArray &zip, QString *error);
