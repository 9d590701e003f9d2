#pragma once

#include <QCache>
#include <QColor>
#include <QFont>
#include <QHash>
#include <QImage>
#include <QObject>
#include <QPointer>
#include <QSizeF>
#include <QTimer>

class QWebEnginePage;
class QWebEngineProfile;

namespace collab::richtext {

// Typesets TeX with MathJax 2.7 (Debian's libjs-mathjax), whose SVG output draws every glyph as a
// path: the SVG needs no font and QSvgRenderer paints it anywhere (chat rows, the note preview,
// PDF), and HTML export inlines it. MathJax runs in one headless QWebEnginePage (no view) shared
// by every window of the app; a formula is typeset once (cached by TeX and display mode) and
// rasterised once per size and colour. Requests never block: request() answers Pending and
// typeset() is emitted when results have come in, so views lay out again.
//
// The page may load nothing but MathJax's own files (a request interceptor refuses every other
// URL), so a formula cannot make the app fetch anything. As root, Chromium's sandbox cannot run:
// the renderer sets QTWEBENGINE_DISABLE_SANDBOX=1 then (see docs/architecture.md).
class MathRenderer : public QObject
{
    Q_OBJECT
public:
    enum class State { Pending, Ready, Failed, Unavailable };
    struct Formula
    {
        State state = State::Pending;
        QByteArray svg;         // with currentColor for the ink
        QSizeF sizeEm;          // width and height in em of the surrounding font
        qreal depthEm = 0;      // below the baseline
        QString error;          // Failed: MathJax's message; Unavailable: why
    };
    // How a formula sits in a line of `font`: the image size in pixels (padded so that Qt's
    // AlignMiddle puts the formula's baseline on the text's) and the formula's own size.
    struct Placement
    {
        QSizeF size;
        qreal padTop = 0;
        qreal padBottom = 0;
        QSizeF formula;
    };

    static MathRenderer *instance(); // the app's one renderer (GUI thread)
    ~MathRenderer() override;

    // The formula's state; queues it for typesetting when it is new.
    Formula request(const QString &tex, bool display);
    Formula lookup(const QString &tex, bool display) const;
    static Placement placement(const Formula &formula, const QFont &font);
    // The formula painted in `color` at `font`'s size, `dpr` device pixels per pixel (null image
    // unless Ready). Cached per formula, size and colour.
    QImage image(const QString &tex, bool display, const QFont &font, const QColor &color, qreal dpr = 2.0);
    // The formula's SVG with the ink colour filled in (for HTML export).
    QByteArray svg(const QString &tex, bool display, const QColor &color) const;

    bool isAvailable() const { return m_status != Status::Unavailable; }
    QString unavailableReason() const { return m_unavailableReason; }
    int pendingCount() const { return int(m_waiting.size() + m_inFlight.size()); }
    // Longest a formula may be; longer TeX fails without being typeset.
    static constexpr int MaxTexChars = 4000;

Q_SIGNALS:
    void typeset(); // some formulas were typeset (or failed) since the last emission

private:
    friend class MathPage;
    explicit MathRenderer(QObject *parent = nullptr);
    enum class Status { NotStarted, Loading, Ready, Unavailable };
    static QString key(const QString &tex, bool display);
    void start();
    void pump();
    void onConsoleMessage(const QString &message);
    void finish(const QString &key, Formula formula);
    void giveUp(const QString &reason);
    static void shutDown(); // before Qt WebEngine's own clean-up

    Status m_status = Status::NotStarted;
    QString m_unavailableReason;
    QWebEngineProfile *m_profile = nullptr;
    QWebEnginePage *m_page = nullptr;
    QHash<QString, Formula> m_formulas;       // by key()
    QHash<QString, QPair<QString, bool>> m_inFlight; // key -> (tex, display) sent to the page
    QList<QPair<QString, bool>> m_waiting;    // not yet sent (newest last: sent first)
    mutable QCache<QString, QImage> m_images;
    QTimer m_notify;
    QTimer m_startTimeout; // ticks once a second until MathJax is ready
    int m_startTicks = 0;
    QTimer m_batchTimeout;
};

} // namespace collab::richtext
