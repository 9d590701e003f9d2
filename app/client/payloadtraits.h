#pragma once

#include "protocol/servermessages.h"

#include <type_traits>
#include <utility>

// Compile-time facts about server message types, so that routing code keeps compiling when the
// protocol gains message kinds.
namespace collab::client {

// T carries a request ref (replies do; broadcasts such as events do not).
template <typename T, typename = void>
struct HasRef : std::false_type
{
};
template <typename T>
struct HasRef<T, std::void_t<decltype(std::declval<const T &>().ref)>> : std::true_type
{
};

// Replies that only ever answer a request of ours and mean nothing on their own.
template <typename T>
struct IsPlainReply
    : std::bool_constant<std::is_same_v<T, proto::Welcome> || std::is_same_v<T, proto::Joined>
                         || std::is_same_v<T, proto::Ack> || std::is_same_v<T, proto::Pong>>
{
};

} // namespace collab::client
