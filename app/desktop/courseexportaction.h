#pragma once

#include <QObject>
#include <QPointer>

class QFileDialog;
class QProgressDialog;
class QWidget;

namespace collab::client {
class ExportDownload;
}

namespace collab::desktop {

class CourseSession;

// Course → Export course… (instructors): a save dialog for COURSE-export.zip, then course.export
// for a one-use link and the zip downloaded over HTTP into the chosen file as it arrives
// (client::ExportDownload), with a progress dialog that can cancel. The GUI never waits on it.
class CourseExportAction : public QObject
{
    Q_OBJECT
public:
    CourseExportAction(CourseSession *session, QWidget *window);

    // Opens the save dialog (non-blocking: tests pick the file through it).
    void start();
    // Asks for the link and downloads into `path` (what the save dialog does once a file is chosen).
    void exportTo(const QString &path);
    QFileDialog *saveDialog() const;
    QProgressDialog *progress() const;

Q_SIGNALS:
    // The export ended: saved into `path`, or `error` in words.
    void finished(const QString &path, const QString &error);

private:
    void done(const QString &path, const QString &error);

    CourseSession *m_session;
    QWidget *m_window;
    QPointer<QFileDialog> m_saveDialog;
    QPointer<QProgressDialog> m_progress;
    QPointer<client::ExportDownload> m_download;
};

} // namespace collab::desktop
