#pragma once

#include <QtGlobal>

// Every size and count the protocol bounds, in one place. docs/protocol.md lists them too.
namespace collab::limits {

constexpr qsizetype MaxFrameBytes = 64 * 1024;        // one WebSocket message, and one REST body
constexpr qsizetype MaxChatTextBytes = 16 * 1024;     // UTF-8 bytes of one chat message
constexpr int MaxIdLength = 64;                        // course, channel, note ids and user names
constexpr int MaxClientMsgIdLength = 64;
constexpr int MaxJoinCodeLength = 128;
constexpr int MaxTokenLength = 256;
constexpr int DefaultHistory = 50;                     // messages sent on a fresh join
constexpr int MaxHistory = 500;                        // a page of history (WebSocket or REST)
constexpr int MaxReplayEvents = 10000;                 // beyond this a resume says recovered:false
constexpr int TypingExpiryMs = 5000;                   // a typing indicator not refreshed expires
constexpr int MaxEditTextBytes = 4 * 1024;             // text of one prototype edit action
constexpr int MaxJsonDepth = 32;                       // nesting of arrays and objects in a frame or body
constexpr int MaxTitleBytes = 200;                     // a course's title
constexpr int MaxNameTitleBytes = 120;
constexpr qsizetype MaxRosterBytes = 4 * 1024 * 1024;  // a class roster (CSV), over REST or in WebSocket parts                 // the name shown for a channel or a note (renamed)
constexpr int MaxCourseChannels = 100;                 // channels (and notes) named in one course.create
constexpr int MaxCourseInstructors = 20;
constexpr qint64 MaxRemovalMinutes = 525600;           // a removal of at most a year (0: until restored)
// The end stored for a removal "until restored" (9999-12-31T23:59:59Z): clients show it in words.
constexpr qint64 RemovedUntilRestoredMs = 253402300799000;
constexpr int ProtocolVersion = 1;

} // namespace collab::limits
