#include "hub/anonymityfilter.h"

#include "hub/permissions.h"
#include "protocol/ids.h"

namespace collab::server {

namespace {
const QLatin1String kAnonymous("anonymous");
const QLatin1String kAuthor("author");
const QLatin1String kBy("by");
const QLatin1String kPseudonym("pseudonym");
} // namespace

Reader Reader::of(const Actor &actor) { return Reader{actor.user, allows(actor.role, Permission::Moderate)}; }

CourseEvent AnonymityFilter::forEveryone(const CourseEvent &event)
{
    if (event.kind == EventKind::PollCreated && event.data.contains(QLatin1String("ballotKey"))) {
        CourseEvent shown = event;
        shown.data.remove(QStringLiteral("ballotKey"));
        return shown;
    }
    // Who uploaded a file is kept for moderation and export, never shown: a file attached to an
    // anonymous post would otherwise name its author.
    if (event.kind == EventKind::FileUploaded && event.data.contains(QLatin1String("by"))) {
        CourseEvent shown = event;
        shown.data.remove(QStringLiteral("by"));
        return shown;
    }
    return event;
}

bool AnonymityFilter::dependsOnReader(const CourseEvent &event)
{
    switch (event.kind) {
    case EventKind::ChatPosted:
    case EventKind::ChatEdited:
    case EventKind::ChatDeleted:
    case EventKind::QuestionUpdated:
        return event.data.value(kAnonymous).toBool();
    default:
        return false;
    }
}

AnonymityFilter::Audience AnonymityFilter::audience(const Reader &reader, const CourseEvent &event)
{
    if (!dependsOnReader(event))
        return Audience::Everyone;
    if (reader.seesAuthors)
        return Audience::Moderator;
    if (!reader.user.isEmpty() && sameName(reader.user, event.data.value(kAuthor).toString()))
        return Audience::Author;
    return Audience::Classmate;
}

CourseEvent AnonymityFilter::forAudience(const CourseEvent &event, Audience audience)
{
    if (audience != Audience::Classmate)
        return event;
    CourseEvent shown = event;
    const QString author = event.data.value(kAuthor).toString();
    const QString pseudonym = event.data.value(kPseudonym).toString();
    shown.data.remove(kAuthor);
    shown.data.remove(QStringLiteral("clientMsgId")); // a client's ids can name it
    shown.data.remove(QStringLiteral("via"));
    if (sameName(event.data.value(kBy).toString(), author)) // the author changed their own post
        shown.data.insert(kBy, pseudonym);
    return shown;
}

void AnonymityFilter::present(ChatMessage &m, const Reader &reader)
{
    if (!m.anonymous)
        return;
    if (!reader.user.isEmpty() && sameName(reader.user, m.author)) {
        m.mine = true;
        return;
    }
    if (reader.seesAuthors)
        return;
    if (sameName(m.deletedBy, m.author)) // the author deleted their own post: "deleted by Anonymous Owl"
        m.deletedBy = m.pseudonym;
    if (sameName(m.editedBy, m.author)) // the author edited their own post: "edited by Anonymous Owl"
        m.editedBy = m.pseudonym;
    m.author.clear();
    m.clientMsgId.clear();
    m.via.clear();
}

void AnonymityFilter::markAnonymous(QJsonObject &data, const ChatMessage &m)
{
    if (!m.anonymous)
        return;
    data.insert(kAnonymous, true);
    data.insert(kAuthor, m.author);
    data.insert(kPseudonym, m.pseudonym);
}

} // namespace collab::server
