#include "hub/rostercsv.h"

#include "protocol/ids.h"
#include "protocol/utf8check.h"

#include <QHash>

namespace collab::server {

namespace {

ProtocolError rowError(int row, const QString &what)
{
    return ProtocolError::make(ErrorCode::InvalidValue, QStringLiteral("roster row %1: %2").arg(row).arg(what));
}

// Splits CSV text into records of fields (RFC 4180). `rows` gets each record's first line number.
Result<QList<QStringList>> splitRecords(const QString &text, QList<int> *rows)
{
    QList<QStringList> records;
    QStringList fields;
    QString field;
    bool quoted = false;     // inside a quoted field
    bool wasQuoted = false;  // the current field was quoted (text after its closing quote is an error)
    int line = 1;
    int recordLine = 1;
    const auto endField = [&] {
        fields << field;
        field.clear();
        wasQuoted = false;
    };
    const auto endRecord = [&] {
        endField();
        const bool blank = fields.size() == 1 && fields.first().trimmed().isEmpty();
        if (!blank) {
            records << fields;
            rows->append(recordLine);
        }
        fields.clear();
    };
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar ch = text.at(i);
        if (quoted) {
            if (ch == QLatin1Char('"')) {
                if (i + 1 < text.size() && text.at(i + 1) == QLatin1Char('"')) {
                    field += QLatin1Char('"');
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                if (ch == QLatin1Char('\n'))
                    ++line;
                field += ch;
            }
            continue;
        }
        if (ch == QLatin1Char('"')) {
            if (!field.trimmed().isEmpty() || wasQuoted)
                return rowError(line, QStringLiteral("a quote inside an unquoted field (quote the whole field and double the quote)"));
            field.clear();
            quoted = wasQuoted = true;
        } else if (ch == QLatin1Char(',')) {
            endField();
        } else if (ch == QLatin1Char('\r') || ch == QLatin1Char('\n')) {
            if (ch == QLatin1Char('\r') && i + 1 < text.size() && text.at(i + 1) == QLatin1Char('\n'))
                ++i;
            endRecord();
            ++line;
            recordLine = line;
        } else if (wasQuoted) {
            if (!ch.isSpace())
                return rowError(line, QStringLiteral("text after a closing quote"));
        } else {
            field += ch;
        }
    }
    if (quoted)
        return rowError(recordLine, QStringLiteral("a quoted field is not closed"));
    endRecord();
    return records;
}

} // namespace

Result<QList<RosterRow>> parseRosterCsv(const QByteArray &bytes, int maxRows)
{
    QByteArray data = bytes;
    if (data.startsWith("\xEF\xBB\xBF"))
        data.remove(0, 3);
    if (const qsizetype bad = firstInvalidUtf8(data); bad >= 0) // named by row, so the instructor can find it
        return rowError(int(data.first(bad).count('\n')) + 1, QStringLiteral("not UTF-8 text (export the roster as CSV UTF-8)"));
    const QString text = QString::fromUtf8(data);
    if (text.contains(QChar(0)))
        return ProtocolError::make(ErrorCode::InvalidValue, QStringLiteral("the roster contains a NUL character: not a CSV text file"));
    QList<int> lines;
    Result<QList<QStringList>> records = splitRecords(text, &lines);
    if (!records)
        return records.error();
    QList<QStringList> rows = records.value();
    if (!rows.isEmpty() && rows.first().first().trimmed().compare(QLatin1String("name"), Qt::CaseInsensitive) == 0) {
        rows.removeFirst();
        lines.removeFirst();
    }
    if (rows.isEmpty())
        return ProtocolError::make(ErrorCode::InvalidValue, QStringLiteral("the roster has no rows (columns: name, email or student id, role)"));
    if (rows.size() > maxRows)
        return ProtocolError::make(ErrorCode::InvalidValue, QStringLiteral("the roster has %1 rows; a course holds at most %2 members")
                                                                .arg(rows.size())
                                                                .arg(maxRows));
    QList<RosterRow> out;
    QHash<QString, int> seen; // normalized name → its row
    for (int i = 0; i < rows.size(); ++i) {
        const QStringList &f = rows.at(i);
        const int row = lines.at(i);
        if (f.size() > 3)
            return rowError(row, QStringLiteral("%1 columns; expected name, email or student id, role").arg(f.size()));
        RosterRow r;
        r.row = row;
        r.user = f.value(0).trimmed();
        r.contact = f.value(1).trimmed();
        const QString role = f.value(2).trimmed().toLower();
        if (r.user.isEmpty())
            return rowError(row, QStringLiteral("the name is empty"));
        if (!isValidUserName(r.user))
            return rowError(row, QStringLiteral("'%1' is not a user name (1-64 of A-Z a-z 0-9 . _ -, starting with a letter)")
                                     .arg(r.user.left(80)));
        if (r.contact.size() > 254)
            return rowError(row, QStringLiteral("the email or student id is over 254 characters"));
        if (role.isEmpty() || role == QLatin1String("student"))
            r.role = QStringLiteral("student");
        else if (role == QLatin1String("ta"))
            r.role = QStringLiteral("ta");
        else
            return rowError(row, QStringLiteral("role must be student or ta, not '%1'").arg(f.value(2).trimmed().left(40)));
        const QString key = normalizedName(r.user);
        if (seen.contains(key))
            return rowError(row, QStringLiteral("%1 is already on row %2").arg(r.user).arg(seen.value(key)));
        seen.insert(key, row);
        out << r;
    }
    return out;
}

} // namespace collab::server
