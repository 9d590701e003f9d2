#include "mathrenderer.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QFontInfo>
#include <QFontMetricsF>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QPainter>
#include <QRegularExpression>
#include <QSvgRenderer>
#include <QWebEnginePage>
#include <QWebEngineProfile>
#include <QWebEngineSettings>
#include <QWebEngineUrlRequestInterceptor>

#include <algorithm>

#ifdef Q_OS_UNIX
#include <unistd.h> // geteuid(): Chromium's sandbox and root
#endif

Q_LOGGING_CATEGORY(lcMath, "collab.richtext.math")

namespace collab::richtext {

namespace {
constexpr int kBatch = 64;
constexpr int kBatchTimeoutMs = 20000;
// Start-up may take this many seconds of a running event loop (a tick a second: seconds the GUI
// thread spent blocked elsewhere do not count; Chromium's browser side needs that loop).
constexpr int kStartTimeoutTicks = 60;
constexpr char kReady[] = "collab-math-ready";
constexpr char kResult[] = "collab-math:";

QString mathJaxDir()
{
    const QString configured = qEnvironmentVariable("COLLAB_MATHJAX_DIR");
    return configured.isEmpty() ? QStringLiteral("/usr/share/javascript/mathjax") : configured;
}

// The page: MathJax configured for TeX in, SVG out with glyphs as paths (no font cache, no
// shared defs), no menus or messages; collabTypeset() typesets a batch of formulas in one pass
// and logs each result as one JSON console line.
QString pageHtml()
{
    return QStringLiteral(R"(<!DOCTYPE html><html><head><meta charset="utf-8">
<script type="text/x-mathjax-config">
MathJax.Hub.Config({
  skipStartupTypeset: true, jax: ["input/TeX", "output/SVG"], extensions: [],
  showMathMenu: false, showProcessingMessages: false, messageStyle: "none",
  TeX: { extensions: ["AMSmath.js", "AMSsymbols.js"] },
  SVG: { useFontCache: false, useGlobalCache: false, font: "TeX", linebreaks: { automatic: false } }
});
MathJax.Hub.processSectionDelay = 0;
// A parse error is reported with the formula's script element: remembered on it.
MathJax.Hub.Register.MessageHook("TeX Jax - parse error", function (m) {
  if (m[4]) m[4].collabError = String(m[1]);
});
MathJax.Hub.Register.StartupHook("End", function () { console.log("collab-math-ready"); });
</script>
<script src="MathJax.js"></script>
<script>
// Typesets a batch [[key, tex, display], ...] in one pass and logs one JSON line per formula.
function collabTypeset(batch) {
  var box = document.createElement("div");
  var items = batch.map(function (b) {
    var div = document.createElement("div");
    var script = document.createElement("script");
    script.type = b[2] ? "math/tex; mode=display" : "math/tex";
    script.text = b[1];
    div.appendChild(script);
    box.appendChild(div);
    return { key: b[0], div: div, script: script };
  });
  document.body.appendChild(box);
  MathJax.Hub.Queue(["Typeset", MathJax.Hub, box], function () {
    items.forEach(function (it) {
      var out = { key: it.key, error: it.script.collabError || null };
      var svg = it.div.querySelector("svg");
      if (svg && !out.error) {
        out.svg = new XMLSerializer().serializeToString(svg);
        out.viewBox = svg.getAttribute("viewBox");
      } else if (!out.error) {
        out.error = "MathJax produced nothing";
      }
      console.log("collab-math:" + JSON.stringify(out));
    });
    document.body.removeChild(box);
  });
}
</script></head><body style="font-size:16px"></body></html>)");
}

// Refuses every URL but MathJax's own files: a formula (\href, \require, an image) must not make
// the app fetch anything.
class LocalOnlyInterceptor : public QWebEngineUrlRequestInterceptor
{
public:
    LocalOnlyInterceptor(QString dir, QObject *parent) : QWebEngineUrlRequestInterceptor(parent), m_dir(std::move(dir)) {}
    void interceptRequest(QWebEngineUrlRequestInfo &info) override
    {
        const QUrl url = info.requestUrl();
        const bool allowed = url.isLocalFile()
                             && QDir::cleanPath(url.toLocalFile()).startsWith(m_dir + QLatin1Char('/'));
        if (!allowed && url.scheme() != QLatin1String("data")) {
            qCWarning(lcMath) << "blocked a request from the math page:" << url.toString().left(200);
            info.block(true);
        }
    }

private:
    QString m_dir;
};
} // namespace

class MathPage : public QWebEnginePage
{
public:
    MathPage(QWebEngineProfile *profile, MathRenderer *renderer) : QWebEnginePage(profile, renderer), m_renderer(renderer) {}

protected:
    void javaScriptConsoleMessage(JavaScriptConsoleMessageLevel, const QString &message, int, const QString &) override
    {
        m_renderer->onConsoleMessage(message);
    }
    bool acceptNavigationRequest(const QUrl &, NavigationType, bool isMainFrame) override
    {
        // Only the page itself (set with setHtml) is ever loaded: no navigation away from it.
        if (!isMainFrame || m_loaded)
            return false;
        m_loaded = true;
        return true;
    }

private:
    MathRenderer *m_renderer;
    bool m_loaded = false;
};

namespace {
QPointer<MathRenderer> s_renderer;
}

MathRenderer *MathRenderer::instance()
{
    if (!s_renderer)
        s_renderer = new MathRenderer(QCoreApplication::instance());
    return s_renderer;
}

void MathRenderer::shutDown()
{
    if (!s_renderer)
        return;
    MathRenderer *r = s_renderer;
    r->m_status = Status::Unavailable;
    r->m_unavailableReason = tr("the application is quitting");
    r->m_startTimeout.stop();
    r->m_inFlight.clear();
    r->m_waiting.clear();
    delete r->m_page;
    r->m_page = nullptr;
    delete r->m_profile;
    r->m_profile = nullptr;
}

MathRenderer::MathRenderer(QObject *parent) : QObject(parent)
{
    m_images.setMaxCost(48 * 1024 * 1024);
    m_notify.setSingleShot(true);
    m_notify.setInterval(0);
    connect(&m_notify, &QTimer::timeout, this, &MathRenderer::typeset);
    // A batch that never answers (a formula MathJax chokes on) fails instead of blocking the rest.
    m_batchTimeout.setSingleShot(true);
    m_batchTimeout.setInterval(kBatchTimeoutMs);
    connect(&m_batchTimeout, &QTimer::timeout, this, [this] {
        const auto stuck = std::exchange(m_inFlight, {});
        for (auto it = stuck.cbegin(); it != stuck.cend(); ++it)
            finish(it.key(), Formula{State::Failed, {}, {}, 0, tr("MathJax did not answer in time")});
        pump();
    });
    m_startTimeout.setInterval(1000);
    connect(&m_startTimeout, &QTimer::timeout, this, [this] {
        if (++m_startTicks >= kStartTimeoutTicks)
            giveUp(tr("MathJax did not start in time"));
    });
}

MathRenderer::~MathRenderer()
{
    delete m_page; // before its profile
    m_page = nullptr;
}

QString MathRenderer::key(const QString &tex, bool display)
{
    return (display ? QLatin1Char('D') : QLatin1Char('I')) + tex;
}

void MathRenderer::start()
{
    m_status = Status::Loading;
    const QString dir = QDir::cleanPath(mathJaxDir());
    if (!QFileInfo::exists(dir + QStringLiteral("/MathJax.js")))
        return giveUp(tr("MathJax is not installed (%1)").arg(dir));
    // Chromium refuses to start its sandbox as root (containers, CI). The page runs only MathJax's
    // files on TeX from the chat, with every other request blocked.
#ifdef Q_OS_UNIX
    const bool root = ::geteuid() == 0;
#else
    const bool root = false; // the sandbox-as-root problem is Linux's (and other Unixes')
#endif
    if (root && !qEnvironmentVariableIsSet("QTWEBENGINE_DISABLE_SANDBOX")) {
        qCInfo(lcMath) << "running as root: Chromium's sandbox is off for the math page";
        qputenv("QTWEBENGINE_DISABLE_SANDBOX", "1");
    }
    if (!qEnvironmentVariableIsSet("QTWEBENGINE_CHROMIUM_FLAGS"))
        // A page without a view counts as hidden: without these, Chromium throttles its timers
        // (MathJax's queue runs on them) to one a second.
        qputenv("QTWEBENGINE_CHROMIUM_FLAGS", "--disable-gpu --disable-extensions --renderer-process-limit=1 "
                                              "--disable-background-timer-throttling --disable-renderer-backgrounding "
                                              "--disable-backgrounding-occluded-windows");
    m_profile = new QWebEngineProfile(this); // off the record: nothing written to disk
    m_profile->setHttpCacheType(QWebEngineProfile::MemoryHttpCache);
    m_profile->setUrlRequestInterceptor(new LocalOnlyInterceptor(dir, m_profile));
    m_page = new MathPage(m_profile, this);
    QWebEngineSettings *s = m_page->settings();
    s->setAttribute(QWebEngineSettings::AutoLoadImages, false);
    s->setAttribute(QWebEngineSettings::JavascriptCanOpenWindows, false);
    s->setAttribute(QWebEngineSettings::LocalStorageEnabled, false);
    s->setAttribute(QWebEngineSettings::PluginsEnabled, false);
    s->setAttribute(QWebEngineSettings::LocalContentCanAccessRemoteUrls, false);
    s->setAttribute(QWebEngineSettings::LocalContentCanAccessFileUrls, true);
    connect(m_page, &QWebEnginePage::loadFinished, this, [this](bool ok) {
        if (!ok)
            giveUp(tr("the math page did not load"));
    });
    connect(m_page, &QWebEnginePage::renderProcessTerminated, this,
            [this](QWebEnginePage::RenderProcessTerminationStatus, int code) {
        giveUp(tr("the math renderer process ended (%1)").arg(code));
    });
    // Qt WebEngine tears itself down in a post routine of the application: the page must go before
    // (post routines run last registered first, and WebEngine registered its own just now).
    qAddPostRoutine(&MathRenderer::shutDown);
    m_startTimeout.start();
    m_page->setHtml(pageHtml(), QUrl::fromLocalFile(dir + QLatin1Char('/')));
}

void MathRenderer::giveUp(const QString &reason)
{
    if (m_status == Status::Unavailable)
        return;
    qCWarning(lcMath) << "math typesetting unavailable:" << reason;
    m_status = Status::Unavailable;
    m_unavailableReason = reason;
    m_startTimeout.stop();
    for (auto it = m_inFlight.cbegin(); it != m_inFlight.cend(); ++it)
        m_formulas[it.key()] = Formula{State::Unavailable, {}, {}, 0, reason};
    for (const auto &w : std::as_const(m_waiting))
        m_formulas[key(w.first, w.second)] = Formula{State::Unavailable, {}, {}, 0, reason};
    m_inFlight.clear();
    m_waiting.clear();
    m_notify.start();
}

MathRenderer::Formula MathRenderer::lookup(const QString &tex, bool display) const
{
    if (m_status == Status::Unavailable)
        return Formula{State::Unavailable, {}, {}, 0, m_unavailableReason};
    return m_formulas.value(key(tex, display));
}

MathRenderer::Formula MathRenderer::request(const QString &tex, bool display)
{
    const QString k = key(tex, display);
    if (auto it = m_formulas.constFind(k); it != m_formulas.cend())
        return *it;
    if (m_status == Status::Unavailable)
        return lookup(tex, display);
    if (tex.size() > MaxTexChars) {
        Formula f{State::Failed, {}, {}, 0, tr("longer than %1 characters").arg(MaxTexChars)};
        m_formulas.insert(k, f);
        return f;
    }
    m_formulas.insert(k, Formula{});
    m_waiting.push_back({tex, display});
    if (m_status == Status::NotStarted)
        start();
    else
        pump();
    return Formula{};
}

void MathRenderer::pump()
{
    if (m_status != Status::Ready)
        return;
    // One batch at a time (MathJax typesets a batch in one pass, far faster than one by one).
    if (!m_inFlight.isEmpty() || m_waiting.isEmpty())
        return;
    QJsonArray batch;
    while (!m_waiting.isEmpty() && m_inFlight.size() < kBatch) {
        // Newest first: what was asked for last is what a view is showing now.
        const auto next = m_waiting.takeLast();
        const QString k = key(next.first, next.second);
        m_inFlight.insert(k, next);
        batch.append(QJsonArray{k, next.first, next.second});
    }
    qCDebug(lcMath) << "typesetting" << batch.size() << "formulas";
    const QString json = QString::fromUtf8(QJsonDocument(batch).toJson(QJsonDocument::Compact));
    m_page->runJavaScript(QStringLiteral("collabTypeset(%1);").arg(json));
    m_batchTimeout.start();
}

void MathRenderer::onConsoleMessage(const QString &message)
{
    if (message == QLatin1String(kReady)) {
        m_status = Status::Ready;
        m_startTimeout.stop();
        qCInfo(lcMath) << "MathJax ready";
        pump();
        return;
    }
    if (!message.startsWith(QLatin1String(kResult))) {
        qCDebug(lcMath) << "math page:" << message.left(300);
        return;
    }
    const QJsonObject o = QJsonDocument::fromJson(message.mid(int(qstrlen(kResult))).toUtf8()).object();
    const QString k = o.value(QStringLiteral("key")).toString();
    if (!m_inFlight.remove(k))
        return;
    if (m_inFlight.isEmpty())
        m_batchTimeout.stop();
    Formula f;
    const QString error = o.value(QStringLiteral("error")).toString();
    const QStringList box = o.value(QStringLiteral("viewBox")).toString().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    if (!error.isEmpty() || box.size() != 4) {
        f.state = State::Failed;
        f.error = error.isEmpty() ? tr("MathJax produced no picture") : error;
    } else {
        // MathJax's SVG units: 1000 to the em; the box starts at minus the height above the baseline.
        const qreal y = box.at(1).toDouble();
        const qreal w = box.at(2).toDouble();
        const qreal h = box.at(3).toDouble();
        f.state = State::Ready;
        f.svg = o.value(QStringLiteral("svg")).toString().toUtf8();
        f.sizeEm = QSizeF(w / 1000.0, h / 1000.0);
        f.depthEm = std::max<qreal>(0, (h + y) / 1000.0);
    }
    finish(k, f);
    pump();
}

void MathRenderer::finish(const QString &k, Formula formula)
{
    m_formulas.insert(k, formula);
    if (!m_notify.isActive())
        m_notify.start();
}

MathRenderer::Placement MathRenderer::placement(const Formula &formula, const QFont &font)
{
    Placement p;
    const QFontMetricsF fm(font);
    const qreal fontEm = QFontInfo(font).pixelSize() > 0 ? QFontInfo(font).pixelSize() : fm.height() * 0.8;
    // Match the text's x-height, as MathJax's matchFontHeight does in a browser: TeX's fonts have
    // an x-height of 0.442 em, a UI sans about 0.52-0.56 em, so a formula at the text's em looks a
    // size too small beside it. Bounded so that an odd font cannot blow formulas up.
    constexpr qreal kTexXHeightEm = 0.442;
    const qreal em = fontEm * std::clamp(fm.xHeight() / (kTexXHeightEm * fontEm), 1.0, 1.3);
    p.formula = formula.sizeEm * em;
    const qreal depth = formula.depthEm * em;
    const qreal ascent = p.formula.height() - depth;
    // Qt centres an AlignMiddle object on half the x-height: with the object's height H it puts
    // (H - xHeight/2) / 2 below the baseline. Pad so that this is exactly the formula's depth.
    const qreal halfX = fm.xHeight() / 2.0;
    const qreal diff = depth - ascent + halfX;
    p.padTop = diff > 0 ? diff : 0;
    p.padBottom = diff > 0 ? 0 : -diff;
    p.size = QSizeF(p.formula.width(), p.formula.height() + p.padTop + p.padBottom);
    return p;
}

QByteArray MathRenderer::svg(const QString &tex, bool display, const QColor &color) const
{
    const Formula f = m_formulas.value(key(tex, display));
    if (f.state != State::Ready)
        return {};
    QByteArray out = f.svg;
    out.replace("currentColor", color.name(QColor::HexRgb).toLatin1());
    return out;
}

QImage MathRenderer::image(const QString &tex, bool display, const QFont &font, const QColor &color, qreal dpr)
{
    const Formula f = m_formulas.value(key(tex, display));
    if (f.state != State::Ready)
        return {};
    const Placement p = placement(f, font);
    const QString cacheKey = QStringLiteral("%1|%2|%3|%4").arg(key(tex, display)).arg(p.size.width()).arg(color.rgba()).arg(dpr);
    if (QImage *cached = m_images.object(cacheKey))
        return *cached;
    QSvgRenderer svgRenderer(svg(tex, display, color));
    const QSize px((p.size * dpr).toSize().expandedTo(QSize(1, 1)));
    QImage image(px, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    {
        QPainter painter(&image);
        painter.setRenderHint(QPainter::Antialiasing);
        svgRenderer.render(&painter, QRectF(0, p.padTop * dpr, p.formula.width() * dpr, p.formula.height() * dpr));
    }
    image.setDevicePixelRatio(dpr);
    m_images.insert(cacheKey, new QImage(image), int(image.sizeInBytes()));
    return image;
}

} // namespace collab::richtext
