#pragma once

#include "store/catalogprojection.h"
#include "store/filesprojection.h"
#include "store/kicksprojection.h"
#include "store/membersprojection.h"
#include "store/messagesprojection.h"
#include "store/moderationlogprojection.h"
#include "store/notehistoryprojection.h"
#include "store/notesprojection.h"
#include "store/searchprojection.h"
#include "store/pollsprojection.h"
#include "store/queueprojection.h"
#include "store/reactionsprojection.h"

#include <vector>

namespace collab::server {

// The read side of the server: every projection of the event log, registered here and only here.
// SqliteEventLog owns one and feeds all() every event in the transaction that appends it; the Hub
// and the REST controllers ask the typed accessors. In Redis mode the projections are the same,
// fed by the events the RedisFeed applies to the node's local copy of the log.
class Projections
{
public:
    Projections();
    Projections(const Projections &) = delete;
    Projections &operator=(const Projections &) = delete;

    const MessagesProjection &messages() const { return m_messages; }
    const MembersProjection &members() const { return m_members; }
    const KicksProjection &kicks() const { return m_kicks; }
    NotesProjection &notes() { return m_notes; } // the Notebook saves its snapshots there
    const NotesProjection &notes() const { return m_notes; }
    NoteHistoryProjection &noteHistory() { return m_noteHistory; } // the Notebook saves its checkpoints there
    const NoteHistoryProjection &noteHistory() const { return m_noteHistory; }
    const CatalogProjection &catalog() const { return m_catalog; }
    const ModerationLogProjection &moderationLog() const { return m_moderationLog; }
    const SearchProjection &search() const { return m_search; }
    const FilesProjection &files() const { return m_files; } // issue 15 part 3
    // Course interactions (issue 14).
    const ReactionsProjection &reactions() const { return m_reactions; }
    const PollsProjection &polls() const { return m_polls; }
    const QueueProjection &queues() const { return m_queues; }
    const InteractionSettingsProjection &interactionSettings() const { return m_interactionSettings; }

    // In registration order, which is the order they see each event.
    const std::vector<Projection *> &all() const { return m_all; }

private:
    MessagesProjection m_messages;
    MembersProjection m_members;
    KicksProjection m_kicks;
    NotesProjection m_notes;
    NoteHistoryProjection m_noteHistory;
    CatalogProjection m_catalog;
    ModerationLogProjection m_moderationLog;
    SearchProjection m_search;
    ReactionsProjection m_reactions;
    PollsProjection m_polls;
    QueueProjection m_queues;
    InteractionSettingsProjection m_interactionSettings;
    FilesProjection m_files;
    std::vector<Projection *> m_all;
};

} // namespace collab::server
