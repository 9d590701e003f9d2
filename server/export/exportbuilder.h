#pragma once

#include "export/exportinput.h"
#include "protocol/result.h"

namespace collab::server {

// Writes a course's export zip (docs/rest.md, "Export") on the export worker, into `directory`
// (a fresh private directory the caller removes afterwards):
//   course.json              what was exported, when, by whom, up to which seq
//   events.jsonl             every event of the course's log, one JSON object a line, in seq order
//                            (secret hashes and ballot keys left out, as members see them)
//   notes/NOTE.md            each note's text now; notes/NOTE@VERSION.md each named version;
//   notes/NOTE.versions.json the named versions: name, file, at (seq), by, time
//   channels/CHANNEL.html    each channel's transcript with threads (TranscriptHtml)
//   files/...                the course's files (ExportAttachments), when it has a file store
// Each part is written to a file first and compressed from there by libzip, so memory stays
// bounded by one note's text or one page of messages, whatever the course's size.
class ExportBuilder
{
public:
    static Result<ExportSummary> build(const CourseExportInput &input, const QString &directory);

    // A named version's name as a file name: letters, digits, ".", "-", "_" and spaces kept, the
    // rest "_" (at most 80 characters).
    static QString fileSafe(const QString &name);
};

} // namespace collab::server
