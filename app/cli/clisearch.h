#pragma once

#include "protocol/findmessages.h"

#include <QJsonObject>
#include <QList>
#include <QString>

namespace collab::cli {

// collab-cli --search QUERY (docs/cli.md, "Searching"): the hits of a `search` ack.
struct SearchOutput
{
    QList<proto::SearchHit> hits;
    bool more = false;
};

// The ack's results, or an error message when they cannot be read.
SearchOutput searchOutputFrom(const QJsonObject &ackFields, QString *error);
// One line per hit, its words between ** as in Markdown bold:
// "[homework] #12 ana.lopez 2026-03-04 10:15: How does a **vector** **clock** differ…"
QString formatSearchHit(const proto::SearchHit &hit);

} // namespace collab::cli
