#include "files/filestore.h"

#include "logging.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>

#ifdef Q_OS_UNIX
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

#include <cerrno>
#include <cstring>

namespace collab::server {

namespace {

ProtocolError storageError(const QString &what)
{
    // Retryable: a full disk or an unreachable shared directory may come back; nothing was kept.
    ProtocolError e = ProtocolError::make(ErrorCode::Unavailable, QStringLiteral("the file store could not %1").arg(what));
    e.retryAfterMs = 1000;
    return e;
}

// The few file operations that need the operating system's own calls for durability. POSIX:
// fsync of the file and of the directory that got its entry, so that a file created and renamed
// survives a crash. Elsewhere (the portable build's other platforms) Qt's calls: the bytes are
// flushed but not forced to the disk, and a directory is not synced (docs/operations.md, "Files").
#ifdef Q_OS_UNIX
bool syncDirectory(const QString &path)
{
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return false;
    const bool ok = ::fsync(fd) == 0;
    ::close(fd);
    return ok;
}

bool createDirectory(const QString &path)
{
    return ::mkdir(QFile::encodeName(path).constData(), 0750) == 0 || errno == EEXIST;
}

bool writeAll(int fd, const QByteArray &bytes)
{
    qsizetype done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.constData() + done, size_t(bytes.size() - done));
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return false;
        }
        done += n;
    }
    return true;
}

// A new file `path` (it must not exist) with `bytes`, on the disk when this returns true.
bool writeNewFile(const QString &path, const QByteArray &bytes)
{
    const QByteArray name = QFile::encodeName(path);
    const int fd = ::open(name.constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0640);
    if (fd < 0)
        return false;
    const bool written = writeAll(fd, bytes) && ::fsync(fd) == 0;
    const int writeErrno = errno;
    const bool closed = ::close(fd) == 0;
    if (!written || !closed) {
        ::unlink(name.constData());
        errno = writeErrno;
        return false;
    }
    return true;
}

// Atomically replaces `to` (if it exists) with `from`.
bool renameOver(const QString &from, const QString &to)
{
    return ::rename(QFile::encodeName(from).constData(), QFile::encodeName(to).constData()) == 0;
}

std::optional<qint64> regularFileSize(const QString &path)
{
    struct stat st;
    if (::stat(QFile::encodeName(path).constData(), &st) != 0 || !S_ISREG(st.st_mode))
        return std::nullopt;
    return qint64(st.st_size);
}

bool removeFile(const QString &path)
{
    return ::unlink(QFile::encodeName(path).constData()) == 0 || errno == ENOENT;
}
#else
bool syncDirectory(const QString &) { return true; }

bool createDirectory(const QString &path) { return QDir().mkdir(path) || QFileInfo(path).isDir(); }

bool writeNewFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly))
        return false;
    const bool written = file.write(bytes) == bytes.size() && file.flush();
    file.close();
    if (!written)
        QFile::remove(path);
    return written;
}

bool renameOver(const QString &from, const QString &to)
{
    // QFile::rename does not replace: the same bytes already there (another node's copy) will do.
    if (QFileInfo(to).isFile())
        return QFile::remove(from);
    return QFile::rename(from, to);
}

std::optional<qint64> regularFileSize(const QString &path)
{
    const QFileInfo info(path);
    if (!info.isFile())
        return std::nullopt;
    return info.size();
}

bool removeFile(const QString &path) { return QFile::remove(path) || !QFileInfo::exists(path); }
#endif

// Creates `path` and any missing parent below `root`, syncing each parent it added an entry to.
bool makeDirectory(const QString &root, const QString &path)
{
    if (QFileInfo(path).isDir())
        return true;
    const QString parent = QFileInfo(path).path();
    if (parent != path && parent.size() >= root.size() && !makeDirectory(root, parent))
        return false;
    if (!createDirectory(path))
        return false;
    return syncDirectory(parent);
}

} // namespace

FileStore::FileStore(QString root) : m_root(QDir::cleanPath(std::move(root)))
{
}

bool FileStore::isSha256Hex(const QByteArray &text)
{
    if (text.size() != 64)
        return false;
    for (char c : text)
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
            return false;
    return true;
}

QString FileStore::courseDirectory(const QString &course) const
{
    // Course ids are [A-Za-z0-9._-]{1,64}; the prefix keeps ".." or "." from naming a parent.
    return m_root + QStringLiteral("/c-") + course;
}

QString FileStore::pathOf(const QString &course, const QByteArray &sha256) const
{
    return courseDirectory(course) + QLatin1Char('/') + QLatin1String(sha256.left(2)) + QLatin1Char('/') + QLatin1String(sha256);
}

Result<FileStore::Blob> FileStore::put(const QString &course, const QByteArray &bytes) const
{
    if (m_root.isEmpty())
        return storageError(QStringLiteral("start: no files directory is configured"));
    const QByteArray sha = QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex();
    const QString path = pathOf(course, sha);
    if (std::optional<qint64> size = stat(course, sha); size && *size == bytes.size())
        return Blob{sha, bytes.size(), true};
    const QString directory = QFileInfo(path).path();
    if (!makeDirectory(m_root, directory)) {
        qCWarning(lcStore) << "file store: cannot create" << directory << ":" << std::strerror(errno);
        return storageError(QStringLiteral("create its directory"));
    }
    // A temporary name of its own (two nodes may store the same bytes at once: each renames its
    // own complete copy over the same final name, which is atomic and leaves identical bytes).
    const QString temporary = directory + QStringLiteral("/.tmp-") + QString::number(QRandomGenerator::system()->generate64(), 16);
    if (!writeNewFile(temporary, bytes)) {
        qCWarning(lcStore) << "file store: writing" << temporary << "failed:" << std::strerror(errno);
        return storageError(QStringLiteral("write the file (is the disk full?)"));
    }
    if (!renameOver(temporary, path) || !syncDirectory(directory)) {
        qCWarning(lcStore) << "file store: renaming" << temporary << "failed:" << std::strerror(errno);
        removeFile(temporary);
        return storageError(QStringLiteral("keep the file"));
    }
    return Blob{sha, bytes.size(), false};
}

std::optional<qint64> FileStore::stat(const QString &course, const QByteArray &sha256) const
{
    if (!isSha256Hex(sha256))
        return std::nullopt;
    return regularFileSize(pathOf(course, sha256));
}

std::unique_ptr<QFile> FileStore::open(const QString &course, const QByteArray &sha256) const
{
    if (!isSha256Hex(sha256))
        return nullptr;
    auto file = std::make_unique<QFile>(pathOf(course, sha256));
    if (!file->open(QIODevice::ReadOnly))
        return nullptr;
    return file;
}

std::optional<QByteArray> FileStore::read(const QString &course, const QByteArray &sha256, qint64 offset, qint64 length) const
{
    std::unique_ptr<QFile> file = open(course, sha256);
    if (!file || offset < 0 || length < 0 || (offset > 0 && !file->seek(offset)))
        return std::nullopt;
    QByteArray bytes = file->read(length);
    if (file->error() != QFileDevice::NoError)
        return std::nullopt;
    return bytes;
}

bool FileStore::remove(const QString &course, const QByteArray &sha256) const
{
    if (!isSha256Hex(sha256))
        return false;
    const QString path = pathOf(course, sha256);
    if (!removeFile(path))
        return false;
    return syncDirectory(QFileInfo(path).path()) || !QFileInfo(QFileInfo(path).path()).exists();
}

QList<QByteArray> FileStore::list(const QString &course) const
{
    QList<QByteArray> out;
    QDirIterator it(courseDirectory(course), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QByteArray name = it.next().section(QLatin1Char('/'), -1).toLatin1();
        if (isSha256Hex(name)) // not the temporary files of a put in progress
            out.append(name);
    }
    return out;
}

qint64 FileStore::bytesUsed(const QString &course) const
{
    qint64 total = 0;
    for (const QByteArray &sha : list(course))
        total += stat(course, sha).value_or(0);
    return total;
}

} // namespace collab::server
