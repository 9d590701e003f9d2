#include "rest/httpdate.h"

namespace collab::server::httpdate {

namespace {

void appendTwoDigits(QByteArray &out, int value)
{
    out += char('0' + value / 10);
    out += char('0' + value % 10);
}

} // namespace

QByteArray format(std::time_t seconds)
{
    static constexpr const char *days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static constexpr const char *months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                             "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    QByteArray out;
    out.reserve(29);
    out += days[utc.tm_wday];
    out += ", ";
    appendTwoDigits(out, utc.tm_mday);
    out += ' ';
    out += months[utc.tm_mon];
    out += ' ';
    out += QByteArray::number(utc.tm_year + 1900).rightJustified(4, '0');
    out += ' ';
    appendTwoDigits(out, utc.tm_hour);
    out += ':';
    appendTwoDigits(out, utc.tm_min);
    out += ':';
    appendTwoDigits(out, utc.tm_sec);
    out += " GMT";
    return out;
}

const QByteArray &now()
{
    struct Cache
    {
        std::time_t second = -1;
        QByteArray text;
    };
    thread_local Cache cache;
    const std::time_t second = std::time(nullptr); // vDSO: no system call
    if (second != cache.second) {
        cache.second = second;
        cache.text = format(second);
    }
    return cache.text;
}

} // namespace collab::server::httpdate
