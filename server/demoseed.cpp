#include "demoseed.h"

#include "hub/hub.h"
#include "logging.h"
#include "store/eventlog.h"

namespace collab::server {

void seedDemoCourse(Hub &hub)
{
    const CourseConfig *course = hub.config().courses.isEmpty() ? nullptr : &hub.config().courses.first();
    if (!course || course->instructors.isEmpty() || hub.log().lastSeq(course->id) > 0)
        return;
    const QString id = course->id;
    const Actor instructor{course->instructors.first(), Actor::Role::Instructor, QString()};
    // In the channel every client opens first (the course's first, #general in the demo), so that
    // the first screen anyone sees has something in it; the text says "chat here", which an
    // announcement-only channel would contradict.
    QString welcomeChannel = course->channels.first();
    for (const QString &channel : course->channels)
        if (!course->announcements.contains(channel)) {
            welcomeChannel = channel;
            break;
        }
    const QStringList welcome{
        QStringLiteral("Welcome to %1! This is a demo course: chat here, edit the shared note on the right together, "
                       "and watch everyone's changes arrive live.").arg(course->title),
        QStringLiteral("Invite a classmate: Course \u2192 Invite people shows the address, the course id and the join code."),
    };
    int n = 0;
    for (const QString &text : welcome)
        hub.postMessage(instructor, id, welcomeChannel, text, QStringLiteral("demo-welcome-%1").arg(++n), [](Result<MessageOutcome> r) {
            if (!r)
                qCWarning(lcServer) << "demo: a welcome message was not stored:" << r.error().message;
        });
    if (!course->notes.isEmpty()) {
        const QString starter = QStringLiteral("%1 \u2014 class notes\n\n"
                                               "- This note is shared: everyone's edits merge live, even offline ones.\n"
                                               "- Week 1: what makes a system distributed?\n")
                                    .arg(course->title);
        hub.editNote(instructor, id, course->notes.first(), TextEdit{0, 0, starter}, [](Result<NoteOutcome> r) {
            if (!r)
                qCWarning(lcServer) << "demo: the starter note was not stored:" << r.error().message;
        });
    }
}

} // namespace collab::server
