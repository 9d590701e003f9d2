#pragma once

#include "rest/httplimits.h"
#include "rest/httprequest.h"

#include <QByteArrayView>

#include <optional>

namespace collab::server {

// Parses HTTP/1.x requests (RFC 9112) from the bytes of a connection, incrementally: parse() is
// called with every byte received so far of the current request, and resumes its scan where the
// last call stopped (a head sent one byte at a time costs O(n), not O(n^2)). No sockets here.
//
// Refusals, decided from the head alone (a refused body is never buffered):
//   head over 16 KiB -> 431; any Transfer-Encoding -> 411 (we read Content-Length bodies only);
//   Content-Length not digits, or several that differ -> 400; over 64 KiB -> 413;
//   a malformed request line or header line, or obsolete line folding -> 400;
//   a version other than HTTP/1.0 and HTTP/1.1 -> 505 (400 if it is not HTTP/<d>.<d>);
//   RFC 9112 3.2: an HTTP/1.1 request without Host, any request with two Host fields or a Host
//   that is not uri-host[:port] -> 400 (HTTP/1.0 may leave Host out).
// Tolerated: a bare LF ends a line like CRLF (RFC 9112 2.2 allows it; a CR anywhere else is
// refused); empty lines before the request line are skipped (RFC 9112 2.2).
class HttpRequestParser
{
public:
    enum class Status { Incomplete, Complete, Refused };

    // `input` starts at the first byte of the current request and holds everything received of it
    // (and maybe of later requests) so far: the same bytes as the last call, and maybe more.
    Status parse(QByteArrayView input);

    // The limits of file uploads (HttpLimits::uploadLimitFor); without them an upload's body has
    // the ordinary 64 KiB limit. The limits must outlive the parser.
    void setLimits(const HttpLimits *limits) { m_limits = limits; }
    // The body length the head announced (0 before the head, or without a body).
    qint64 contentLength() const { return std::max<qint64>(m_contentLength, 0); }

    // After Complete: the request, and how many bytes of `input` it took.
    HttpRequest takeRequest();
    qsizetype consumed() const { return m_consumed; }
    // True while the head is parsed and its body is still to come (for "Expect: 100-continue").
    bool awaitingBody() const { return m_headEnd >= 0 && m_status == Status::Incomplete; }
    bool expectsContinue() const { return m_request->expectContinue; }
    // After Refused: the status to answer and why.
    int refusalStatus() const { return m_refusal; }
    const char *refusalMessage() const { return m_message; }

    // Ready for the next request (after Complete).
    void reset();

private:
    bool findHeadEnd(QByteArrayView input);
    bool parseHead(QByteArrayView head);
    bool parseRequestLine(QByteArrayView line);
    bool parseField(QByteArrayView line, qsizetype at);
    bool applyField(QByteArrayView name, QByteArrayView value);
    bool refuse(int status, const char *message);

    Status m_status = Status::Incomplete;
    qsizetype m_start = 0;     // first byte of the request line (after skipped empty lines)
    qsizetype m_lineStart = 0; // first byte of the line being scanned
    qsizetype m_scanned = 0;   // bytes already scanned for the end of the head
    qsizetype m_headEnd = -1;  // first byte after the blank line, once found
    qint64 m_contentLength = -1;
    bool m_close = false;     // "Connection: close" seen (it wins over keep-alive)
    bool m_rosterBody = false; // POST .../roster: the larger body limit
    QString m_uploadCourse;    // POST /api/v1/courses/{course}/files: that course's file limit
    const HttpLimits *m_limits = nullptr;
    bool m_keepAlive = false; // "Connection: keep-alive" seen
    int m_hosts = 0;          // Host fields seen
    qsizetype m_consumed = 0;
    // Emplaced, never assigned: Qt 6.4.2's QVarLengthArray move assignment leaks (security.md).
    std::optional<HttpRequest> m_request{std::in_place};
    int m_refusal = 0;
    const char *m_message = "";
};

} // namespace collab::server
