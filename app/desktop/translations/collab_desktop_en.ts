<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>collab::desktop::AccessibleText</name>
    <message numerus="yes">
        <source>%n reply(s)</source>
        <translation>
            <numerusform>%n reply</numerusform>
            <numerusform>%n replies</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n new reply(s)</source>
        <translation>
            <numerusform>%n new reply</numerusform>
            <numerusform>%n new replies</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unread</source>
        <translation>
            <numerusform>%n unread</numerusform>
            <numerusform>%n unread</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n mentioning you</source>
        <translation>
            <numerusform>%n mentioning you</numerusform>
            <numerusform>%n mentioning you</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>collab::desktop::AttachmentTray</name>
    <message numerus="yes">
        <source>a message carries at most %n file(s)</source>
        <translation>
            <numerusform>a message carries at most %n file</numerusform>
            <numerusform>a message carries at most %n files</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>collab::desktop::Attachments</name>
    <message numerus="yes">
        <source>%n byte(s)</source>
        <translation>
            <numerusform>%n byte</numerusform>
            <numerusform>%n bytes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>collab::desktop::ChannelModel</name>
    <message numerus="yes">
        <source>%n unread, %1 mentioning you</source>
        <translation>
            <numerusform>%n unread, %1 mentioning you</numerusform>
            <numerusform>%n unread, %1 mentioning you</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unread</source>
        <translation>
            <numerusform>%n unread</numerusform>
            <numerusform>%n unread</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>collab::desktop::ChatModel</name>
    <message numerus="yes">
        <source>%n reply(s)</source>
        <translation>
            <numerusform>%n reply</numerusform>
            <numerusform>%n replies</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>collab::desktop::CourseSession</name>
    <message numerus="yes">
        <source>%1 · %n message(s) in the outbox</source>
        <translation>
            <numerusform>%1 · %n message in the outbox</numerusform>
            <numerusform>%1 · %n messages in the outbox</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>collab::desktop::CourseSidebarModel</name>
    <message numerus="yes">
        <source>course %1, %n unread, %2 mentioning you, as %3 on %4</source>
        <translation>
            <numerusform>course %1, %n unread, %2 mentioning you, as %3 on %4</numerusform>
            <numerusform>course %1, %n unread, %2 mentioning you, as %3 on %4</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>course %1, %n unread, as %2 on %3</source>
        <translation>
            <numerusform>course %1, %n unread, as %2 on %3</numerusform>
            <numerusform>course %1, %n unread, as %2 on %3</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>course %1, %n mentioning you, as %2 on %3</source>
        <translation>
            <numerusform>course %1, %n mentioning you, as %2 on %3</numerusform>
            <numerusform>course %1, %n mentioning you, as %2 on %3</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>collab::desktop::MainWindow</name>
    <message numerus="yes">
        <source>%n person(s) connected to the session you host.</source>
        <translation>
            <numerusform>%n person is connected to the session you host.</numerusform>
            <numerusform>%n people are connected to the session you host.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Members — %n online</source>
        <translation>
            <numerusform>Members — %n online</numerusform>
            <numerusform>Members — %n online</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>collab::desktop::MentionAnnouncer</name>
    <message numerus="yes">
        <source>%n new mention(s) of you in %1</source>
        <translation>
            <numerusform>%n new mention of you in %1</numerusform>
            <numerusform>%n new mentions of you in %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>collab::desktop::MessageLocator</name>
    <message numerus="yes">
        <source>That message is more than %n messages back in #%1</source>
        <translation>
            <numerusform>That message is more than %n message back in #%1</numerusform>
            <numerusform>That message is more than %n messages back in #%1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>collab::desktop::ModerationLogDialog</name>
    <message numerus="yes">
        <source>%n entry(s).</source>
        <translation>
            <numerusform>%n entry.</numerusform>
            <numerusform>%n entries.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>collab::desktop::NoteHistoryView</name>
    <message numerus="yes">
        <source>&lt;span style=&quot;background:%1;color:%2&quot;&gt;&amp;nbsp;%3&amp;nbsp;&lt;/span&gt; %n character(s)</source>
        <translation>
            <numerusform>&lt;span style=&quot;background:%1;color:%2&quot;&gt;&amp;nbsp;%3&amp;nbsp;&lt;/span&gt; %n character</numerusform>
            <numerusform>&lt;span style=&quot;background:%1;color:%2&quot;&gt;&amp;nbsp;%3&amp;nbsp;&lt;/span&gt; %n characters</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>collab::desktop::NotesPanel</name>
    <message numerus="yes">
        <source>Your last %n edit(s) to %1 were not saved and undone: %2</source>
        <translation>
            <numerusform>Your last edit to %1 was not saved and undone: %2</numerusform>
            <numerusform>Your last %n edits to %1 were not saved and undone: %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>● offline · %n unsent</source>
        <translation>
            <numerusform>● offline · %n unsent</numerusform>
            <numerusform>● offline · %n unsent</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>● saving %n…</source>
        <translation>
            <numerusform>● saving %n…</numerusform>
            <numerusform>● saving %n…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n edit(s) not acknowledged yet</source>
        <translation>
            <numerusform>%n edit not acknowledged yet</numerusform>
            <numerusform>%n edits not acknowledged yet</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>collab::desktop::PollPanel</name>
    <message numerus="yes">
        <source>%n voter(s)</source>
        <translation>
            <numerusform>%n voter</numerusform>
            <numerusform>%n voters</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>collab::desktop::QuickSwitcher</name>
    <message numerus="yes">
        <source># %1  (%n unread)</source>
        <translation>
            <numerusform># %1  (%n unread)</numerusform>
            <numerusform># %1  (%n unread)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>collab::desktop::RosterImportDialog</name>
    <message numerus="yes">
        <source>%n invite(s): each admits its name, in place of the join code. They are shown only now: copy them (Copy invites) before closing.</source>
        <translation>
            <numerusform>%n invite: it admits its name, in place of the join code. It is shown only now: copy it (Copy invites) before closing.</numerusform>
            <numerusform>%n invites: each admits its name, in place of the join code. They are shown only now: copy them (Copy invites) before closing.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>collab::desktop::SearchPanel</name>
    <message numerus="yes">
        <source>%n message(s) (more: add words or filters)</source>
        <translation>
            <numerusform>%n message (more: add words or filters)</numerusform>
            <numerusform>%n messages (more: add words or filters)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n message(s)</source>
        <translation>
            <numerusform>%n message</numerusform>
            <numerusform>%n messages</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>collab::desktop::ThreadPanel</name>
    <message numerus="yes">
        <source>Thread in #%1 · %n reply(s)</source>
        <translation>
            <numerusform>Thread in #%1 · %n reply</numerusform>
            <numerusform>Thread in #%1 · %n replies</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 · %n new</source>
        <comment>replies</comment>
        <translation>
            <numerusform>%1 · %n new</numerusform>
            <numerusform>%1 · %n new</numerusform>
        </translation>
    </message>
</context>
</TS>
