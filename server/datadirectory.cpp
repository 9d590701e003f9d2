#include "datadirectory.h"

#include "logging.h"

#include <QDir>
#include <QFileInfo>

#ifdef Q_OS_UNIX
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

#include <cerrno>
#include <cstring>

namespace collab::server::datadirectory {

#ifndef Q_OS_UNIX
// Windows (COLLAB_PORTABLE): a directory under the user's profile is private to that user by its
// inherited ACL; Qt's permission calls set the owner-only bits it can express. Untested here
// (docs/packaging.md).
QString preparePrivate(const QString &given)
{
    const QString path = QDir::cleanPath(given);
    if (!QDir().mkpath(path))
        return QStringLiteral("cannot create the data directory %1").arg(path);
    QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    return {};
}

QString createPrivateFile(const QString &path)
{
    QFile file(path);
    if (file.exists())
        return {};
    if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly))
        return QStringLiteral("cannot create %1: %2").arg(path, file.errorString());
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    return {};
}

} // namespace collab::server::datadirectory
#else

namespace {

constexpr mode_t OpenToOthers = S_IRWXG | S_IRWXO;

QString modeText(mode_t mode)
{
    return QStringLiteral("%1").arg(uint(mode & 07777), 4, 8, QLatin1Char('0'));
}

QString lastError()
{
    return QString::fromLocal8Bit(std::strerror(errno));
}

// The regular files directly in `dir` (not following symbolic links) made 0600.
QString tightenFiles(const QString &dir)
{
    const QByteArray native = QFile::encodeName(dir);
    DIR *listing = ::opendir(native.constData());
    if (!listing)
        return QStringLiteral("cannot list the data directory %1: %2").arg(dir, lastError());
    int tightened = 0;
    QString error;
    while (const dirent *entry = ::readdir(listing)) {
        struct stat st{};
        if (::fstatat(::dirfd(listing), entry->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISREG(st.st_mode)
            || (st.st_mode & OpenToOthers) == 0)
            continue;
        if (::fchmodat(::dirfd(listing), entry->d_name, S_IRUSR | S_IWUSR, 0) != 0) {
            error = QStringLiteral("%1/%2 is open to other users (mode %3) and cannot be made private: %4")
                        .arg(dir, QFile::decodeName(entry->d_name), modeText(st.st_mode), lastError());
            break;
        }
        ++tightened;
    }
    ::closedir(listing);
    if (tightened > 0)
        qCWarning(lcServer).noquote() << tightened << "file(s) in" << dir << "were open to other users: now 0600";
    return error;
}

} // namespace

QString preparePrivate(const QString &given)
{
    const QString path = QDir::cleanPath(given); // "data/" and "data" are one directory
    const QString parent = QFileInfo(path).absolutePath();
    if (!QDir().mkpath(parent))
        return QStringLiteral("cannot create the data directory %1").arg(path);
    const QByteArray native = QFile::encodeName(path);
    if (::mkdir(native.constData(), S_IRWXU) == 0)
        return {}; // new (0700: the umask only takes bits away), so empty
    if (errno != EEXIST)
        return QStringLiteral("cannot create the data directory %1: %2").arg(path, lastError());
    struct stat st{};
    if (::stat(native.constData(), &st) != 0 || !S_ISDIR(st.st_mode))
        return QStringLiteral("the data directory %1 is not a directory").arg(path);
    if ((st.st_mode & OpenToOthers) != 0) {
        if (::chmod(native.constData(), S_IRWXU) != 0)
            return QStringLiteral("the data directory %1 is open to other users (mode %2) and cannot be made private: %3 "
                                  "(chmod 700 it)")
                .arg(path, modeText(st.st_mode), lastError());
        qCWarning(lcServer).noquote() << "the data directory" << path << "was open to other users (mode"
                                      << modeText(st.st_mode) + QStringLiteral("): now 0700");
    }
    return tightenFiles(path); // also in a private directory: files an older version left 0644
}

QString createPrivateFile(const QString &path)
{
    const QByteArray native = QFile::encodeName(path);
    const int fd = ::open(native.constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, S_IRUSR | S_IWUSR);
    if (fd >= 0) {
        ::close(fd);
        return {};
    }
    if (errno == EEXIST)
        return {};
    return QStringLiteral("cannot create %1: %2").arg(path, lastError());
}

} // namespace collab::server::datadirectory
#endif // Q_OS_UNIX
