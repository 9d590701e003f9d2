#pragma once

#include <QString>

#include <optional>

// The message table of docs/protocol.md, rendered from the message declarations (wireFields() and
// Doc of every alternative of ClientPayload and ServerPayload), so the table cannot drift from the
// codec. collab-protocol-table prints it, checks the file or rewrites it (docs/CONTRIBUTING.md).
namespace collab::proto {

QString renderMessageTable();

// `doc` with the text between the table's markers replaced by renderMessageTable(); nullopt when
// `doc` lacks the markers.
std::optional<QString> withMessageTable(const QString &doc);

} // namespace collab::proto
