#pragma once

// The desktop suites' one fixture: desktop windows (a CourseSession and its MainWindow each) logged
// in to a server, every model they show checked by QAbstractItemModelTester (failures reported
// through QtTest, in the test function that caused them) while the test drives the windows as a
// user would. DesktopFixture adds the TestServer and the usual two users; openWindow() logs in any
// other window (a guest of a hosted server, a restarted app); checkModels() watches the models of
// a session the test did not open itself (the app's own, when it hosts).
#include "coursesession.h"
#include "mainwindow.h"
#include "modelchecks.h"

#include "testserver.h"

#include <QTest>

#include <memory>

struct DesktopPeer
{
    std::unique_ptr<collab::desktop::CourseSession> session;
    std::unique_ptr<collab::desktop::MainWindow> window; // destroyed first: it shows the session
};

// A window logged in with `params`, shown and started, its models checked.
inline std::unique_ptr<DesktopPeer> openWindow(const collab::desktop::SessionParams &params)
{
    auto peer = std::make_unique<DesktopPeer>();
    peer->session = std::make_unique<collab::desktop::CourseSession>(params);
    checkModels(peer->session.get());
    peer->window = std::make_unique<collab::desktop::MainWindow>(peer->session.get());
    peer->window->resize(1100, 700);
    peer->window->show();
    peer->session->start();
    return peer;
}

// A TestServer and two users in CECS327, each in a window: a (angie.nguyen) and b (ben.ortiz).
class DesktopFixture
{
public:
    // Starts the server and opens both windows; ready() says when both sessions are.
    bool start()
    {
        server = std::make_unique<TestServer>();
        if (!server->start())
            return false;
        a = open(QStringLiteral("angie.nguyen"));
        b = open(QStringLiteral("ben.ortiz"));
        return true;
    }
    bool ready() const { return a->session->isReady() && b->session->isReady(); }
    void stop()
    {
        a.reset();
        b.reset();
        server.reset();
    }

    // The login a window of CECS327 on this server has (the test adds directories, a secret, ...).
    collab::desktop::SessionParams params(const QString &user) const
    {
        collab::desktop::SessionParams p;
        p.url = server->wsUrl();
        p.user = user;
        p.course = QString::fromLatin1(TestServer::Course);
        p.joinCode = QString::fromLatin1(TestServer::JoinCode);
        return p;
    }
    // Another user's window on this server.
    std::unique_ptr<DesktopPeer> open(const QString &user) const { return openWindow(params(user)); }

    std::unique_ptr<TestServer> server;
    std::unique_ptr<DesktopPeer> a;
    std::unique_ptr<DesktopPeer> b;
};
