#include "cli/cliexport.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

#include <zip.h>

#include <memory>

namespace collab::cli {

namespace {

constexpr zip_int64_t kMaxEntries = 100000;

bool safeEntryName(const QString &name)
{
    if (name.isEmpty() || name.size() > 1024 || name.startsWith(QLatin1Char('/')) || name.contains(QLatin1Char('\\')))
        return false;
    for (const QChar c : name)
        if (c.unicode() < 0x20 || c.unicode() == 0x7f)
            return false;
    const QStringList parts = name.split(QLatin1Char('/'));
    for (int i = 0; i < parts.size(); ++i) {
        const QString &part = parts[i];
        if (part == QLatin1String("..") || part == QLatin1String(".") || (part.isEmpty() && i != parts.size() - 1))
            return false;
    }
    return true;
}

} // namespace

QString exportDirectoryProblem(const QString &dir)
{
    const QFileInfo info(dir);
    if (!info.exists())
        return {};
    if (!info.isDir())
        return QStringLiteral("%1 is not a directory").arg(dir);
    if (!QDir(dir).isEmpty(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System))
        return QStringLiteral("%1 is not empty: give an empty or new directory for the export").arg(dir);
    return {};
}

int unpackExport(const QString &zipPath, const QString &dir, QString *error)
{
    int code = 0;
    std::unique_ptr<zip_t, decltype(&zip_discard)> z(zip_open(QFile::encodeName(zipPath).constData(), ZIP_RDONLY | ZIP_CHECKCONS, &code),
                                                     &zip_discard);
    if (!z) {
        *error = QStringLiteral("the export is not a readable zip (libzip error %1)").arg(code);
        return -1;
    }
    const zip_int64_t entries = zip_get_num_entries(z.get(), 0);
    if (entries < 0 || entries > kMaxEntries) {
        *error = QStringLiteral("the export has %1 entries, more than %2").arg(entries).arg(kMaxEntries);
        return -1;
    }
    for (zip_int64_t i = 0; i < entries; ++i) {
        const QString name = QString::fromUtf8(zip_get_name(z.get(), zip_uint64_t(i), ZIP_FL_ENC_GUESS));
        if (!safeEntryName(name)) {
            *error = QStringLiteral("the export holds an unsafe file name (%1): nothing was unpacked").arg(name.left(80));
            return -1;
        }
    }
    if (!QDir().mkpath(dir)) {
        *error = QStringLiteral("cannot create %1").arg(dir);
        return -1;
    }
    const QDir root(dir);
    int written = 0;
    for (zip_int64_t i = 0; i < entries; ++i) {
        const QString name = QString::fromUtf8(zip_get_name(z.get(), zip_uint64_t(i), ZIP_FL_ENC_GUESS));
        if (name.endsWith(QLatin1Char('/'))) {
            root.mkpath(name);
            continue;
        }
        const QString target = root.filePath(name);
        if (!QDir().mkpath(QFileInfo(target).path())) {
            *error = QStringLiteral("cannot create the directory of %1").arg(target);
            return -1;
        }
        std::unique_ptr<zip_file_t, decltype(&zip_fclose)> in(zip_fopen_index(z.get(), zip_uint64_t(i), 0), &zip_fclose);
        QSaveFile out(target);
        if (!in || !out.open(QIODevice::WriteOnly)) {
            *error = QStringLiteral("cannot unpack %1: %2").arg(name, in ? out.errorString() : QString::fromUtf8(zip_strerror(z.get())));
            return -1;
        }
        char buffer[64 * 1024];
        for (;;) {
            const zip_int64_t n = zip_fread(in.get(), buffer, sizeof buffer);
            if (n < 0) {
                *error = QStringLiteral("cannot unpack %1: %2").arg(name, QString::fromUtf8(zip_file_strerror(in.get())));
                return -1;
            }
            if (n == 0)
                break;
            if (out.write(buffer, n) != n) {
                *error = QStringLiteral("cannot write %1: %2").arg(target, out.errorString());
                return -1;
            }
        }
        if (!out.commit()) {
            *error = QStringLiteral("cannot write %1: %2").arg(target, out.errorString());
            return -1;
        }
        ++written;
    }
    return written;
}

} // namespace collab::cli
