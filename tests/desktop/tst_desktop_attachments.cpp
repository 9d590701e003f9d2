// Files and images in the desktop app (issue 15, part 3), used as a user would, offscreen against a
// real server: Attach… (the file dialog answered by the test), a file dropped on the messages, a
// screenshot pasted into the composer; Enter uploads and posts; the other window shows the image
// as a thumbnail decoded off the GUI thread and the PDF as a card that a click saves where the
// user chose; an image bomb (a tiny PNG declaring 100000 × 100000 pixels) is never decoded and
// stays a card; a file the server refuses keeps the draft and says why.

#include "attachments.h"
#include "chatattachments.h"
#include "chatdelegate.h"
#include "chatmodel.h"
#include "chatpanel.h"
#include "desktopfixture.h"

#include <QBuffer>
#include <QClipboard>
#include <QDropEvent>
#include <QElapsedTimer>
#include <QFile>
#include <QGuiApplication>
#include <QLabel>
#include <QListView>
#include <QMimeData>
#include <QPushButton>
#include <QTemporaryDir>
#include <QToolButton>
#include <QtEndian>

#include <optional>

using namespace collab;
using namespace collab::desktop;

namespace {

// CRC-32 (ISO 3309, as PNG chunks use it).
quint32 crc32(const QByteArray &bytes)
{
    quint32 crc = 0xffffffffu;
    for (char c : bytes) {
        crc ^= quint8(c);
        for (int k = 0; k < 8; ++k)
            crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1u)));
    }
    return crc ^ 0xffffffffu;
}

QByteArray chunk(const char *type, const QByteArray &data)
{
    char word[4];
    qToBigEndian<quint32>(quint32(data.size()), word);
    const QByteArray body = QByteArray(type) + data;
    QByteArray out(word, 4);
    out += body;
    qToBigEndian<quint32>(crc32(body), word);
    return out.append(word, 4);
}

// A well-formed PNG declaring width × height: IHDR, one small IDAT (a few rows' worth of deflated
// zeros) and IEND. What a decompression bomb looks like to a decoder: under a hundred bytes that
// would decode into width × height × 4 bytes.
QByteArray pngBomb(quint32 width, quint32 height)
{
    QByteArray ihdr;
    char word[4];
    qToBigEndian<quint32>(width, word);
    ihdr.append(word, 4);
    qToBigEndian<quint32>(height, word);
    ihdr.append(word, 4);
    ihdr.append("\x08\x06\x00\x00\x00", 5); // 8 bits, RGBA
    const QByteArray zlib = qCompress(QByteArray(4096, '\0'), 9).mid(4); // qCompress prefixes the length
    return QByteArray("\x89PNG\r\n\x1a\n", 8) + chunk("IHDR", ihdr) + chunk("IDAT", zlib) + chunk("IEND", {});
}

QByteArray pngOf(const QImage &image)
{
    QByteArray png;
    QBuffer buffer(&png);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return png;
}

// The viewport point of attachment `file` of row `index` (scanning the row: what a user aims at).
std::optional<QPoint> pointOnFile(QListView *view, ChatDelegate *delegate, const QModelIndex &index, int file)
{
    const QRect rect = view->visualRect(index);
    for (int y = rect.top(); y <= rect.bottom(); y += 2)
        for (int x = rect.left() + 10; x < rect.right(); x += 20)
            if (delegate->fileAt(index, rect, view->font(), QPoint(x, y)) == file)
                return QPoint(x + 4, y + 2);
    return std::nullopt;
}

} // namespace

class TestDesktopAttachments : public QObject, protected DesktopFixture
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString writeFile(const QString &name, const QByteArray &bytes)
    {
        const QString path = m_dir.filePath(name);
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size())
            return {};
        return path;
    }
    // The last stored message of #general in `peer`'s window.
    static const ChatMessage *lastMessage(DesktopPeer &peer)
    {
        ChatModel *general = peer.session->chat(QStringLiteral("general"));
        return general->storedCount() ? general->messageAt(general->storedCount() - 1) : nullptr;
    }

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(startDesktops());
        QTRY_VERIFY_WITH_TIMEOUT(desktopsReady(), 10000);
        m_a->session->setCurrentChannel(QStringLiteral("general"));
        m_b->session->setCurrentChannel(QStringLiteral("general"));
    }
    void cleanup() { stopDesktops(); }

    // The decoder alone: a real image becomes a bounded thumbnail; a bomb is refused from its
    // header, at once, without allocating its pixels.
    void thumbnailsAreBoundedAndBombsRefused()
    {
        QImage wide(1600, 400, QImage::Format_RGB32);
        wide.fill(Qt::darkCyan);
        const Thumbnail ok = decodeThumbnail(pngOf(wide));
        QVERIFY2(ok.error.isEmpty(), qPrintable(ok.error));
        QVERIFY(ok.image.width() <= ThumbnailLimits::ThumbnailWidth && ok.image.height() <= ThumbnailLimits::ThumbnailHeight);
        QCOMPARE(ok.image.width(), ThumbnailLimits::ThumbnailWidth);

        QElapsedTimer timer;
        timer.start();
        const Thumbnail bomb = decodeThumbnail(pngBomb(100000, 100000));
        QVERIFY(bomb.image.isNull());
        QVERIFY2(bomb.error.contains(QStringLiteral("100000 × 100000")), qPrintable(bomb.error));
        qInfo() << "refusing the 100000 x 100000 PNG took" << timer.elapsed() << "ms"; // a measurement, not asserted

        QVERIFY(decodeThumbnail("%PDF-1.4 not an image").image.isNull());
        // An SVG (text, which may carry script) sent as if it were a PNG: the PNG decoder refuses it,
        // no SVG renderer is ever asked.
        const QByteArray svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><rect width=\"10\" height=\"10\"/></svg>";
        QVERIFY(decodeThumbnail(svg, QStringLiteral("image/png")).image.isNull());
        QVERIFY(decodeThumbnail(svg).image.isNull());
        QVERIFY(decodeThumbnail(QByteArray(5000, '\xff')).image.isNull());
    }

    void attachDropPasteSendAndSave()
    {
        ChatPanel *panelA = m_a->window->chatPanel();
        AttachmentTray *tray = panelA->attachmentTray();
        QImage screenshot(640, 480, QImage::Format_RGB32);
        screenshot.fill(QColor(30, 120, 200));
        const QByteArray png = pngOf(screenshot);
        const QByteArray pdf = "%PDF-1.4\n% the lab handout\n";
        const QString pngPath = writeFile(QStringLiteral("error.png"), png);
        const QString pdfPath = writeFile(QStringLiteral("lab2.pdf"), pdf);
        QVERIFY(!pngPath.isEmpty() && !pdfPath.isEmpty());

        // Attach… → the file dialog (answered here) → a chip.
        panelA->attachments()->setChooseFiles([&] { return QStringList{pngPath}; });
        QTest::mouseClick(tray->attachButton(), Qt::LeftButton);
        QCOMPARE(tray->files().size(), 1);
        QCOMPARE(tray->files().first().name, QStringLiteral("error.png"));

        // A file dropped on the messages joins it.
        QListView *viewA = panelA->view();
        QMimeData dropped;
        dropped.setUrls({QUrl::fromLocalFile(pdfPath)});
        const QPoint middle = viewA->viewport()->rect().center();
        QDragEnterEvent enter(middle, Qt::CopyAction, &dropped, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(viewA->viewport(), &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(QPointF(middle), Qt::CopyAction, &dropped, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(viewA->viewport(), &drop);
        QVERIFY(drop.isAccepted());
        QCOMPARE(tray->files().size(), 2);

        // A screenshot pasted into the composer becomes a third file, not text.
        QImage pasted(200, 100, QImage::Format_RGB32);
        pasted.fill(Qt::yellow);
        QGuiApplication::clipboard()->setImage(pasted);
        QTRY_VERIFY(QGuiApplication::clipboard()->mimeData()->hasImage());
        Composer *composer = panelA->composer();
        composer->setFocus();
        QTest::keySequence(composer, QKeySequence::Paste);
        QCOMPARE(tray->files().size(), 3);
        QCOMPARE(tray->files().last().name, QStringLiteral("pasted-image.png"));
        QVERIFY(composer->toPlainText().isEmpty());
        // Changed their mind: ✕ on the pasted one.
        auto *chip = tray->findChild<QToolButton *>(QStringLiteral("attachment2"));
        QVERIFY(chip);
        QTest::mouseClick(chip, Qt::LeftButton);
        QCOMPARE(tray->files().size(), 2);

        // Type and press Enter: uploaded, then posted with both.
        QTest::keyClicks(composer, QStringLiteral("my error, and the handout"));
        QTest::keyClick(composer, Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(lastMessage(*m_b) && lastMessage(*m_b)->files.size() == 2, 10000);
        QVERIFY(tray->isEmpty());
        const ChatMessage *m = lastMessage(*m_b);
        QCOMPARE(m->text, QStringLiteral("my error, and the handout"));
        QCOMPARE(m->files[0].name, QStringLiteral("error.png"));
        QCOMPARE(m->files[0].type, QStringLiteral("image/png"));
        QCOMPARE(m->files[1].type, QStringLiteral("application/pdf"));

        // Ben's window: the image as a thumbnail (downloaded and decoded off the GUI thread), the
        // PDF as a card.
        ThumbnailCache *thumbnails = m_b->session->thumbnails();
        QTRY_COMPARE_WITH_TIMEOUT(thumbnails->state(m->files[0].id), ThumbnailCache::State::Ready, 10000);
        const QImage thumb = thumbnails->image(m->files[0].id);
        QCOMPARE(thumb.size(), QSize(640, 480).scaled(320, 200, Qt::KeepAspectRatio)); // within 320 × 200
        QCOMPARE(thumbnails->state(m->files[1].id), ThumbnailCache::State::None); // a PDF is never decoded
        ChatPanel *panelB = m_b->window->chatPanel();
        QListView *viewB = panelB->view();
        ChatModel *generalB = m_b->session->chat(QStringLiteral("general"));
        const QModelIndex row = generalB->index(generalB->storedCount() - 1);
        QTRY_VERIFY_WITH_TIMEOUT(viewB->visualRect(row).height() > 200, 5000); // the thumbnail's room
        viewB->scrollToBottom();
        QTRY_VERIFY(viewB->viewport()->rect().contains(viewB->visualRect(row).bottomLeft()));

        // A click on the card: the save dialog (answered here), the bytes as they were.
        const QString target = m_dir.filePath(QStringLiteral("saved-lab2.pdf"));
        QString suggested;
        panelB->attachments()->setChooseSaveFile([&](const QString &name) {
            suggested = name;
            return target;
        });
        const std::optional<QPoint> onCard = pointOnFile(viewB, panelB->delegate(), row, 1);
        QVERIFY(onCard.has_value());
        QTest::mouseClick(viewB->viewport(), Qt::LeftButton, Qt::NoModifier, *onCard);
        QCOMPARE(suggested, QStringLiteral("lab2.pdf"));
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(target), 10000);
        QFile saved(target);
        QVERIFY(saved.open(QIODevice::ReadOnly));
        QCOMPARE(saved.readAll(), pdf);
        QVERIFY(!(saved.permissions() & (QFileDevice::ExeOwner | QFileDevice::ExeGroup | QFileDevice::ExeOther)));
    }

    // The bomb travels as a file: Ben's window refuses to decode it and shows a card saying why;
    // the window stays responsive (other messages keep arriving).
    void imageBombStaysACard()
    {
        ChatPanel *panelA = m_a->window->chatPanel();
        QVERIFY(panelA->attachmentTray()->addBytes(QStringLiteral("innocent.png"), pngBomb(100000, 100000)).isEmpty());
        QTest::keyClicks(panelA->composer(), QStringLiteral("look at this"));
        QTest::keyClick(panelA->composer(), Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(lastMessage(*m_b) && lastMessage(*m_b)->files.size() == 1, 10000);
        const FileRef bomb = lastMessage(*m_b)->files.first();
        QCOMPARE(bomb.type, QStringLiteral("image/png"));
        ThumbnailCache *thumbnails = m_b->session->thumbnails();
        QTRY_COMPARE_WITH_TIMEOUT(thumbnails->state(bomb.id), ThumbnailCache::State::Failed, 10000);
        QVERIFY2(thumbnails->error(bomb.id).contains(QStringLiteral("100000 × 100000")), qPrintable(thumbnails->error(bomb.id)));
        QVERIFY(thumbnails->image(bomb.id).isNull());
        m_a->session->sendMessage(QStringLiteral("still here"));
        QTRY_COMPARE_WITH_TIMEOUT(lastMessage(*m_b)->text, QStringLiteral("still here"), 10000);
    }

    // A name the server refuses (a right-to-left override): nothing is posted, the text comes
    // back, the file stays in the tray, and the notice says why.
    void refusedFileKeepsTheDraft()
    {
        ChatPanel *panelA = m_a->window->chatPanel();
        const int before = m_a->session->chat(QStringLiteral("general"))->storedCount();
        QVERIFY(panelA->attachmentTray()->addBytes(QStringLiteral("invoice\u202Efdp.exe"), "MZ not really").isEmpty());
        QTest::keyClicks(panelA->composer(), QStringLiteral("the invoice"));
        QTest::keyClick(panelA->composer(), Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(panelA->noticeLabel()->isVisible(), 10000);
        QVERIFY2(panelA->noticeLabel()->text().contains(QStringLiteral("was not attached")), qPrintable(panelA->noticeLabel()->text()));
        QCOMPARE(panelA->composer()->toPlainText(), QStringLiteral("the invoice"));
        QCOMPARE(panelA->attachmentTray()->files().size(), 1);
        QCOMPARE(m_a->session->chat(QStringLiteral("general"))->storedCount(), before);
    }
};

QTEST_MAIN(TestDesktopAttachments)
#include "tst_desktop_attachments.moc"
