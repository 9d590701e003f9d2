#pragma once

// Shared by the libFuzzer targets and tst_fuzz_regressions: the entry points, a check that aborts
// (libFuzzer reports an abort as a crash and keeps the input), and a reader for fuzzer bytes.
#include <QtCore/QByteArray>
#include <QtCore/QByteArrayView>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace collab::fuzz {

// One input through each target's code under test. They return normally unless a property fails.
void protocol(QByteArrayView input);   // fuzz_protocol.cpp
void restBodies(QByteArrayView input); // fuzz_rest_bodies.cpp
void crdt(QByteArrayView input);       // fuzz_crdt.cpp
void wsFrames(QByteArrayView input);   // fuzz_ws_frames.cpp
void httpParser(QByteArrayView input); // fuzz_http_parser.cpp

[[noreturn]] inline void fail(const char *file, int line, const char *what, const QByteArray &detail)
{
    std::fprintf(stderr, "%s:%d: fuzz property failed: %s\n", file, line, what);
    if (!detail.isEmpty())
        std::fprintf(stderr, "  %.*s\n", int(qMin<qsizetype>(detail.size(), 2000)), detail.constData());
    std::fflush(stderr);
    std::abort();
}

// Reads the fuzzer's bytes as a stream of small decisions; past the end everything reads as 0.
class ByteReader
{
public:
    explicit ByteReader(QByteArrayView data) : m_data(data) {}

    bool atEnd() const { return m_pos >= m_data.size(); }
    qsizetype remaining() const { return m_data.size() - m_pos; }
    quint8 byte() { return atEnd() ? 0 : quint8(m_data[m_pos++]); }
    quint16 u16() { return quint16(byte() | (byte() << 8)); }
    quint32 u32() { return quint32(u16()) | (quint32(u16()) << 16); }
    // A number in [0, bound) (bound > 0).
    quint32 below(quint32 bound) { return (bound <= 256 ? byte() : u32()) % bound; }
    QByteArrayView take(qsizetype n)
    {
        n = qMin(n, remaining());
        const QByteArrayView out = m_data.sliced(m_pos, n);
        m_pos += n;
        return out;
    }
    QByteArrayView rest() { return take(remaining()); }

private:
    QByteArrayView m_data;
    qsizetype m_pos = 0;
};

} // namespace collab::fuzz

#define FUZZ_CHECK(cond, detail)                                                                   \
    do {                                                                                           \
        if (!(cond))                                                                               \
            ::collab::fuzz::fail(__FILE__, __LINE__, #cond, (detail));                             \
    } while (false)

// libFuzzer's entry point for one target: defined in each fuzz_*.cpp unless it is built into the
// regression test (which defines COLLAB_FUZZ_REPLAY).
#ifdef COLLAB_FUZZ_REPLAY
#define COLLAB_FUZZ_TARGET(function)
#else
#define COLLAB_FUZZ_TARGET(function)                                                               \
    extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)                        \
    {                                                                                              \
        function(QByteArrayView(reinterpret_cast<const char *>(data), qsizetype(size)));           \
        return 0;                                                                                  \
    }
#endif
