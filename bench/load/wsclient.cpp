#include "wsclient.h"

#include "wsframing.h"

#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <ctime>

namespace collab::bench {

namespace {

constexpr std::size_t kReadChunk = 256 * 1024;
char g_readBuffer[kReadChunk]; // shared: the generator is single-threaded

} // namespace

std::int64_t steadyNowNs()
{
    timespec ts{};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return std::int64_t(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

WsClient::WsClient(int index, Poller &poller, WsClientListener &listener)
    : m_index(index), m_poller(poller), m_listener(listener)
{
}

WsClient::~WsClient()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

bool WsClient::start(const sockaddr_in &source, const sockaddr_in &target, const std::string &upgrade)
{
    m_fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (m_fd < 0) {
        fail("socket");
        return false;
    }
    const int one = 1;
    setsockopt(m_fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    if (source.sin_addr.s_addr != htonl(INADDR_ANY)) {
        // Several loopback source addresses multiply the ephemeral ports available.
        setsockopt(m_fd, IPPROTO_IP, IP_BIND_ADDRESS_NO_PORT, &one, sizeof one);
        if (::bind(m_fd, reinterpret_cast<const sockaddr *>(&source), sizeof source) != 0) {
            fail("bind");
            return false;
        }
    }
    if (::connect(m_fd, reinterpret_cast<const sockaddr *>(&target), sizeof target) != 0 && errno != EINPROGRESS) {
        fail("connect");
        return false;
    }
    m_state = State::Connecting;
    m_partial.clear(); // a reconnect starts clean
    m_message.clear();
    m_out = upgrade;
    m_outPos = 0;
    m_wantWrite = true;
    if (!m_poller.add(m_fd, EPOLLIN | EPOLLOUT, this)) {
        fail("epoll");
        return false;
    }
    return true;
}

void WsClient::sendText(std::string_view text)
{
    if (m_state != State::Open)
        return;
    appendClientFrame(m_out, Opcode::Text, text, std::uint32_t(m_index) * 7919u + ++m_sent);
    if (!m_wantWrite)
        flush();
}

void WsClient::close()
{
    if (m_fd >= 0) {
        m_poller.remove(m_fd);
        ::close(m_fd);
        m_fd = -1;
    }
    m_state = State::Closed;
}

void WsClient::fail(const char *why)
{
    const bool wasClosed = m_state == State::Closed;
    close();
    if (!wasClosed)
        m_listener.onClosed(*this, why);
}

void WsClient::onPollEvent(std::uint32_t events)
{
    if (m_state == State::Closed)
        return;
    if (m_state == State::Connecting) {
        if (events & (EPOLLERR | EPOLLHUP)) {
            fail("connect refused");
            return;
        }
        if (!(events & EPOLLOUT))
            return;
        m_state = State::Upgrading;
    }
    if (events & EPOLLOUT)
        onWritable();
    if (m_state != State::Closed && (events & (EPOLLIN | EPOLLHUP | EPOLLERR)))
        onReadable();
}

void WsClient::onWritable()
{
    flush();
}

bool WsClient::flush()
{
    while (m_outPos < m_out.size()) {
        const ssize_t n = ::send(m_fd, m_out.data() + m_outPos, m_out.size() - m_outPos, MSG_NOSIGNAL);
        if (n < 0) {
            if (errno == EAGAIN || errno == EWOULDBLOCK)
                break;
            if (errno == EINTR)
                continue;
            fail("write");
            return false;
        }
        m_outPos += std::size_t(n);
    }
    if (m_outPos == m_out.size()) {
        m_out.clear();
        m_outPos = 0;
    } else if (m_outPos > 65536) {
        m_out.erase(0, m_outPos);
        m_outPos = 0;
    }
    updateInterest();
    return true;
}

void WsClient::updateInterest()
{
    const bool want = !m_out.empty();
    if (want == m_wantWrite || m_fd < 0)
        return;
    m_wantWrite = want;
    m_poller.modify(m_fd, EPOLLIN | (want ? EPOLLOUT : 0u), this);
}

void WsClient::onReadable()
{
    // One read per wakeup keeps the connections fair; level-triggered epoll calls us again.
    const ssize_t n = ::recv(m_fd, g_readBuffer, kReadChunk, 0);
    if (n == 0) {
        fail("closed by server");
        return;
    }
    if (n < 0) {
        if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)
            fail("read");
        return;
    }
    const std::int64_t now = steadyNowNs();
    if (m_partial.empty()) {
        const long used = consume(std::string_view(g_readBuffer, std::size_t(n)), now);
        if (used >= 0 && used < n)
            m_partial.assign(g_readBuffer + used, std::size_t(n - used));
        return;
    }
    m_partial.append(g_readBuffer, std::size_t(n));
    const long used = consume(m_partial, now);
    if (used > 0 && m_state != State::Closed)
        m_partial.erase(0, std::size_t(used));
    if (m_partial.capacity() > 1 << 20 && m_partial.size() < 4096)
        m_partial.shrink_to_fit();
}

long WsClient::consume(std::string_view data, std::int64_t now)
{
    std::size_t pos = 0;
    if (m_state == State::Upgrading) {
        const long head = upgradeResponseLength(data);
        if (head < 0) {
            fail("upgrade refused");
            return -1;
        }
        if (head == 0)
            return 0;
        pos = std::size_t(head);
        m_state = State::Open;
        m_listener.onOpen(*this);
        if (m_state != State::Open)
            return -1;
    }
    while (pos < data.size()) {
        ServerFrame frame;
        const long used = parseServerFrame(data.substr(pos), &frame);
        if (used == 0)
            break;
        if (used < 0) {
            fail("bad frame");
            return -1;
        }
        pos += std::size_t(used);
        switch (frame.opcode) {
        case Opcode::Text:
        case Opcode::Continuation:
            if (frame.fin && m_message.empty()) {
                m_listener.onText(*this, frame.payload, now);
            } else {
                m_message.append(frame.payload);
                if (frame.fin) {
                    m_listener.onText(*this, m_message, now);
                    m_message.clear();
                }
            }
            break;
        case Opcode::Ping:
            appendClientFrame(m_out, Opcode::Pong, frame.payload, ++m_sent);
            flush();
            break;
        case Opcode::Close:
            fail("close frame from server");
            return -1;
        default:
            break;
        }
        if (m_state == State::Closed)
            return -1;
    }
    return long(pos);
}

} // namespace collab::bench
