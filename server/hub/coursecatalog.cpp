#include "hub/coursecatalog.h"

#include "model/renamedtitle.h"

#include "protocol/ids.h"

#include <QJsonArray>

namespace collab::server {

const QString CourseCatalog::Stream = QStringLiteral("_catalog");

namespace {

QStringList strings(const QJsonObject &data, const char *key)
{
    QStringList out;
    for (const QJsonValue &v : data.value(QLatin1String(key)).toArray())
        out << v.toString();
    return out;
}

QString text(const QJsonObject &data, const char *key) { return data.value(QLatin1String(key)).toString(); }

void setMember(QStringList &list, const QString &item, bool member)
{
    if (member && !list.contains(item))
        list << item;
    else if (!member)
        list.removeAll(item);
}

} // namespace

CourseConfig *CourseCatalog::find(const QString &id)
{
    for (CourseConfig &c : m_config.courses)
        if (c.id == id)
            return &c;
    return nullptr;
}

void CourseCatalog::create(const QJsonObject &data)
{
    const QString id = text(data, "course");
    if (id.isEmpty() || find(id))
        return;
    CourseConfig c;
    c.id = id;
    c.title = text(data, "title");
    c.instructors = strings(data, "instructors");
    const QJsonObject hashes = data.value(QLatin1String("secretHashes")).toObject();
    for (auto it = hashes.begin(); it != hashes.end(); ++it)
        c.instructorSecretHashes.insert(it.key(), it.value().toString().toLatin1());
    c.channels = strings(data, "channels");
    c.announcements = strings(data, "announcements");
    c.notes = strings(data, "notes");
    c.joinCodeHash = text(data, "joinCodeHash").toLatin1();
    m_config.courses << c;
}

bool CourseCatalog::apply(const CourseEvent &e)
{
    const QJsonObject &d = e.data;
    if (e.course == Stream) {
        if (e.kind == EventKind::CourseCreated) {
            create(d);
            return true;
        }
        if (e.kind == EventKind::CourseDeleted) {
            const QString id = text(d, "course");
            m_deleted.insert(id);
            return m_config.courses.removeIf([&id](const CourseConfig &c) { return c.id == id; }) > 0;
        }
        return false;
    }
    CourseConfig *c = find(e.course);
    if (!c)
        return false;
    switch (e.kind) {
    case EventKind::CourseUpdated:
        if (d.contains(QLatin1String("title")))
            c->title = text(d, "title");
        if (d.contains(QLatin1String("archived")))
            c->archived = d.value(QLatin1String("archived")).toBool();
        if (d.contains(QLatin1String("studentNotes")))
            c->studentNotes = d.value(QLatin1String("studentNotes")).toBool();
        if (d.contains(QLatin1String("invitesRequired")))
            c->invitesRequired = d.value(QLatin1String("invitesRequired")).toBool();
        if (d.contains(QLatin1String("retentionDays")))
            c->retentionDays = d.value(QLatin1String("retentionDays")).toInt();
        return true;
    case EventKind::ChannelAdded:
        setMember(c->channels, text(d, "channel"), true);
        setMember(c->announcements, text(d, "channel"), d.value(QLatin1String("announcement")).toBool());
        return true;
    case EventKind::ChannelUpdated:
        if (d.contains(QLatin1String("archived")))
            setMember(c->archivedChannels, text(d, "channel"), d.value(QLatin1String("archived")).toBool());
        if (d.contains(QLatin1String("announcement")))
            setMember(c->announcements, text(d, "channel"), d.value(QLatin1String("announcement")).toBool());
        if (d.contains(QLatin1String("title")))
            applyRenamedTitle(c->channelTitles, text(d, "channel"), text(d, "title"));
        return true;
    case EventKind::NoteCreated:
        setMember(c->notes, text(d, "note"), true);
        return true;
    case EventKind::NoteUpdated:
        if (d.contains(QLatin1String("archived")))
            setMember(c->archivedNotes, text(d, "note"), d.value(QLatin1String("archived")).toBool());
        if (d.contains(QLatin1String("title")))
            applyRenamedTitle(c->noteTitles, text(d, "note"), text(d, "title"));
        return true;
    case EventKind::JoinCodeRotated:
        c->joinCode.clear(); // shown once to whoever rotated it; from now on only its hash is known
        c->joinCodeHash = text(d, "joinCodeHash").toLatin1();
        return true;
    case EventKind::MemberRole: {
        const QString user = text(d, "user");
        const QString role = text(d, "role");
        if (role == QLatin1String("ta"))
            c->tas.insert(normalizedName(user), user);
        else
            c->tas.remove(normalizedName(user));
        if (role == QLatin1String("instructor")) {
            // Named by an administrator after the course was created: joins with the secret
            // whose hash the event carries (the secret itself was shown once, to the administrator).
            if (!c->isInstructor(user))
                c->instructors << user;
            c->instructorSecretHashes.insert(c->instructorNamed(user), text(d, "secretHash").toLatin1());
        } else if (const QString named = c->instructorNamed(user); !named.isEmpty()) {
            c->instructors.removeAll(named);
            c->instructorSecretHashes.remove(named);
            c->instructorSecrets.remove(named);
        }
        return true;
    }
    case EventKind::RosterImported:
        for (const QJsonValue &v : d.value(QLatin1String("entries")).toArray()) {
            const QJsonObject entry = v.toObject();
            const QString user = text(entry, "user");
            const QString key = normalizedName(user);
            c->inviteHashes.insert(key, text(entry, "inviteHash").toLatin1());
            c->invitedNames.insert(key, user);
            if (text(entry, "role") == QLatin1String("ta"))
                c->tas.insert(key, user);
        }
        return true;
    default:
        return false;
    }
}

CourseEvent CourseCatalog::forMembers(const CourseEvent &event)
{
    switch (event.kind) {
    case EventKind::JoinCodeRotated: {
        CourseEvent shown = event;
        shown.data.remove(QStringLiteral("joinCodeHash"));
        return shown;
    }
    case EventKind::RosterImported: {
        CourseEvent shown = event;
        shown.data = QJsonObject{{QStringLiteral("by"), event.data.value(QLatin1String("by"))},
                                 {QStringLiteral("count"), event.data.value(QLatin1String("entries")).toArray().size()}};
        return shown;
    }
    case EventKind::MemberRole: {
        CourseEvent shown = event;
        shown.data.remove(QStringLiteral("secretHash")); // a new instructor's
        return shown;
    }
    case EventKind::CourseCreated: {
        CourseEvent shown = event;
        shown.data.remove(QStringLiteral("joinCodeHash"));
        shown.data.remove(QStringLiteral("secretHashes"));
        return shown;
    }
    default:
        return event;
    }
}

} // namespace collab::server
