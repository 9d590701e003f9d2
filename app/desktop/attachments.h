#pragma once

#include "model/chatmessage.h"

#include <QHash>
#include <QImage>
#include <QList>
#include <QMetaType>
#include <QObject>
#include <QPointer>
#include <QWidget>

#include <functional>

class QHBoxLayout;
class QMimeData;
class QPainter;
class QPushButton;

namespace collab::client {
class FileTransfer;
}

namespace collab::desktop {

class CourseSession;

// Files and images in chat (issue 15, part 3; docs/desktop.md, "Files and images").

// What a thumbnail decode came to: the image, or why there is none.
struct Thumbnail
{
    QImage image;
    QString error;
};

// The bounds of decoding an attached image, against decompression bombs: an image whose header
// declares more pixels than this is never decoded, and Qt's image reader may not allocate more
// than AllocationLimitMb for it, whatever the header said.
struct ThumbnailLimits
{
    static constexpr qint64 MaxPixels = 4096 * 4096;   // 64 MiB as RGBA: the largest image decoded
    static constexpr int MaxSide = 16384;
    static constexpr int AllocationLimitMb = 80;       // QImageReader::setAllocationLimit
    static constexpr qint64 MaxSourceBytes = 25 * 1000 * 1000; // bigger files stay a card
    static constexpr int ThumbnailWidth = 320;
    static constexpr int ThumbnailHeight = 200;
};

// Decodes `bytes` into a thumbnail of at most ThumbnailWidth × ThumbnailHeight, checking the
// declared size before decoding. `type` (the server's sniffed type: image/png, image/jpeg,
// image/gif, image/webp) picks the one decoder used; the bytes never choose another (no SVG, no
// other plugin). Empty: PNG, JPEG, GIF or WEBP by the bytes' signature. Pure: runs on any thread
// (ThumbnailCache runs it off the GUI thread).
Thumbnail decodeThumbnail(const QByteArray &bytes, const QString &type = {});

// The thumbnails of a course's image attachments: downloaded (FileTransfer) and decoded on a
// worker thread, never on the GUI thread; `changed(fileId)` when one is ready or failed.
class ThumbnailCache : public QObject
{
    Q_OBJECT
public:
    enum class State { None, Loading, Ready, Failed };

    ThumbnailCache(client::FileTransfer *files, QString course, QObject *parent = nullptr);
    ~ThumbnailCache() override;

    // Starts loading `file` unless it is known; only images (FileRef::isImage) up to
    // MaxSourceBytes are loaded, anything else stays a card.
    void request(const FileRef &file);
    State state(const QString &fileId) const;
    QImage image(const QString &fileId) const { return m_images.value(fileId); }
    QString error(const QString &fileId) const { return m_errors.value(fileId); }
    // Decodes running or queued (tests wait for none).
    int decoding() const { return m_decoding; }

Q_SIGNALS:
    void changed(const QString &fileId);

private:
    void decoded(const QString &fileId, const Thumbnail &thumbnail);

    QPointer<client::FileTransfer> m_files;
    QString m_course;
    QHash<QString, State> m_states;
    QHash<QString, QImage> m_images;
    QHash<QString, QString> m_errors;
    int m_decoding = 0;
};

// The cards under a message's text: a thumbnail for an image that decoded, a card (name, size,
// type) for anything else or an image that did not. Laid out and hit-tested by the same code
// that paints them (ChatDelegate calls these).
namespace filecards {
int height(const QList<FileRef> &files, const ThumbnailCache *thumbnails, const QFont &font);
void paint(QPainter *painter, const QRect &area, const QList<FileRef> &files, const ThumbnailCache *thumbnails,
           const QPalette &palette, const QFont &font);
// The file under `pos` (in the coordinates of `area`), or -1.
int fileAt(const QRect &area, const QList<FileRef> &files, const ThumbnailCache *thumbnails, const QFont &font, const QPoint &pos);
// "lab2.pdf — 48 KB · PDF"
QString cardText(const FileRef &file);
QString sizeText(qint64 bytes);
} // namespace filecards

// A file chosen to go with the next message, not uploaded yet.
struct DraftFile
{
    QString name;
    QByteArray bytes;
};

// The files waiting to be sent with the next message, above the composer: "Attach…" opens a
// file dialog; files dropped on the chat or pasted into the composer (an image from the
// clipboard becomes a PNG) join too. Each shows as a chip with ✕. Sending uploads them one by one
// (the server sniffs their type and keeps them), then posts the message with their ids; a refusal
// (too large, over the quota) keeps the draft and says why.
class AttachmentTray : public QWidget
{
    Q_OBJECT
public:
    static constexpr int MaxFiles = FileRef::MaxPerMessage;
    static constexpr qint64 MaxFileBytes = 1024LL * 1024 * 1024; // read into memory at most

    explicit AttachmentTray(QWidget *parent = nullptr);

    const QList<DraftFile> &files() const { return m_files; }
    bool isEmpty() const { return m_files.isEmpty(); }
    QPushButton *attachButton() const { return m_attach; }
    // Adds files; an error names what was not added (unreadable, too many, too large).
    QString addFile(const QString &path);
    QString addBytes(const QString &name, const QByteArray &bytes);
    // A paste or a drop: local files, or an image (encoded as PNG). True if it held either.
    bool addMime(const QMimeData *mime, QString *error);
    static bool holdsAttachable(const QMimeData *mime);
    void remove(int index);
    void clear();
    // Uploads the files to `course` through `files`, then calls `done` with their ids (or an error
    // naming the file the server refused; nothing is posted then).
    void upload(client::FileTransfer *files, const QString &course,
                std::function<void(const QStringList &ids, const QString &error)> done);
    bool isUploading() const { return m_uploading; }

Q_SIGNALS:
    void changed();
    // "Attach…" was clicked: the panel shows the file dialog (tests drive addFile directly).
    void attachRequested();

private:
    void rebuild();
    void uploadNext(client::FileTransfer *files, const QString &course, int next, QStringList ids,
                    std::function<void(const QStringList &, const QString &)> done);

    QList<DraftFile> m_files;
    QHBoxLayout *m_chips;
    QPushButton *m_attach;
    bool m_uploading = false;
};

// A card was clicked: ask where to save the file and download it there. The file's bytes are
// written as they came, never opened or run.
void saveAttachment(QWidget *parent, client::FileTransfer *files, const QString &course, const FileRef &file,
                    std::function<QString(const QString &suggested)> chooseFile);

} // namespace collab::desktop
