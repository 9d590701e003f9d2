#pragma once

#include "protocol/jsonfields.h"
#include "protocol/result.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>

#include <limits>
#include <optional>
#include <tuple>
#include <type_traits>
#include <utility>

// Wire messages declared once. A message type lists its fields in a static wireFields(), next to
// its members, in the order they are read (which is the order errors are found in):
//
//     static auto wireFields()
//     {
//         return std::make_tuple(wire::id("course", &Join::course), wire::unsignedInt("since", &Join::since).optional());
//     }
//
// and the JSON decoder (fromJson), the encoder (toJson) and its row in docs/protocol.md all follow
// from that list: a Field names the JSON key, the member, the kind of value (with its limits)
// and whether it is required, its default, and when the encoder leaves it out. A rule that spans
// fields ("exactly one of channel or note") is the type's `void validate(FieldReader &) const`,
// called once every field has been read. docs/architecture.md, "Protocol codecs", says why.
namespace collab::wire {

// ---- Kinds: how one JSON value is checked, converted and named. read() is called only when the
// key is present (FieldReader reports a missing one); its errors are FieldReader's texts.

struct IdKind
{
    QString read(FieldReader &r, const char *key) const { return r.id(key); }
    QJsonValue write(const QString &v) const { return v; }
    QString describe() const;
};

// A user name (isValidUserName): an id that starts with a letter.
struct UserNameKind
{
    QString read(FieldReader &r, const char *key) const { return r.userName(key); }
    QJsonValue write(const QString &v) const { return v; }
    QString describe() const;
};

struct StringKind
{
    qsizetype maxBytes = -1; // UTF-8 bytes; -1: no limit of its own (the frame's)
    QString read(FieldReader &r, const char *key) const { return r.string(key, maxBytes); }
    QJsonValue write(const QString &v) const { return v; }
    QString describe() const;
};

struct UIntKind // a non-negative integer a JSON double carries exactly (ids, seqs)
{
    quint64 read(FieldReader &r, const char *key) const { return r.unsignedInt(key); }
    QJsonValue write(quint64 v) const { return double(v); }
    QString describe() const;
};

struct IntKind
{
    qint64 read(FieldReader &r, const char *key) const { return r.integer(key); }
    QJsonValue write(qint64 v) const { return double(v); }
    QString describe() const;
};

// A non-negative count held in an int: values beyond [min, max] are refused, never truncated
// (tests/fuzz/regressions/fuzz_protocol/: a truncated value re-encoded as a negative number).
struct CountKind
{
    int min = 0;
    int max = std::numeric_limits<int>::max();
    int read(FieldReader &r, const char *key) const;
    QJsonValue write(int v) const { return v; }
    QString describe() const;
};

struct BoolKind
{
    bool read(FieldReader &r, const char *key) const { return r.boolean(key); }
    QJsonValue write(bool v) const { return v; }
    QString describe() const;
};

struct StringListKind
{
    QStringList read(FieldReader &r, const char *key) const;
    QJsonValue write(const QStringList &v) const { return QJsonArray::fromStringList(v); }
    QString describe() const;
};

struct ObjectKind // an object the protocol passes through as it is (a version vector, event data)
{
    QJsonObject read(FieldReader &r, const char *key) const { return r.object(key); }
    QJsonValue write(const QJsonObject &v) const { return v; }
    QString describe() const;
};

struct ArrayKind
{
    QJsonArray read(FieldReader &r, const char *key) const { return r.array(key); }
    QJsonValue write(const QJsonArray &v) const { return v; }
    QString describe() const;
};

struct RawKind // any JSON value: the `ref` a reply echoes
{
    QJsonValue read(FieldReader &r, const char *key) const { return r.value(key); }
    QJsonValue write(const QJsonValue &v) const { return v; }
    QString describe() const;
};

struct Base64Kind // bytes as a base64 string
{
    QByteArray read(FieldReader &r, const char *key) const;
    QJsonValue write(const QByteArray &v) const { return QString::fromLatin1(v.toBase64()); }
    QString describe() const;
};

template <typename T>
QString describeFields();
template <typename T>
void readFields(FieldReader &r, T &out);
template <typename T>
void writeFields(QJsonObject &out, const T &value);

// A list of objects of a declared type (or any type with fromJson/toJson).
template <typename T>
struct ObjectListKind
{
    QList<T> read(FieldReader &r, const char *key) const
    {
        QList<T> out;
        for (const QJsonValue &v : r.array(key)) {
            Result<T> item = T::fromJson(v.toObject());
            if (!item) {
                r.fail(item.error().code, item.error().message);
                break;
            }
            out << std::move(item).value();
        }
        return out;
    }
    QJsonValue write(const QList<T> &v) const
    {
        QJsonArray a;
        for (const T &item : v)
            a.append(item.toJson());
        return a;
    }
    QString describe() const { return QStringLiteral("list of {") + describeFields<T>() + QLatin1Char('}'); }
};

// ---- Kinds that take the whole object rather than one key's value.

struct RemainderKind // every member but "type" and "ref": an ack's request-specific fields
{
    static constexpr bool WholeObject = true;
    QJsonObject read(FieldReader &r) const;
    void write(QJsonObject &out, const QJsonObject &v) const;
    QString describe() const;
};

template <typename T>
struct EmbeddedKind // a declared type whose fields stand in the message itself (event → CourseEvent)
{
    static constexpr bool WholeObject = true;
    T read(FieldReader &r) const
    {
        T value{};
        readFields(r, value);
        return value;
    }
    void write(QJsonObject &out, const T &v) const { writeFields(out, v); }
    QString describe() const { return describeFields<T>(); }
};

// ---- Fields

namespace detail {
template <typename V>
struct IsOptional : std::false_type {};
template <typename V>
struct IsOptional<std::optional<V>> : std::true_type {};

template <typename V, typename = void>
struct IsComparable : std::false_type {};
template <typename V>
struct IsComparable<V, std::void_t<decltype(bool(std::declval<const V &>() == std::declval<const V &>()))>>
    : std::true_type {};

template <typename K, typename = void>
struct IsWholeObject : std::false_type {};
template <typename K>
struct IsWholeObject<K, std::void_t<decltype(K::WholeObject)>> : std::bool_constant<K::WholeObject> {};

template <typename T, typename = void>
struct HasValidate : std::false_type {};
template <typename T>
struct HasValidate<T, std::void_t<decltype(std::declval<const T &>().validate(std::declval<FieldReader &>()))>>
    : std::true_type {};

QString jsonText(const QJsonValue &v);
} // namespace detail

// One member of a message: `key` in JSON, `member` in C++, read and written as `kind`. Value may
// be std::optional<X> for a kind of X: absent stays nullopt and nullopt is not written.
template <typename Owner, typename Value, typename Kind>
struct Field
{
    const char *key;
    Value Owner::*member;
    Kind kind;
    bool required = true;
    Value fallback{};          // an optional field's value when the key is absent or null
    bool omitDefault = false;  // the encoder leaves the field out while it equals `fallback`
    bool (*writeIf)(const Owner &) = nullptr; // a rule over other fields (note.state: ops only without a snapshot)

    Field optional(Value def = Value{}) const
    {
        Field f = *this;
        f.required = false;
        f.fallback = std::move(def);
        return f;
    }
    Field omittedWhenDefault() const
    {
        Field f = *this;
        f.omitDefault = true;
        return f;
    }
    Field writtenIf(bool (*rule)(const Owner &)) const
    {
        Field f = *this;
        f.writeIf = rule;
        return f;
    }

    void read(FieldReader &r, Owner &out) const
    {
        Value &target = out.*member;
        if constexpr (detail::IsWholeObject<Kind>::value)
            target = kind.read(r);
        else if (required || r.has(key))
            target = kind.read(r, key);
        else
            target = fallback;
    }

    void write(QJsonObject &out, const Owner &in) const
    {
        const Value &value = in.*member;
        if (writeIf && !writeIf(in))
            return;
        if constexpr (detail::IsComparable<Value>::value)
            if (omitDefault && value == fallback)
                return;
        if constexpr (detail::IsWholeObject<Kind>::value) {
            kind.write(out, value);
        } else if constexpr (detail::IsOptional<Value>::value) {
            if (value)
                out.insert(QLatin1String(key), kind.write(*value));
        } else {
            out.insert(QLatin1String(key), kind.write(value));
        }
    }

    // For docs/protocol.md: "`key?`: kind (default x)".
    QString describe() const
    {
        if constexpr (detail::IsWholeObject<Kind>::value) {
            return kind.describe();
        } else {
            QString out = QLatin1Char('`') + QLatin1String(key) + (required ? QLatin1String("`") : QLatin1String("?`"))
                          + QLatin1String(": ") + kind.describe();
            if constexpr (detail::IsComparable<Value>::value && !detail::IsOptional<Value>::value) {
                if (!required && !(fallback == Value{}))
                    out += QLatin1String(" (default ") + detail::jsonText(kind.write(fallback)) + QLatin1Char(')');
            }
            return out;
        }
    }
};

// A member every encoded object carries with a fixed value, ignored when read ("type":"event").
struct Constant
{
    const char *key;
    const char *value;
    template <typename Owner>
    void read(FieldReader &, Owner &) const
    {
    }
    template <typename Owner>
    void write(QJsonObject &out, const Owner &) const
    {
        out.insert(QLatin1String(key), QLatin1String(value));
    }
    QString describe() const { return {}; }
};

// ---- Builders: id("course", &Leave::course), string("text", &ChatSend::text, limit), ...

template <typename O, typename V>
Field<O, V, IdKind> id(const char *key, V O::*member) { return {key, member, IdKind{}}; }
template <typename O, typename V>
Field<O, V, UserNameKind> userName(const char *key, V O::*member) { return {key, member, UserNameKind{}}; }
template <typename O, typename V>
Field<O, V, StringKind> string(const char *key, V O::*member, qsizetype maxBytes = -1) { return {key, member, StringKind{maxBytes}}; }
template <typename O, typename V>
Field<O, V, UIntKind> unsignedInt(const char *key, V O::*member) { return {key, member, UIntKind{}}; }
template <typename O, typename V>
Field<O, V, IntKind> integer(const char *key, V O::*member) { return {key, member, IntKind{}}; }
template <typename O>
Field<O, int, CountKind> count(const char *key, int O::*member, int min = 0, int max = std::numeric_limits<int>::max())
{
    return {key, member, CountKind{min, max}};
}
template <typename O>
Field<O, bool, BoolKind> boolean(const char *key, bool O::*member) { return {key, member, BoolKind{}}; }
template <typename O>
Field<O, QStringList, StringListKind> stringList(const char *key, QStringList O::*member) { return {key, member, StringListKind{}}; }
template <typename O, typename T>
Field<O, QList<T>, ObjectListKind<T>> objectList(const char *key, QList<T> O::*member) { return {key, member, ObjectListKind<T>{}}; }
template <typename O>
Field<O, QJsonObject, ObjectKind> object(const char *key, QJsonObject O::*member) { return {key, member, ObjectKind{}}; }
template <typename O>
Field<O, QJsonArray, ArrayKind> array(const char *key, QJsonArray O::*member) { return {key, member, ArrayKind{}}; }
template <typename O>
Field<O, QByteArray, Base64Kind> base64(const char *key, QByteArray O::*member) { return {key, member, Base64Kind{}}; }
template <typename O>
Field<O, QJsonObject, RemainderKind> remainder(QJsonObject O::*member) { return {nullptr, member, RemainderKind{}}; }
template <typename O, typename T>
Field<O, T, EmbeddedKind<T>> embedded(T O::*member) { return {nullptr, member, EmbeddedKind<T>{}}; }
// The request id a reply echoes: any JSON value, written unless null.
template <typename O>
Field<O, QJsonValue, RawKind> ref(QJsonValue O::*member)
{
    return Field<O, QJsonValue, RawKind>{"ref", member, RawKind{}}.optional().omittedWhenDefault();
}
// A field of any other kind (a struct with read/write/describe, declared beside its type).
template <typename O, typename V, typename K>
Field<O, V, K> field(const char *key, V O::*member, K kind) { return {key, member, std::move(kind)}; }

// ---- The codec every declared type gets.

// Every field of `out`, then its validate(); problems stay in `r`.
template <typename T>
void readFields(FieldReader &r, T &out)
{
    static const auto fields = T::wireFields(); // built once: the fallbacks are QStrings
    std::apply([&](const auto &...field) { (field.read(r, out), ...); }, fields);
    if constexpr (detail::HasValidate<T>::value) {
        if (r.ok())
            out.validate(r);
    }
}

template <typename T>
Result<T> fromJson(const QJsonObject &json)
{
    FieldReader r(json);
    T out{};
    readFields(r, out);
    if (!r.ok())
        return r.error();
    return out;
}

template <typename T>
void writeFields(QJsonObject &out, const T &value)
{
    static const auto fields = T::wireFields();
    std::apply([&](const auto &...field) { (field.write(out, value), ...); }, fields);
}

template <typename T>
QJsonObject toJson(const T &value)
{
    QJsonObject out;
    writeFields(out, value);
    return out;
}

// "`course`: id, `text`: string ≤ 16 KiB, ..." for docs/protocol.md.
template <typename T>
QString describeFields()
{
    QStringList parts;
    std::apply([&](const auto &...field) { ((parts << field.describe()), ...); }, T::wireFields());
    parts.removeAll(QString());
    return parts.join(QLatin1String(", "));
}

} // namespace collab::wire

// Inside a declared type: toJson() and fromJson() as members, from its wireFields(). They are member
// templates only so that they are instantiated where they are called, not in every file that
// includes a message header.
#define COLLAB_WIRE_CODEC(T)                                                                                           \
    template <typename Self = T>                                                                                       \
    QJsonObject toJson() const                                                                                         \
    {                                                                                                                  \
        return ::collab::wire::toJson<Self>(*this);                                                                    \
    }                                                                                                                  \
    template <typename Self = T>                                                                                       \
    static ::collab::Result<Self> fromJson(const QJsonObject &json)                                                    \
    {                                                                                                                  \
        return ::collab::wire::fromJson<Self>(json);                                                                   \
    }
