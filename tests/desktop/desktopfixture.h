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
#include "translations.h"

#include "testserver.h"

#include <QTest>

#include <memory>

struct DesktopPeer
{
    std::unique_ptr<collab::desktop::CourseSession> session;
    std::unique_ptr<collab::desktop::MainWindow> window; // destroyed first: it shows the session
};

// A window logged in with `params`, shown and started, its models checked.
// The windows speak English with its plural forms ("1 reply", "2 replies"), as collab-desktop does
// in an English locale, whatever the machine's locale, unless the suite chose a language itself
// (tst_desktop_i18n).
inline std::unique_ptr<DesktopPeer> openWindow(const collab::desktop::SessionParams &params)
{
    if (collab::desktop::Translations::language().isEmpty())
        collab::desktop::Translations::install(QLocale(QLocale::English));
    auto peer = std::make_unique<DesktopPeer>();
    peer->session = std::make_unique<collab::desktop::CourseSession>(params);
    checkModels(peer->session.get());
    peer->window = std::make_unique<collab::desktop::MainWindow>(peer->session.get());
    peer->window->resize(1100, 700);
    peer->window->show();
    peer->session->start();
    return peer;
}

// A TestServer and two users of CECS327, each in a window: m_a (angie.nguyen) and m_b (ben.ortiz).
// A suite's test class derives from QObject and, protected, from DesktopFixture.
class DesktopFixture
{
protected:
    // Starts the server and opens both windows; desktopsReady() says when both sessions are.
    bool startDesktops()
    {
        m_server = std::make_unique<TestServer>();
        if (!m_server->start())
            return false;
        m_a = openPeer(QStringLiteral("angie.nguyen"));
        m_b = openPeer(QStringLiteral("ben.ortiz"));
        return true;
    }
    bool desktopsReady() const { return m_a->session->isReady() && m_b->session->isReady(); }
    void stopDesktops()
    {
        m_a.reset();
        m_b.reset();
        m_server.reset();
    }

    // The login of a window of CECS327 on this server (the test adds directories, a secret, ...).
    collab::desktop::SessionParams paramsFor(const QString &user) const
    {
        collab::desktop::SessionParams p;
        p.url = m_server->wsUrl();
        p.user = user;
        p.course = QString::fromLatin1(TestServer::Course);
        p.joinCode = QString::fromLatin1(TestServer::JoinCode);
        return p;
    }
    // Another user's window on this server.
    std::unique_ptr<DesktopPeer> openPeer(const QString &user) const { return openWindow(paramsFor(user)); }

    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<DesktopPeer> m_a;
    std::unique_ptr<DesktopPeer> m_b;
};
