#pragma once

// QAbstractItemModelTester on the desktop models, reporting through QtTest: a broken model
// contract (rows inserted without their signals, wrong parents, bad role types) fails the test
// function that made the model change.
#include "chatmodel.h"
#include "coursesession.h"
#include "listmodels.h"

#include <QAbstractItemModelTester>

// Checks `model` for as long as it lives (the tester is its child); once per model.
inline void checkModel(QAbstractItemModel *model)
{
    if (!model->findChild<QAbstractItemModelTester *>(QString(), Qt::FindDirectChildrenOnly))
        new QAbstractItemModelTester(model, QAbstractItemModelTester::FailureReportingMode::QtTest, model);
}

// Checks every model `session` feeds: its channels, its members, and each channel's chat, including
// the ones that appear later (new channels, a chat opened by an event).
inline void checkModels(collab::desktop::CourseSession *session)
{
    const auto checkAll = [session] {
        for (const QString &channel : session->channels()->channels())
            checkModel(session->chat(channel));
        for (QAbstractItemModel *model : session->findChildren<QAbstractItemModel *>(QString(), Qt::FindDirectChildrenOnly))
            checkModel(model);
    };
    checkAll();
    QObject::connect(session->channels(), &QAbstractItemModel::modelReset, session, checkAll);
    QObject::connect(session->channels(), &QAbstractItemModel::rowsInserted, session, checkAll);
    QObject::connect(session, &collab::desktop::CourseSession::joinedCourse, session, checkAll);
    QObject::connect(session, &collab::desktop::CourseSession::readyChanged, session, checkAll);
}
