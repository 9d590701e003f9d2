#pragma once

namespace collab::server {

class Hub;

// The built-in demo course, the first time it runs (its log is empty): a few welcome messages from
// its instructor in #general (the channel clients open first) and a starter text in class-notes, so that a
// newcomer (collab-desktop --host-demo, `make run`, collab-server without --config) sees what the
// product does instead of an empty window. Stored as ordinary events: a restart does not repeat them.
void seedDemoCourse(Hub &hub);

} // namespace collab::server
