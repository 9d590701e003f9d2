#include "authorlabel.h"

#include "protocol/ids.h"

#include <QCoreApplication>

namespace collab::desktop::authorlabel {

namespace {

bool byReader(const ChatMessage &m, const QString &reader) { return m.mine || sameName(m.author, reader); }

} // namespace

QString shown(const ChatMessage &m, const QString &reader)
{
    if (!m.anonymous)
        return m.author.isEmpty() ? m.pseudonym : m.author;
    if (m.author.isEmpty()) // a classmate's view: the pseudonym is all there is
        return m.pseudonym.isEmpty() ? QCoreApplication::translate("collab::desktop::AuthorLabel", "Anonymous") : m.pseudonym;
    if (byReader(m, reader))
        return m.pseudonym.isEmpty() ? QCoreApplication::translate("collab::desktop::AuthorLabel", "You, posting anonymously") // still in the outbox: no pseudonym yet
                                     : QCoreApplication::translate("collab::desktop::AuthorLabel", "%1 (you, posted anonymously)").arg(m.pseudonym);
    return m.pseudonym.isEmpty() ? QCoreApplication::translate("collab::desktop::AuthorLabel", "%1 (anonymous to students)").arg(m.author)
                                 : QCoreApplication::translate("collab::desktop::AuthorLabel", "%1 — %2", "an anonymous post's pseudonym, then who wrote it (shown to instructors and TAs only)")
                                       .arg(m.pseudonym, m.author);
}

QString spoken(const ChatMessage &m, const QString &reader)
{
    if (!m.anonymous || m.author.isEmpty())
        return shown(m, reader);
    if (byReader(m, reader))
        return m.pseudonym.isEmpty() ? QCoreApplication::translate("collab::desktop::AuthorLabel", "You, posting anonymously") : QCoreApplication::translate("collab::desktop::AuthorLabel", "%1, posted anonymously by you").arg(m.pseudonym);
    return m.pseudonym.isEmpty() ? QCoreApplication::translate("collab::desktop::AuthorLabel", "%1 (anonymous to students)").arg(m.author)
                                 : QCoreApplication::translate("collab::desktop::AuthorLabel", "%1, posted anonymously by %2").arg(m.pseudonym, m.author);
}

QString ofSearchHit(const proto::SearchHit &hit, const QString &reader)
{
    if (hit.author.isEmpty())
        return QCoreApplication::translate("collab::desktop::AuthorLabel", "anonymous");
    if (!hit.anonymous)
        return hit.author;
    return sameName(hit.author, reader) ? QCoreApplication::translate("collab::desktop::AuthorLabel", "you (posted anonymously)") : QCoreApplication::translate("collab::desktop::AuthorLabel", "%1 (anonymous to students)").arg(hit.author);
}

} // namespace collab::desktop::authorlabel
