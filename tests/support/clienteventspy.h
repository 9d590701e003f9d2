#pragma once

#include "model/courseevent.h"

#include <QSignalSpy>
#include <QStringList>

// The texts of the chat.posted events among those a QSignalSpy on CollabClient::eventReceived
// recorded, in arrival order.
inline QStringList postedTexts(const QSignalSpy &events)
{
    QStringList out;
    for (const QList<QVariant> &args : events) {
        const auto e = args.first().value<collab::CourseEvent>();
        if (e.kind == collab::EventKind::ChatPosted)
            out << e.data.value(QLatin1String("text")).toString();
    }
    return out;
}
