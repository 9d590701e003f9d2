#pragma once

#include "protocol/result.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace collab::server {

// One person of a class roster: the name they will join under, how the instructor knows them
// (an email or a student id, only echoed back next to the invite, never stored), and their role.
struct RosterRow
{
    int row = 0;     // 1-based line of the file (the header, if any, is row 1)
    QString user;    // a user name (isValidUserName)
    QString contact; // email or student id, as given
    QString role;    // student | ta
};

// Reads a roster exported as CSV by an LMS or a spreadsheet: columns name, email or student id,
// role (optional: student), with or without a header row ("name,..."). RFC 4180 quoting (commas,
// quotes and line breaks inside quotes), a UTF-8 BOM and CRLF are accepted; blank lines are
// skipped. All or nothing: the first problem refuses the whole file with an error that names its
// row (not UTF-8, a bad name, an unknown role, a name twice, more than `maxRows` people).
Result<QList<RosterRow>> parseRosterCsv(const QByteArray &bytes, int maxRows);

} // namespace collab::server
