#pragma once

// Helpers for the desktop suites: a course session with its main window against TestServer.
#include "coursesession.h"
#include "mainwindow.h"

#include "testserver.h"

#include <QTest>

#include <memory>

struct DesktopPeer
{
    std::unique_ptr<collab::desktop::CourseSession> session;
    std::unique_ptr<collab::desktop::MainWindow> window;
};

inline std::unique_ptr<DesktopPeer> openPeer(const TestServer &server, const QString &user)
{
    auto peer = std::make_unique<DesktopPeer>();
    collab::desktop::SessionParams p;
    p.url = server.wsUrl();
    p.user = user;
    p.course = QStringLiteral("CECS327");
    p.joinCode = QLatin1String(TestServer::JoinCode);
    peer->session = std::make_unique<collab::desktop::CourseSession>(p);
    peer->window = std::make_unique<collab::desktop::MainWindow>(peer->session.get());
    peer->window->resize(1100, 700);
    peer->window->show();
    peer->session->start();
    return peer;
}
