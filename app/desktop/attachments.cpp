#include "attachments.h"

#include "client/filetransfer.h"

#include <QApplication>
#include <QCoreApplication>
#include <QLocale>
#include <QBuffer>
#include <QFile>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QImageReader>
#include <QLabel>
#include <QMessageBox>
#include <QMimeData>
#include <QPainter>
#include <QPushButton>
#include <QSaveFile>
#include <QStyle>
#include <QThreadPool>
#include <QToolButton>
#include <QUrl>

namespace collab::desktop {

namespace {

constexpr int kCardHeightLines = 2; // name, then size · type
constexpr int kCardPad = 6;
constexpr int kCardWidth = 320;
constexpr int kSpacing = 4;

QString typeLabel(const QString &type)
{
    if (type == QLatin1String("application/pdf"))
        return QStringLiteral("PDF");
    if (type == QLatin1String("application/zip"))
        return QCoreApplication::translate("collab::desktop::Attachments", "ZIP archive");
    if (type == QLatin1String("application/gzip"))
        return QCoreApplication::translate("collab::desktop::Attachments", "gzip archive");
    if (type.startsWith(QLatin1String("text/plain")))
        return QCoreApplication::translate("collab::desktop::Attachments", "text", "a file's type");
    if (type.startsWith(QLatin1String("image/")))
        return QCoreApplication::translate("collab::desktop::Attachments", "%1 image").arg(type.mid(6).toUpper());
    return QCoreApplication::translate("collab::desktop::Attachments", "file", "a file's type");
}

// One attachment's box: a thumbnail's size, or a card's.
QSize boxSize(const FileRef &file, const ThumbnailCache *thumbnails, const QFont &font)
{
    if (thumbnails && thumbnails->state(file.id) == ThumbnailCache::State::Ready) {
        const QImage image = thumbnails->image(file.id);
        return image.size() / std::max<qreal>(1.0, image.devicePixelRatio());
    }
    return QSize(kCardWidth, QFontMetrics(font).height() * kCardHeightLines + 2 * kCardPad);
}

} // namespace

Thumbnail decodeThumbnail(const QByteArray &bytes, const QString &type)
{
    // One decoder, chosen by the type the server sniffed (or the same signatures here): the
    // bytes never pick another of Qt's image plugins (SVG, TIFF, ...).
    QByteArray format;
    if (type == QLatin1String("image/png") || (type.isEmpty() && bytes.startsWith("\x89PNG\r\n\x1a\n")))
        format = "png";
    else if (type == QLatin1String("image/jpeg") || (type.isEmpty() && bytes.startsWith("\xff\xd8\xff")))
        format = "jpeg";
    else if (type == QLatin1String("image/gif") || (type.isEmpty() && bytes.startsWith("GIF8")))
        format = "gif";
    else if (type == QLatin1String("image/webp") || (type.isEmpty() && bytes.size() >= 12 && bytes.mid(8, 4) == "WEBP"))
        format = "webp";
    if (format.isEmpty())
        return {QImage(), QCoreApplication::translate("collab::desktop::Attachments", "not an image this app can show")};
    QBuffer buffer;
    buffer.setData(bytes);
    buffer.open(QIODevice::ReadOnly);
    QImageReader reader(&buffer, format);
    reader.setAllocationLimit(ThumbnailLimits::AllocationLimitMb);
    reader.setDecideFormatFromContent(false);
    if (!reader.canRead())
        return {QImage(), QCoreApplication::translate("collab::desktop::Attachments", "not an image this app can show")};
    // The header's size, read before any pixel: a 100-byte PNG may declare 100000 × 100000.
    const QSize size = reader.size();
    if (!size.isValid() || size.isEmpty())
        return {QImage(), QCoreApplication::translate("collab::desktop::Attachments", "the image does not say its size")};
    if (size.width() > ThumbnailLimits::MaxSide || size.height() > ThumbnailLimits::MaxSide
        || qint64(size.width()) * size.height() > ThumbnailLimits::MaxPixels)
        return {QImage(), QCoreApplication::translate("collab::desktop::Attachments", "not shown: the image declares %1 × %2 pixels").arg(size.width()).arg(size.height())};
    const QSize bound(ThumbnailLimits::ThumbnailWidth, ThumbnailLimits::ThumbnailHeight);
    if (size.width() > bound.width() || size.height() > bound.height())
        reader.setScaledSize(size.scaled(bound, Qt::KeepAspectRatio)); // JPEG scales while decoding
    QImage image = reader.read();
    if (image.isNull())
        return {QImage(), QCoreApplication::translate("collab::desktop::Attachments", "the image could not be read: %1").arg(reader.errorString())};
    if (image.width() > bound.width() || image.height() > bound.height())
        image = image.scaled(bound, Qt::KeepAspectRatio, Qt::SmoothTransformation);
    return {image, QString()};
}

ThumbnailCache::ThumbnailCache(client::FileTransfer *files, QString course, QObject *parent)
    : QObject(parent), m_files(files), m_course(std::move(course))
{
}

ThumbnailCache::~ThumbnailCache() = default;

ThumbnailCache::State ThumbnailCache::state(const QString &fileId) const
{
    return m_states.value(fileId, State::None);
}

void ThumbnailCache::request(const FileRef &file)
{
    if (m_states.contains(file.id) || !file.isImage() || file.size > ThumbnailLimits::MaxSourceBytes || !m_files)
        return;
    m_states.insert(file.id, State::Loading);
    ++m_decoding;
    const QPointer<ThumbnailCache> self(this);
    m_files->download(m_course, file.id, file.size, [self, id = file.id, type = file.type](const client::FileTransferResult &r) {
        if (!self)
            return;
        if (!r.ok)
            return self->decoded(id, {QImage(), tr("not downloaded: %1").arg(r.error)});
        // Decoding is the costly, risky part: a worker thread, never the GUI thread.
        QThreadPool::globalInstance()->start([self, id, type, bytes = r.bytes] {
            const Thumbnail thumbnail = decodeThumbnail(bytes, type);
            if (ThumbnailCache *target = self.data())
                QMetaObject::invokeMethod(
                    target, [self, id, thumbnail] { if (self) self->decoded(id, thumbnail); }, Qt::QueuedConnection);
        });
    });
}

void ThumbnailCache::decoded(const QString &fileId, const Thumbnail &thumbnail)
{
    --m_decoding;
    if (thumbnail.image.isNull()) {
        m_states.insert(fileId, State::Failed);
        m_errors.insert(fileId, thumbnail.error);
    } else {
        m_states.insert(fileId, State::Ready);
        m_images.insert(fileId, thumbnail.image);
    }
    Q_EMIT changed(fileId);
}

namespace filecards {

QString sizeText(qint64 bytes)
{
    if (bytes < 1000)
        return QCoreApplication::translate("collab::desktop::Attachments", "%n byte(s)", nullptr, int(bytes));
    if (bytes < 1000 * 1000)
        return QStringLiteral("%1 KB").arg(QLocale().toString(double(bytes) / 1e3, 'f', bytes < 10000 ? 1 : 0));
    return QStringLiteral("%1 MB").arg(QLocale().toString(double(bytes) / 1e6, 'f', 1));
}

QString cardText(const FileRef &file)
{
    return QStringLiteral("%1 \u2014 %2 \u00b7 %3").arg(file.name, sizeText(file.size), typeLabel(file.type));
}

int height(const QList<FileRef> &files, const ThumbnailCache *thumbnails, const QFont &font)
{
    int h = 0;
    for (const FileRef &f : files)
        h += boxSize(f, thumbnails, font).height() + kSpacing;
    return h;
}

int fileAt(const QRect &area, const QList<FileRef> &files, const ThumbnailCache *thumbnails, const QFont &font, const QPoint &pos)
{
    int top = area.top();
    for (int i = 0; i < files.size(); ++i) {
        const QSize size = boxSize(files[i], thumbnails, font);
        if (QRect(QPoint(area.left(), top), size).contains(pos))
            return i;
        top += size.height() + kSpacing;
    }
    return -1;
}

void paint(QPainter *painter, const QRect &area, const QList<FileRef> &files, const ThumbnailCache *thumbnails,
           const QPalette &palette, const QFont &font)
{
    painter->save();
    const QFontMetrics fm(font);
    int top = area.top();
    for (const FileRef &f : files) {
        const QSize size = boxSize(f, thumbnails, font);
        const QRect box(QPoint(area.left(), top), size);
        if (thumbnails && thumbnails->state(f.id) == ThumbnailCache::State::Ready) {
            painter->drawImage(box, thumbnails->image(f.id));
        } else {
            // A card: the name, then its size and type, or why the image is not shown.
            painter->setPen(palette.color(QPalette::Mid));
            painter->setBrush(palette.color(QPalette::AlternateBase));
            painter->drawRoundedRect(box.adjusted(0, 0, -1, -1), 4, 4);
            painter->setPen(palette.color(QPalette::Text));
            const QRect text = box.adjusted(kCardPad, kCardPad, -kCardPad, -kCardPad);
            // A file icon from the style, not an emoji: without an emoji font that is a missing-glyph box.
            const int icon = fm.height();
            QApplication::style()->standardIcon(QStyle::SP_FileIcon).paint(painter, QRect(text.topLeft(), QSize(icon, icon)));
            painter->drawText(QRect(text.left() + icon + 4, text.top(), text.width() - icon - 4, fm.height()), Qt::AlignLeft,
                              fm.elidedText(f.name, Qt::ElideMiddle, text.width() - icon - 4));
            QString detail = QCoreApplication::translate("collab::desktop::Attachments", "%1 · %2 · click to save").arg(sizeText(f.size), typeLabel(f.type));
            if (thumbnails && f.isImage()) {
                if (thumbnails->state(f.id) == ThumbnailCache::State::Loading)
                    detail = QCoreApplication::translate("collab::desktop::Attachments", "%1 · loading the image…").arg(sizeText(f.size));
                else if (thumbnails->state(f.id) == ThumbnailCache::State::Failed)
                    detail = QCoreApplication::translate("collab::desktop::Attachments", "⚠ %1 · click to save").arg(thumbnails->error(f.id));
            }
            painter->setPen(palette.color(QPalette::PlaceholderText));
            painter->drawText(QRect(text.left(), text.top() + fm.height(), text.width(), fm.height()), Qt::AlignLeft,
                              fm.elidedText(detail, Qt::ElideRight, text.width()));
        }
        top += size.height() + kSpacing;
    }
    painter->restore();
}

} // namespace filecards

AttachmentTray::AttachmentTray(QWidget *parent) : QWidget(parent), m_chips(new QHBoxLayout), m_attach(new QPushButton(this))
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 0, 8, 0);
    m_attach->setObjectName(QStringLiteral("attachButton"));
    // The icon theme's paper clip where there is one, else the style's file icon: never an emoji in
    // the window's chrome (without an emoji font it is a missing-glyph box).
    m_attach->setIcon(QIcon::fromTheme(QStringLiteral("mail-attachment"), style()->standardIcon(QStyle::SP_FileIcon)));
    m_attach->setText(tr("Attach…"));
    m_attach->setToolTip(tr("Attach files to your next message (or drop them on the chat, or paste an image)"));
    m_attach->setAccessibleName(tr("Attach files"));
    // Not flat: a flat button shows no focus, and Tab reaches it (after the composer's options).
    layout->addWidget(m_attach);
    layout->addLayout(m_chips, 1);
    connect(m_attach, &QPushButton::clicked, this, &AttachmentTray::attachRequested);
    rebuild();
}

QString AttachmentTray::addFile(const QString &path)
{
    const QFileInfo info(path);
    if (!info.isFile())
        return tr("%1 is not a file").arg(info.fileName());
    if (info.size() > MaxFileBytes)
        return tr("%1 is too large (%2)").arg(info.fileName(), filecards::sizeText(info.size()));
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return tr("%1 cannot be read: %2").arg(info.fileName(), file.errorString());
    return addBytes(info.fileName(), file.readAll());
}

QString AttachmentTray::addBytes(const QString &name, const QByteArray &bytes)
{
    if (m_files.size() >= MaxFiles)
        return tr("a message carries at most %n file(s)", nullptr, MaxFiles);
    m_files.append(DraftFile{name, bytes});
    rebuild();
    Q_EMIT changed();
    return {};
}

bool AttachmentTray::holdsAttachable(const QMimeData *mime)
{
    if (!mime)
        return false;
    if (mime->hasImage())
        return true;
    for (const QUrl &url : mime->urls())
        if (url.isLocalFile())
            return true;
    return false;
}

bool AttachmentTray::addMime(const QMimeData *mime, QString *error)
{
    if (!holdsAttachable(mime))
        return false;
    QStringList problems;
    bool local = false;
    for (const QUrl &url : mime->urls()) {
        if (!url.isLocalFile())
            continue;
        local = true;
        if (const QString e = addFile(url.toLocalFile()); !e.isEmpty())
            problems << e;
    }
    if (!local && mime->hasImage()) {
        // A screenshot from the clipboard: sent as PNG, whatever it was copied as.
        const QImage image = qvariant_cast<QImage>(mime->imageData());
        QByteArray png;
        QBuffer buffer(&png);
        buffer.open(QIODevice::WriteOnly);
        if (image.isNull() || !image.save(&buffer, "PNG"))
            problems << tr("the pasted image could not be read");
        else if (const QString e = addBytes(QStringLiteral("pasted-image.png"), png); !e.isEmpty())
            problems << e;
    }
    if (error)
        *error = problems.join(QStringLiteral("; "));
    return true;
}

void AttachmentTray::remove(int index)
{
    if (index < 0 || index >= m_files.size() || m_uploading)
        return;
    m_files.removeAt(index);
    rebuild();
    Q_EMIT changed();
}

void AttachmentTray::clear()
{
    m_files.clear();
    rebuild();
    Q_EMIT changed();
}

void AttachmentTray::rebuild()
{
    while (QLayoutItem *item = m_chips->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    for (int i = 0; i < m_files.size(); ++i) {
        auto *chip = new QToolButton(this);
        chip->setObjectName(QStringLiteral("attachment%1").arg(i));
        chip->setText(QStringLiteral("%1 (%2)  ✕").arg(m_files[i].name, filecards::sizeText(m_files[i].bytes.size())));
        chip->setToolTip(tr("Remove %1 from the message").arg(m_files[i].name));
        chip->setAccessibleName(chip->toolTip());
        chip->setAutoRaise(true);
        connect(chip, &QToolButton::clicked, this, [this, i] { remove(i); });
        m_chips->addWidget(chip);
    }
    m_chips->addStretch(1);
}

void AttachmentTray::upload(client::FileTransfer *files, const QString &course,
                            std::function<void(const QStringList &, const QString &)> done)
{
    m_uploading = true;
    m_attach->setEnabled(false);
    uploadNext(files, course, 0, {}, std::move(done));
}

void AttachmentTray::uploadNext(client::FileTransfer *files, const QString &course, int next, QStringList ids,
                                std::function<void(const QStringList &, const QString &)> done)
{
    if (next >= m_files.size()) {
        m_uploading = false;
        m_attach->setEnabled(true);
        return done(ids, QString());
    }
    const QPointer<AttachmentTray> self(this);
    const QString name = m_files[next].name;
    files->upload(course, name, m_files[next].bytes,
                  [self, files, course, next, ids, name, done = std::move(done)](const client::FileTransferResult &r) mutable {
                      if (!self)
                          return;
                      if (!r.ok) {
                          self->m_uploading = false;
                          self->m_attach->setEnabled(true);
                          return done({}, tr("%1 was not attached: %2").arg(name, r.error));
                      }
                      ids << r.file.id;
                      self->uploadNext(files, course, next + 1, ids, std::move(done));
                  });
}

void saveAttachment(QWidget *parent, client::FileTransfer *files, const QString &course, const FileRef &file,
                    std::function<QString(const QString &suggested)> chooseFile)
{
    const QString target = chooseFile(file.name);
    if (target.isEmpty())
        return;
    const QPointer<QWidget> window(parent);
    files->download(course, file.id, file.size, [window, target, file](const client::FileTransferResult &r) {
        QString problem = r.ok ? QString() : r.error;
        if (r.ok) {
            QSaveFile out(target);
            if (!out.open(QIODevice::WriteOnly) || out.write(r.bytes) != r.bytes.size() || !out.commit())
                problem = out.errorString();
        }
        if (!problem.isEmpty() && window)
            QMessageBox::warning(window, QCoreApplication::translate("collab::desktop::Attachments", "Save file"), QCoreApplication::translate("collab::desktop::Attachments", "%1 was not saved: %2").arg(file.name, problem));
    });
}

} // namespace collab::desktop
