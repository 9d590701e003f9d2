#include "filerequests.h"

#include <QDebug>
#include <QJsonDocument>
#include <QJsonObject>

RawHttpAnswer FileRequests::upload(const QByteArray &bytes, const QByteArray &name, const QByteArray &contentType) const
{
    return rawExchange(m_port, rawUpload(m_course, m_authorization, name, bytes, contentType), m_timeoutMs);
}

QString FileRequests::uploadedId(const QByteArray &bytes, const QByteArray &name) const
{
    const RawHttpAnswer a = upload(bytes, name);
    if (a.status != 201)
        qWarning() << "upload of" << name << "answered" << a.status << a.body;
    return QJsonDocument::fromJson(a.body).object().value(QLatin1String("id")).toString();
}

RawHttpAnswer FileRequests::download(const QString &id, const QByteArray &extraHeaders) const
{
    return rawExchange(m_port,
                       rawGet("/api/v1/courses/" + m_course.toUtf8() + "/files/" + id.toUtf8(),
                              "Authorization: " + m_authorization + "\r\n" + extraHeaders),
                       m_timeoutMs);
}
