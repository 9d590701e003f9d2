#include "rest/httppipeline.h"

#include "rest/httpresponse.h"

namespace collab::server {

HttpPipeline::HttpPipeline(Connection &connection, const HttpLimits &limits, qint64 nowMs, qint64 firstByteMs)
    : m_connection(connection), m_lastActivityMs(nowMs), m_requestStartMs(firstByteMs)
{
    m_parser.setLimits(&limits);
}

bool HttpPipeline::accepting() const
{
    return m_phase == Phase::Open && m_slots.size() < size_t(HttpLimits::MaxUnanswered)
           && m_connection.unsent() <= HttpLimits::MaxUnsentBytes;
}

void HttpPipeline::received()
{
    const qint64 now = m_connection.nowMs();
    m_lastActivityMs = now;
    if (m_requestStartMs < 0)
        m_requestStartMs = now;
}

qsizetype HttpPipeline::take(QByteArrayView input)
{
    m_taking = true;
    qsizetype at = 0;
    while (accepting()) {
        const HttpRequestParser::Status status = m_parser.parse(input.sliced(at));
        if (status == HttpRequestParser::Status::Incomplete)
            break;
        if (status == HttpRequestParser::Status::Refused) {
            refuse(httpwire::refusal(m_parser.refusalStatus(), m_parser.refusalMessage()));
            break;
        }
        at += m_parser.consumed();
        HttpRequest request = m_parser.takeRequest();
        m_parser.reset();
        m_continueSent = false;
        const httpwire::Framing framing{!request.keepAlive, request.keepAlive && request.minorVersion == 0,
                                        request.method == HttpMethod::Head};
        m_slots.push_back(Slot{m_connection.openRequest(), framing, std::nullopt});
        if (!request.keepAlive)
            m_phase = Phase::Closing; // what follows is never read
        m_requestStartMs = at < input.size() ? m_connection.nowMs() : -1;
        m_connection.dispatch(m_slots.back().id, std::move(request));
    }
    m_taking = false;
    if (m_phase == Phase::Finished)
        return at;
    m_heldBack = m_phase == Phase::Open && !accepting();
    writeAnswered();
    sendContinueIfAwaited();
    return at;
}

bool HttpPipeline::takeHeldBack()
{
    if (!m_heldBack || !accepting())
        return false;
    m_heldBack = false;
    return true;
}

bool HttpPipeline::answer(quint64 id, const HttpResponse &response)
{
    for (Slot &slot : m_slots) {
        if (slot.id != id || slot.wire)
            continue;
        slot.wire = httpwire::encode(response, slot.framing);
        if (response.bodyDevice && !slot.framing.headOnly && response.bodySize > 0) {
            slot.stream = response.bodyDevice;
            slot.streamLeft = response.bodySize;
        }
        if (&slot != &m_slots.front() || m_taking)
            return false;
        writeAnswered();
        return true;
    }
    return false;
}

void HttpPipeline::refuse(QByteArray answer)
{
    m_slots.push_back(Slot{0, {true, false, false}, std::move(answer)});
    m_phase = Phase::Closing;
    writeAnswered();
}

bool HttpPipeline::writeAnswered()
{
    constexpr qint64 kPiece = 64 * 1024;
    bool wrote = false;
    while (!m_slots.empty() && m_slots.front().wire) {
        Slot &front = m_slots.front();
        if (!front.headWritten) {
            m_connection.write(*front.wire);
            front.headWritten = true;
            wrote = true;
        }
        while (front.stream && front.streamLeft > 0) {
            if (m_connection.unsent() > HttpLimits::MaxUnsentBytes)
                return wrote; // the rest when the client has taken some (pump())
            const QByteArray piece = front.stream->read(std::min(kPiece, front.streamLeft));
            if (piece.isEmpty()) {
                // The file ended early or cannot be read: the head promised more, so nothing
                // after it on this connection could be understood. It closes; the client sees a
                // body shorter than its Content-Length.
                m_slots.clear();
                m_phase = Phase::Closing;
                return wrote;
            }
            m_connection.write(piece);
            front.streamLeft -= piece.size();
            wrote = true;
        }
        m_slots.pop_front();
    }
    return wrote;
}

bool HttpPipeline::pump()
{
    if (m_taking || m_phase == Phase::Finished || m_phase == Phase::Lingering)
        return false;
    return writeAnswered();
}

void HttpPipeline::sendContinueIfAwaited()
{
    if (m_phase != Phase::Open || m_continueSent || !m_slots.empty() || !m_parser.awaitingBody() || !m_parser.expectsContinue())
        return;
    m_continueSent = true;
    m_connection.write(httpwire::continue100());
}

void HttpPipeline::startLingering()
{
    m_phase = Phase::Lingering;
    m_lingerStartMs = m_connection.nowMs();
}

bool HttpPipeline::drained(qint64 bytes)
{
    m_drained += bytes;
    return m_drained <= HttpLimits::MaxDrainBytes;
}

bool HttpPipeline::timedOut(qint64 now, const HttpLimits &limits) const
{
    if (m_phase == Phase::Lingering)
        return now - m_lingerStartMs >= limits.lingerMs;
    if (!m_slots.empty() && !m_slots.front().headWritten)
        return false; // waiting for the hub's answers: not the client's fault
    if (m_connection.unsent() > 0 || m_requestStartMs < 0)
        return now - m_lastActivityMs >= limits.idleTimeoutMs; // idle, or not reading its answers
    // A request that does not come whole (slowloris); a file upload gets time for its size.
    const qint64 body = m_parser.contentLength();
    const qint64 extra = body > HttpLimits::MaxBodyBytes ? body * 1000 / HttpLimits::MinUploadBytesPerSecond : 0;
    return now - m_requestStartMs >= limits.requestTimeoutMs + extra;
}

} // namespace collab::server
