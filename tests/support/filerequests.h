#pragma once

#include "rawhttpclient.h"

#include <QString>

// One member's (or API key's) requests to a course's file routes (POST /api/v1/courses/{course}/files,
// GET …/files/{id}) over raw HTTP, each on a connection of its own: what the file suites send.
class FileRequests
{
public:
    // `authorization`: the Authorization header's value (basicAuthorization() or "Bearer KEY").
    FileRequests(quint16 port, QString course, QByteArray authorization, int timeoutMs = 10000)
        : m_port(port), m_course(std::move(course)), m_authorization(std::move(authorization)), m_timeoutMs(timeoutMs)
    {
    }

    // A null `name` sends no X-File-Name.
    RawHttpAnswer upload(const QByteArray &bytes, const QByteArray &name = "notes.txt",
                         const QByteArray &contentType = "application/octet-stream") const;
    // The stored file's id, or "" (with a warning naming the answer) if the upload was refused.
    QString uploadedId(const QByteArray &bytes, const QByteArray &name = "notes.txt") const;
    RawHttpAnswer download(const QString &id, const QByteArray &extraHeaders = {}) const;

private:
    quint16 m_port;
    QString m_course;
    QByteArray m_authorization;
    int m_timeoutMs;
};
