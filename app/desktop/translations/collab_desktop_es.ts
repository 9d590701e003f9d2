<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es">
<context>
    <name>collab::desktop::AccessibleText</name>
    <message>
        <source>instructor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TA</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>server administrator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown author</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 via %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: message deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: message deleted by %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: poll: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>edited</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>edited by %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n reply(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>reactions %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not sent: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>anonymous</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>question, resolved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>question, open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>endorsed answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reply in a thread</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pinned</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n new reply(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>mentions you</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>channel %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n unread</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n mentioning you</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>presence unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>offline</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>collab::desktop::AppController</name>
    <message>
        <source>not connected within %1 s: no screenshot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot host a session: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>choose your name first (letters, digits, &apos;.&apos;, &apos;_&apos; or &apos;-&apos;, starting with a letter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your new course</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no course was created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create the course: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot join: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not join: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>collab::desktop::ChannelModel</name>
    <message numerus="yes">
        <source>%n unread, %1 mentioning you</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unread</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>collab::desktop::ChatDelegate</name>
    <message>
        <source>This message was deleted by %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This message was deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>via %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(edited)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(edited by %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sending…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>⚠ not sent: %1 — right-click to retry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New messages</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>collab::desktop::ChatModel</name>
    <message>
        <source>%1 (%2 new)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 by %2</source>
        <comment>replies by people</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>📌 pinned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>📊 poll</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>question (resolved)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>question</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>↳ reply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✔ answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not sent</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>collab::desktop::ChatPanel</name>
    <message>
        <source>Each message: author, time and text; the context menu (Menu key) has its actions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter sends, Shift+Enter starts a new line, @ completes a member&apos;s name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages in #%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message #%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select what you want and press Ctrl+C.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy link address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reply in thread</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open poll</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>React</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unpin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pin to channel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy message text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select text…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete this message for everyone?</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>collab::desktop::Composer</name>
    <message>
        <source>Message — Enter to send, Shift+Enter for a new line</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>collab::desktop::CourseExportAction</name>
    <message>
        <source>Export %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zip archives (*.zip)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exporting %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export course</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exporting %1… %2 KiB</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>collab::desktop::CourseMenu</name>
    <message>
        <source>TA</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>instructor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>student</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Course</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New course…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Course &amp;settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Invite people…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import &amp;roster…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Moderation log…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export course…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 exported to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your role in this course</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>instructor (server administrator)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>server administrator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New channel…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New channel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Channel name (letters, digits, . _ -):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>#%1 added</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New announcement channel…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New announcement channel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Channel name (only you and TAs post there):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Let everyone post in #%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make #%1 announcement-only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>#%1 changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Archive #%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>#%1 archived</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rename #%1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rename #%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The name everyone sees (the id #%1 stays for commands and links):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>#%1 renamed to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New note…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note name, e.g. week5-consensus:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>note %1 created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lock %1 (read-only for students)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 locked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unlock %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 unlocked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Archive %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 archived</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rename %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rename note %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The name everyone sees (the id %1 stays for commands and links):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>note %1 renamed to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>for 10 minutes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 removed for 10 minutes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>for an hour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 removed for an hour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>for a day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 removed for a day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>until restored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 removed until restored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 may join again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dismiss %1 as TA</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Appoint %1 as TA</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is now a student</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is now a TA</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make %1 a student (no longer an instructor)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make %1 an instructor…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot make %1 an instructor: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 teaches %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is now an instructor of %2. Give them this secret (shown only now); they join with it as their instructor&apos;s secret:

%3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>collab::desktop::CourseRequests</name>
    <message>
        <source>malformed request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>incomplete request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not accepted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not understood by the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>too large</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not signed in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not allowed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>wrong join code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not in this course</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no such course</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no such channel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no such note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>conflict</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>too many requests: wait a moment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server is busy: try again later</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>server error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no answer from the server</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>collab::desktop::CourseSession</name>
    <message>
        <source>Connected to %1 as %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting to %1… (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reconnecting… (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Removed from %1 by %2 until restored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Removed from %1 by %2 until %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 · %n message(s) in the outbox</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Your edit was not saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not load older messages: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The message was not deleted: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You were removed from %1 by %2 until restored.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You were removed from %1 by %2 until %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is archived: it is read-only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>#%1 is archived: it is read-only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only instructors and TAs post in #%1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read-only: you were removed from %1 by %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read-only: %1 is archived.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Locked by %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an instructor</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>collab::desktop::CourseSettingsDialog</name>
    <message>
        <source>Students may create notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only roster invites admit students (not the join code)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Archived: read-only for everyone, still readable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>collab::desktop::EditMessageDialog</name>
    <message>
        <source>Edit message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter saves, Shift+Enter starts a new line, Esc cancels.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edited message</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>collab::desktop::HostedServer</name>
    <message>
        <source>the hosted server is not running</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>collab::desktop::InteractionsPanel</name>
    <message>
        <source>Thread</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Poll</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queue</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>collab::desktop::InvitePanel</name>
    <message>
        <source>New join code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invite people to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Classmates join with these (they choose their own name):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Course id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Join code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In a terminal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make a new join code: the current one is refused from now on (e.g. after it leaked)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>collab-cli --server %1 --course %2 --join-code %3 --username YOUR.NAME --listen</source>
        <comment>a command: translate only YOUR.NAME (letters, digits, . _ -)</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not rotate the code: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New join code: the old one is refused from now on.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>collab::desktop::LoginDialog</name>
    <message>
        <source>Join a course</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. angie.nguyen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. CECS327</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>instructors only, if the course has one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Display &amp;name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Course</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Join code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Instructor &amp;secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Join</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host a session on this computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start a server inside this app with a demo course and share its address and join code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A display name is 1፤ letters, digits, dots, dashes or underscores.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server address looks like ws://HOST:PORT/ws or https://HOST:PORT.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the course id, e.g. CECS327.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the course&apos;s join code (ask your instructor).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>collab::desktop::MainWindow</name>
    <message>
        <source>Channels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Members</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is ready to help you now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection state</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export note…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reconnect now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Find in channel…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find in &amp;course…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New &amp;poll…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start a poll in the current channel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only instructors and TAs start polls</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Threads, polls and queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The thread, poll and office-hours queue panel at the right of the chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note &amp;history…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quick switcher…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Next pane</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Previous pane</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hosting at &lt;b&gt;%1&lt;/b&gt; · join code &lt;b&gt;%2&lt;/b&gt; · &lt;a href=&quot;invite&quot;&gt;Invite people…&lt;/a&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hosting · join code &lt;b&gt;%1&lt;/b&gt; · &lt;a href=&quot;invite&quot;&gt;Invite people…&lt;/a&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hosting · &lt;a href=&quot;invite&quot;&gt;Invite people…&lt;/a&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hosting at %1, join code %2: share them with your classmates (Invite people…)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End the session for everyone?</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n person(s) connected to the session you host.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Closing this window stops the server: they are disconnected until you host again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End session and close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Members — %1 online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Members — presence unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · %2 · CourseCollab</source>
        <comment>window title: course, user</comment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>collab::desktop::MemberModel</name>
    <message>
        <source>%1  (instructor)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>presence unknown (you are not connected)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>offline</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>collab::desktop::MentionNotifier</name>
    <message>
        <source>%1 mentioned you in #%2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>collab::desktop::MessageLocator</name>
    <message>
        <source>That message is no longer in #%1 (deleted?)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>That message is more than %n messages back in #%1</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Could not load #%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That message is no longer in #%1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>collab::desktop::ModerationLogDialog</name>
    <message>
        <source>message deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>note locked or unlocked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>member removed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>member&apos;s data erased</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>member restored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>role changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>course settings changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>channel added</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>channel changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>note created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>note changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>new join code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>roster imported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 until restored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 until %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Moderation log of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>By</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Moderation log: when, what, by whom, details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the log: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n entry(s).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>collab::desktop::NamedVersionModel</name>
    <message>
        <source>“%1” · #%2 · by %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Named by %1 on %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, version %2, named by %3 on %4</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>collab::desktop::NewCourseDialog</name>
    <message>
        <source>New course</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Distributed Systems</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>general, homework, !announcements</source>
        <comment>default channel ids: letters, digits, . _ - only</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comma-separated; a ! before a name makes it announcement-only (only you and TAs post)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Course id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Channels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comma-separated. A ! before a name makes it announcement-only: only instructors and TAs post there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The course id must be 1-64 letters, digits, &apos;.&apos;, &apos;_&apos; or &apos;-&apos; (e.g. CECS327).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Course ids may not start with &apos;_&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The title is too long (at most %1 bytes).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a channel name (letters, digits, &apos;.&apos;, &apos;_&apos; or &apos;-&apos;).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>#%1 is listed twice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a note name (letters, digits, &apos;.&apos;, &apos;_&apos; or &apos;-&apos;).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>collab::desktop::NoteHistoryRender</name>
    <message>
        <source>No difference: the two versions have the same text.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>line %1: added</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>line %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>collab::desktop::NoteHistoryView</name>
    <message>
        <source>Older versions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>History of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load the versions before the oldest one on the slider</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text of this version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Compare with:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare with</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the current text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the version before it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each line starts with + (added) or - (removed), not only a colour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who wrote what</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;hanges</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Authors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Named versions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None yet. Instructors and TAs name versions (쯯ore midterm”) to find them again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That version is older than the ones loaded: load older versions first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading the versions…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not load the history: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The history is not loaded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The slider starts at the note&apos;s first version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This note has no versions yet: nobody has written in it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading version #%1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading the changes…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading who wrote what at #%1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version %1 of %2 loaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 (the current text)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version #%1 could not be loaded: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The note at version #%1: %2 characters (read-only)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The changes could not be loaded: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version #%1 is the note&apos;s first: all of its text was added.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From version #%1 to #%2 (now): lines marked − were removed, + added.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From version #%1 to #%2: lines marked − were removed, + added.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who wrote what could not be loaded: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>&lt;span style=&quot;background:%1;color:%2&quot;&gt;&amp;nbsp;%3&amp;nbsp;&lt;/span&gt; %n character(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Who wrote the text of version #%1 (point at a part to see its author)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Written by %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>collab::desktop::NotePreview</name>
    <message>
        <source>Copy code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy link</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>collab::desktop::NoteVersionActions</name>
    <message>
        <source>&amp;Name this version…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Restore this version…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only instructors and TAs name versions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only instructors and TAs restore versions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline: naming and restoring wait for the connection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No version is chosen on the slider.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Locked by %1: unlock the note before restoring a version.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is the note&apos;s current text.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give version #%1 a name everyone sees (쯯ore midterm”)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make the note&apos;s text what it was at version #%1, as a new edit of yours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only instructors and TAs name and restore versions; you can browse them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name this version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A name for version #%1 (up to %2 characters), e.g. 쯯ore midterm”:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not named: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Naming version #%1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version #%1 was not named “%2”: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version #%1 is named “%2”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore this version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make %1 what it was at version #%2?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The text becomes that version&apos;s, as a new edit of yours that everyone sees at once. Nothing of the history is lost: the text as it is now stays a version you can go back to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restoring version #%1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version #%1 was not restored: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The note&apos;s text already is version #%1&apos;s: nothing to restore.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version #%1 is restored: the note&apos;s text is now version #%2.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>collab::desktop::NoteVersionModel</name>
    <message>
        <source>%1 · restored #%2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>collab::desktop::NoteWorkspace</name>
    <message>
        <source>Outline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the rendered note beside its Markdown source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>History…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The note&apos;s versions on a time slider: its text, changes and authors at any point (View → Note history…, Ctrl+Shift+H)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The note&apos;s headings; choosing one moves the editor there</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The note rendered: headings, lists, code and math</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The outline lists the note&apos;s headings: this note has none yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Widen the notes pane to show the outline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the note&apos;s headings; click one to jump to it</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>collab::desktop::NotesPanel</name>
    <message>
        <source>Shared notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shared class notes: everyone in the course edits this together.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shared note %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Everyone in the course edits this together; Tab indents, Esc or Ctrl+Tab leaves</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Your last %n edit(s) to %1 were not saved and undone: %2</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>unknown format %1 (md, html or pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no note %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>⚠ edits refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>↻ reloading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>● offline · %n unsent</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>● offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline: your edits are kept and merged when the connection is back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>● saving %n…</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n edit(s) not acknowledged yet</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>● in sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Everything you typed is on the server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> %1 is read-only. %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>collab::desktop::PollDialog</name>
    <message>
        <source>&amp;Add option</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Voters may choose &amp;several options</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A&amp;nonymous: nobody sees who voted, instructors included</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Start poll</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New poll in #%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Which consensus protocol is easier to implement?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Question:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Options:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>until closed by hand</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The poll closes by itself this many minutes after it starts (0: when you close it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open for:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only the counts are kept: no one, instructors and TAs included, can see a voter&apos;s choice, and a vote cannot be changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Option %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Take this option out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove option</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the question.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The question is too long (at most %1 bytes).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fill in every option, or take the empty ones out (✕).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An option is too long (at most %1 bytes).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is there twice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another option (up to %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A poll has at most %1 options</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting the poll…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>⚠ The poll was not started: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>collab::desktop::PollPanel</name>
    <message>
        <source>Right-click a poll: Open poll</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Vote</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close poll</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New poll…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start a poll in the current channel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (closed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n voter(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>%1 · anonymous</source>
        <comment>poll status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · you voted</source>
        <comment>poll status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose an option first</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>collab::desktop::QueuePanel</name>
    <message>
        <source>Join queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make this channel a queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Take next</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requeue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your question, in one line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your question for the queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Office-hours queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Say in one line what you need help with</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — %2 (with %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>#%1 is not an office-hours queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You are #%1 in the queue (about %2 min)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Office hours: %1 served, mean wait %2 min</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>collab::desktop::QuickSwitcher</name>
    <message>
        <source>Go to channel or note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Channel or note — Enter to go, Esc to close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Channel or note to go to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Matching channels and notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source># %1  (%n unread)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>✎ %1  (note)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>collab::desktop::RosterImportDialog</name>
    <message>
        <source>Import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import a roster into %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A CSV file from your LMS: name, email or student id, role (student or ta).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Roster file (CSV)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Email or id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invite</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Roster: name, email or id, role, invite</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy invites</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Roster</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is %2 KiB; a roster may be at most %3 MiB (about 80,000 rows).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Row %1 of %2 is not UTF-8 text: save it from the spreadsheet as &quot;CSV UTF-8&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was imported: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n invite(s): each admits its name, in place of the join code. They are shown only now: copy them (Copy invites) before closing.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>collab::desktop::SearchHitDelegate</name>
    <message>
        <source>anonymous</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (anonymous to students)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>collab::desktop::SearchPanel</name>
    <message>
        <source>words, &quot;a phrase&quot;, from:name in:#channel has:code before:2026-03-01</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear the search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Words or a phrase; filters from:, in:#channel, has:code, before: and after:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter opens a message in its channel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search #%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The search failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 in #%2, %3: %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>anonymous</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No message matches</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) (more: add words or filters)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n message(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>collab::desktop::ThreadPanel</name>
    <message>
        <source>%1 (as %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(deleted)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Right-click a message: Reply in thread</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Anonymously</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reply in the thread</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thread messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Classmates see a pseudonym; instructors and TAs see you</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This thread could not be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Thread in #%1 · %n reply(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 · %n new</source>
        <comment>replies</comment>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>✔ Answer · %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Endorsed by an instructor or TA as the answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>● new ↳ %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New since you last read this thread</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reopen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark resolved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The question is open again: it is back in the unresolved list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The question is answered: it leaves the unresolved list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not a question</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark as a question</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✔ Resolved question</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>? Open question</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reopen the question</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only the question&apos;s author, instructors and TAs resolve it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only the author, instructors and TAs change this</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Take back the endorsement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Endorse as the answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only instructors and TAs endorse answers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only replies to a question are endorsed: mark the thread a question first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not changed: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>collab::desktop::TypingState</name>
    <message>
        <source>%1 is typing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is editing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 and %2 are typing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 and %2 are editing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>several people are typing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>several people are editing…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
