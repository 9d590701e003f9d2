#pragma once

#include <QtGlobal>

// The bounds of course interactions (issue 14: threads, questions, reactions, pins, polls, the
// office-hours queue). docs/protocol.md, "Course interactions", lists them.
namespace collab::limits {

constexpr int MaxEmojiBytes = 32;              // one reaction: a Unicode emoji sequence (a family, a flag)
constexpr int MaxReactionsPerMessage = 50;     // distinct emoji on one message
constexpr int ReactionsPerSecond = 5;          // per user and course, burst ReactionBurst
constexpr int ReactionBurst = 20;
constexpr int MaxPinsPerChannel = 50;          // unpin one first
constexpr int MaxThreadReplies = 10000;        // replies in one thread (threads are one level deep)
constexpr int MaxThreadPage = 500;             // replies in one thread page
constexpr int MaxPollQuestionBytes = 1024;
constexpr int MaxPollOptionBytes = 200;
constexpr int MinPollOptions = 2;
constexpr int MaxPollOptions = 10;
constexpr int MaxOpenPollsPerChannel = 20;
constexpr qint64 MaxPollMinutes = 60 * 24 * 30; // a poll closes within 30 days (or by hand)
constexpr int MaxQueueTopicBytes = 200;        // a one-line topic
constexpr int MaxQueueLength = 500;            // students waiting in one queue
constexpr int MaxQuestionsPage = 500;

} // namespace collab::limits
