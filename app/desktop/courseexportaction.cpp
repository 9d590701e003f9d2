#include "courseexportaction.h"

#include "courserequests.h"
#include "coursesession.h"

#include "client/exportdownload.h"
#include "client/servertrust.h"

#include <QDir>
#include <QFileDialog>
#include <QJsonObject>
#include <QProgressDialog>
#include <QStandardPaths>

namespace collab::desktop {

CourseExportAction::CourseExportAction(CourseSession *session, QWidget *window) : QObject(window), m_session(session), m_window(window) {}

QFileDialog *CourseExportAction::saveDialog() const { return m_saveDialog; }
QProgressDialog *CourseExportAction::progress() const { return m_progress; }

void CourseExportAction::start()
{
    if (m_download)
        return; // one at a time: the progress dialog shows the one under way
    const QString course = m_session->course();
    const QString documents = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    auto *dialog = new QFileDialog(m_window, tr("Export %1").arg(course),
                                   QDir(documents).filePath(QStringLiteral("%1-export.zip").arg(course)),
                                   tr("Zip archives (*.zip)"));
    dialog->setObjectName(QStringLiteral("exportSaveDialog"));
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setDefaultSuffix(QStringLiteral("zip"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QFileDialog::fileSelected, this, &CourseExportAction::exportTo);
    m_saveDialog = dialog;
    dialog->open();
}

void CourseExportAction::exportTo(const QString &path)
{
    if (path.isEmpty() || m_download)
        return;
    auto *progress = new QProgressDialog(tr("Exporting %1…").arg(m_session->course()), tr("Cancel"), 0, 0, m_window);
    progress->setObjectName(QStringLiteral("exportProgress"));
    progress->setWindowTitle(tr("Export course"));
    progress->setMinimumDuration(0);
    progress->setAutoClose(false);
    progress->setAutoReset(false);
    progress->setAttribute(Qt::WA_DeleteOnClose);
    m_progress = progress;
    progress->open();

    sendCourseRequest(m_session->client(), this, proto::CourseExport{m_session->course()}, [this, path](const QJsonObject &ack, const QString &error) {
        if (!error.isEmpty())
            return done(path, error);
        if (m_progress && m_progress->wasCanceled())
            return done(path, tr("cancelled"));
        auto *download = new client::ExportDownload(client::webSocketUrl(m_session->params().url), ack.value(QLatin1String("url")).toString(), path,
                                                    m_session->params().caCertificates, this);
        m_download = download;
        connect(download, &client::ExportDownload::progress, this, [this](qint64 received, qint64 total) {
            if (!m_progress)
                return;
            m_progress->setLabelText(tr("Exporting %1… %2 KiB").arg(m_session->course()).arg(received / 1024));
            if (total > 0) {
                m_progress->setMaximum(int(std::min<qint64>(total / 1024, std::numeric_limits<int>::max())));
                m_progress->setValue(int(std::min<qint64>(received / 1024, std::numeric_limits<int>::max())));
            }
        });
        connect(download, &client::ExportDownload::finished, this, [this, download, path](const QString &error) {
            download->deleteLater();
            done(path, error);
        });
        if (m_progress)
            connect(m_progress, &QProgressDialog::canceled, download, &client::ExportDownload::abort);
        download->start();
    });
}

void CourseExportAction::done(const QString &path, const QString &error)
{
    if (m_progress)
        m_progress->close();
    Q_EMIT finished(path, error);
}

} // namespace collab::desktop
