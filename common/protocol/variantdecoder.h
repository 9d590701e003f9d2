#pragma once

#include "protocol/result.h"

#include <QJsonObject>
#include <QLatin1String>
#include <QStringView>

#include <optional>
#include <utility>
#include <variant>

namespace collab::proto {

namespace detail {

template <typename Variant, std::size_t I>
Result<Variant> decodeAlternative(const QJsonObject &json)
{
    using T = std::variant_alternative_t<I, Variant>;
    Result<T> r = T::fromJson(json);
    if (!r)
        return r.error();
    return Variant(std::in_place_index<I>, std::move(r).value());
}

template <typename Variant, std::size_t... I>
std::optional<Result<Variant>> decodeByType(QStringView type, const QJsonObject &json, std::index_sequence<I...>)
{
    std::optional<Result<Variant>> out;
    ((!out && type == QLatin1String(std::variant_alternative_t<I, Variant>::Type)
          ? void(out.emplace(decodeAlternative<Variant, I>(json)))
          : void()),
     ...);
    return out;
}

} // namespace detail

// Decodes `json` as the alternative of `Variant` whose static `Type` is `type` (each alternative
// has `Type`, and `fromJson` from its declaration: protocol/wirefields.h). nullopt: no alternative
// has that type. The variant's list of alternatives is the only list of message types.
template <typename Variant>
std::optional<Result<Variant>> decodeByType(QStringView type, const QJsonObject &json)
{
    return detail::decodeByType<Variant>(type, json, std::make_index_sequence<std::variant_size_v<Variant>>{});
}

} // namespace collab::proto
