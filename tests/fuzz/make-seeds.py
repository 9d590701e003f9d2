#!/usr/bin/env python3
"""Writes the seed corpora of the fuzz targets (tests/fuzz/corpus/<target>/): a handful of tiny
valid inputs each, so the fuzzers start from the shapes the code expects. Deterministic; run it
again after changing it and commit the result. The snapshot seeds of fuzz_crdt (mode 2) are
Document::encodeSnapshot() outputs and are kept as they are (seed-snapshot-*)."""
import json
import os
import random
import struct

HERE = os.path.dirname(os.path.abspath(__file__))


def write(target, name, data):
    d = os.path.join(HERE, "corpus", target)
    os.makedirs(d, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


def compact(obj):
    return json.dumps(obj, separators=(",", ":"), ensure_ascii=False)


R1 = "000000000000000a"
R2 = "000000000000000b"
INSERT = ["i", R2, 0, None, None, "hi"]
INSERT2 = ["i", R1, 0, [R2, 1], None, "\u00e9\U0001F600"]
DELETE = ["d", R2, 2, [[R2, 0, 1]]]

# fuzz_protocol: client and server frames (both decoders see every input)
protocol = {
    "hello": {"type": "hello", "ref": 1, "user": "alice", "token": "t0k", "client": "collab-cli/0.1"},
    "join": {"type": "join", "ref": "j1", "course": "cs101", "joinCode": "secret", "since": 12},
    "chat-send": {"type": "chat.send", "ref": 2, "course": "cs101", "channel": "general",
                  "text": "hello \u00e9", "clientMsgId": "m-1"},
    "chat-edit": {"type": "chat.edit", "course": "cs101", "id": 7, "text": "fixed"},
    "typing": {"type": "typing", "course": "cs101", "note": "week1", "active": False},
    "edit": {"type": "edit", "course": "cs101", "note": "week1", "action": "insert_line", "text": "x", "line": 2},
    "history": {"type": "history", "course": "cs101", "channel": "general", "before": 40, "limit": 20},
    "note-ops": {"type": "note.ops", "ref": 3, "course": "cs101", "note": "week1", "ops": [INSERT, INSERT2, DELETE]},
    "note-sync": {"type": "note.sync", "course": "cs101", "note": "week1", "have": {R2: 3}},
    "ping": {"type": "ping", "ref": 4},
    "welcome": {"type": "welcome", "ref": 1, "session": "s1", "user": "alice", "server": "collab", "protocol": 1},
    "joined": {"type": "joined", "ref": "j1", "course": "cs101", "title": "Intro", "seq": 12,
               "channels": ["general"], "notes": ["week1"],
               "members": [{"user": "alice", "role": "student", "online": True}],
               "resumed": True, "recovered": True, "replayed": 0},
    "event": {"type": "event", "course": "cs101", "seq": 13, "kind": "chat.posted", "ts": 1700000000000,
              "data": {"id": 13, "channel": "general", "author": "bob", "text": "yo", "createdAt": 1700000000000}},
    "history-page": {"type": "history", "course": "cs101", "channel": "general", "seq": 13, "more": False,
                     "messages": [{"id": 13, "channel": "general", "author": "bob", "text": "yo",
                                   "createdAt": 1700000000000, "deleted": True}]},
    "note-state": {"type": "note.state", "ref": 5, "course": "cs101", "note": "week1", "seq": 13,
                   "version": {R2: 3}, "ops": [INSERT, DELETE]},
    "error": {"type": "error", "ref": 2, "code": "rate_limited", "message": "slow down", "retryable": True},
    "ack": {"type": "ack", "ref": 2, "id": 13, "seq": 13, "duplicate": False},
    "pong": {"type": "pong", "ref": 4},
    "presence": {"type": "presence", "course": "cs101", "user": "bob", "role": "ta", "online": True},
    "typing-notice": {"type": "typing", "course": "cs101", "user": "bob", "channel": "general", "active": True},
    "kicked": {"type": "kicked", "course": "cs101", "by": "prof", "until": 1700000600000},
    # the rest of the client messages, course administration (courseadminmessages.h) included
    "hello-admin": {"type": "hello", "ref": 1, "user": "root", "adminSecret": "s3cret-admin"},
    "leave": {"type": "leave", "ref": 6, "course": "cs101"},
    "chat-delete": {"type": "chat.delete", "ref": 7, "course": "cs101", "id": 7},
    "note-lock": {"type": "note.lock", "ref": 8, "course": "cs101", "note": "week1", "locked": False},
    "kick": {"type": "kick", "ref": 9, "course": "cs101", "user": "mallory", "minutes": 30},
    "claims-purge": {"type": "claims.purge", "ref": 10, "course": "cs101"},
    "course-create": {"type": "course.create", "ref": 11, "course": "cs102", "title": "Systems é",
                      "instructors": ["prof", "Ada.L"], "channels": ["general", "labs"],
                      "announcements": ["news"], "notes": ["week1"]},
    "course-update": {"type": "course.update", "ref": 12, "course": "cs101", "title": "Intro II",
                      "archived": False, "studentNotes": True, "invitesRequired": False},
    "course-delete": {"type": "course.delete", "ref": 13, "course": "cs102"},
    "channel-add": {"type": "channel.add", "ref": 14, "course": "cs101", "channel": "news", "announcement": True},
    "channel-update": {"type": "channel.update", "ref": 15, "course": "cs101", "channel": "labs",
                       "archived": True, "announcement": False},
    "note-create": {"type": "note.create", "ref": 16, "course": "cs101", "note": "week2"},
    "note-update": {"type": "note.update", "ref": 17, "course": "cs101", "note": "week1", "archived": False},
    "joincode-rotate": {"type": "joincode.rotate", "ref": 18, "course": "cs101"},
    "member-role": {"type": "member.role", "ref": 19, "course": "cs101", "user": "bob", "role": "ta"},
    "member-restore": {"type": "member.restore", "ref": 20, "course": "cs101", "user": "mallory"},
    "roster-import": {"type": "roster.import", "ref": 21, "course": "cs101",
                      "csv": "name,email,role\r\nAda.L,ada@example.org,ta\r\n\"Bob\",\"1234, 5\",\n"},
    "moderation-log": {"type": "moderation.log", "ref": 22, "course": "cs101", "limit": 50},
    # the end of a term (issue 15 part 4)
    "course-export": {"type": "course.export", "ref": 23, "course": "cs101"},
    "retention-set": {"type": "retention.set", "ref": 24, "course": "cs101", "days": 180},
    "retention-off": {"type": "retention.set", "course": "cs101", "off": True},
    "retention-run": {"type": "retention.run", "ref": 25, "course": "cs101", "dryRun": True},
}
# Course interactions (issue 14): the new client messages and the fields they add to messages.
protocol.update({
    "chat-send-reply": {"type": "chat.send", "ref": 6, "course": "cs101", "channel": "general", "text": "re",
                        "clientMsgId": "m-2", "replyTo": 13, "question": False, "anonymous": True},
    "react": {"type": "react", "ref": 7, "course": "cs101", "id": 13, "emoji": "\U0001F44D", "active": True},
    "react-zwj": {"type": "react", "course": "cs101", "id": 13, "emoji": "\U0001F468\u200d\U0001F469\u200d\U0001F467", "active": False},
    "pin": {"type": "pin", "course": "cs101", "id": 13, "pinned": True},
    "pins": {"type": "pins", "course": "cs101", "channel": "general"},
    "thread": {"type": "thread", "course": "cs101", "id": 13, "after": 14, "limit": 20},
    "question-update": {"type": "question.update", "course": "cs101", "id": 13, "resolved": True},
    "endorse": {"type": "endorse", "course": "cs101", "id": 14},
    "questions": {"type": "questions", "course": "cs101", "channel": "general", "unresolved": True},
    "poll-create": {"type": "poll.create", "course": "cs101", "channel": "general", "question": "When?",
                    "options": ["Tue", "Thu"], "multiple": True, "anonymous": True, "minutes": 2},
    "poll-vote": {"type": "poll.vote", "course": "cs101", "poll": 15, "options": [0, 1]},
    "poll-close": {"type": "poll.close", "course": "cs101", "poll": 15},
    "poll-get": {"type": "poll", "course": "cs101", "poll": 15, "csv": True},
    "queue-open": {"type": "queue.open", "course": "cs101", "channel": "office-hours"},
    "queue-join": {"type": "queue.join", "course": "cs101", "channel": "office-hours", "topic": "hw 3"},
    "queue-action": {"type": "queue.action", "course": "cs101", "channel": "office-hours", "action": "take", "user": "bob"},
    "queue": {"type": "queue", "course": "cs101", "channel": "office-hours"},
    "anonymity-set": {"type": "anonymity.set", "course": "cs101", "mode": "questions"},
    "history-page-interactions": {"type": "history", "course": "cs101", "channel": "general", "seq": 16, "more": False,
                                  "messages": [{"id": 13, "channel": "general", "text": "q?", "createdAt": 1700000000000,
                                                "question": True, "anonymous": True, "pseudonym": "Anonymous Owl",
                                                "replies": 2, "repliers": ["bob"], "pinned": True,
                                                "reactions": [{"emoji": "\U0001F44D", "count": 2, "users": ["bob", "eve"], "mine": True}]}]},
})

for name, msg in protocol.items():
    write("fuzz_protocol", name, compact(msg))

# fuzz_rest_bodies: one byte (the note's length for note edits), then the body
rest = {
    "post": (0, {"text": "hello from CI", "author": "ci-bot", "clientMsgId": "build-42"}),
    "post-min": (0, {"text": "x"}),
    "note-insert": (12, {"op": "insert", "position": 3, "text": "abc"}),
    "note-delete": (12, {"op": "delete", "position": 0, "length": 2}),
    "note-append": (255, {"op": "append", "text": "\n\U0001F600"}),
    # the routes that run a course (docs/rest.md, "Running a course"); the path gives the rest
    "course-create": (0, {"id": "cs102", "title": "Systems", "instructors": ["prof"], "channels": ["general"],
                          "announcements": ["news"], "notes": ["week1"]}),
    "course-update": (0, {"title": "Intro II", "archived": False, "studentNotes": True, "invitesRequired": True}),
    "channel-add": (0, {"name": "labs", "announcement": False}),
    "channel-update": (0, {"archived": True, "announcement": True}),
    "note-create": (0, {"name": "week2"}),
    "note-update": (0, {"archived": False}),
    "note-lock": (0, {"locked": True}),
    "member-removal": (0, {"minutes": 60}),
    "member-role": (0, {"role": "ta"}),
}
for name, (length, body) in rest.items():
    write("fuzz_rest_bodies", name, bytes([length]) + compact(body).encode("utf-8"))
# POST .../roster: CSV (the first byte is the most rows it may have)
write("fuzz_rest_bodies", "roster", bytes([8]) + "\ufeffname,email or student id,role\r\nAda.L,ada@example.org,TA\r\n"
      "\"Lin.Bo\",\"s-1\"\"2\",student\r\n\r\ncarol,,\n".encode("utf-8"))


# fuzz_crdt: mode 0 (JSON operations), 1 (binary operations), 3.. (scripts)
def varint(n):
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


write("fuzz_crdt", "json-batch", b"\x00" + compact([INSERT, INSERT2, DELETE]).encode("utf-8"))
write("fuzz_crdt", "json-one", b"\x00" + compact(INSERT).encode("utf-8"))
binary_insert = bytes([0x00]) + struct.pack("<Q", 11) + varint(0) + varint(2) + b"hi"
binary_delete = bytes([0x01]) + struct.pack("<Q", 11) + varint(2) + varint(1) + bytes([1]) + varint(0) + varint(1)
write("fuzz_crdt", "binary-insert", b"\x01" + binary_insert)
write("fuzz_crdt", "binary-batch", b"\x01" + varint(2) + binary_insert + binary_delete)


def zigzag(n):
    return (n << 1) ^ (n >> 63) if n >= 0 else ((-n) << 1) - 1


# A compact batch (docs/notes-crdt.md, "Operation batch"), stored uncompressed: replica b types
# "hi", replica a types an accent and an emoji after b's "i", then b deletes its "h".
def batch_seed():
    meta = bytes([0x04]) + varint(2)                      # b: insert 2 units, counter predicted
    meta += bytes([0x04 | (2 << 3)]) + varint(3)          # a: insert 3 units, left origin of another replica
    meta += bytes([0x05]) + varint(1)                     # b: delete, 1 range
    ids = varint(1) + varint(0) + varint(1)               # replica indexes (b, a, b)
    origins = varint(1) + varint(1)                       # a's left origin: (b, 1)
    targets = varint(1 << 1) + varint(zigzag(0))          # b's own unit 0
    text = "hi\u00e9\U0001F600".encode("utf-8")
    body = varint(2) + struct.pack("<Q", 10) + struct.pack("<Q", 11) + varint(3) + varint(1)
    body += varint(len(text)) + text
    for column in (meta, ids, origins, targets):
        body += varint(len(column)) + column
    return b"CROP\x01\x00" + body


write("fuzz_crdt", "compact-batch", b"\x01" + batch_seed())
rng = random.Random(6)
for i in range(4):
    write("fuzz_crdt", "script-%d" % i, bytes([3 + i]) + bytes(rng.randrange(256) for _ in range(48 + 48 * i)))
# Mode 255 has every bit that picks a heavier check (fuzz_crdt.cpp, ScriptChecks): late joiner, bulk
# merge, batches and snapshot, so tst_fuzz_regressions runs each of them too.
write("fuzz_crdt", "script-all-checks", bytes([255]) + bytes(rng.randrange(256) for _ in range(120)))

# fuzz_ws_frames: byte 0 even = frames (then the limits byte, the cut count and cuts), odd = upgrade


def frame(opcode, payload, fin=True, key=b"\x01\x02\x03\x04"):
    head = bytes([(0x80 if fin else 0) | opcode])
    n = len(payload)
    if n < 126:
        head += bytes([0x80 | n])
    elif n < 65536:
        head += bytes([0x80 | 126]) + struct.pack(">H", n)
    else:
        head += bytes([0x80 | 127]) + struct.pack(">Q", n)
    return head + key + bytes(b ^ key[i % 4] for i, b in enumerate(payload))


frames_prefix = bytes([0, 0x36, 1, 7])  # limits 64 KiB / 64 KiB, reads of 8 bytes
write("fuzz_ws_frames", "text", frames_prefix + frame(1, b'{"type":"ping","ref":1}'))
write("fuzz_ws_frames", "fragmented", frames_prefix + frame(1, "h\u00e9".encode(), fin=False)
      + frame(9, b"p") + frame(0, b"llo"))
write("fuzz_ws_frames", "close", frames_prefix + frame(10, b"") + frame(8, struct.pack(">H", 1000) + b"bye"))
write("fuzz_ws_frames", "long", bytes([0, 0x36, 0, 200]) + frame(1, b"x" * 300))
write("fuzz_ws_frames", "upgrade", b"\x01GET /ws?v=1 HTTP/1.1\r\nHost: localhost:8080\r\nUpgrade: websocket\r\n"
      b"Connection: keep-alive, Upgrade\r\nSec-WebSocket-Version: 13\r\n"
      b"Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n")

# fuzz_http_parser: byte 0 = number of cuts (0-7), then one byte per cut (the read's length)
POST = (b"POST /api/v1/courses/CECS327/channels/general/messages HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        b"Authorization: Bearer bench-key-0123456789\r\nContent-Type: application/json\r\n"
        b"Content-Length: 15\r\n\r\n{\"text\":\"hi\"}\r\n")
write("fuzz_http_parser", "post", bytes([0]) + POST)
write("fuzz_http_parser", "pipelined-cut", bytes([3, 5, 40, 1]) + POST + b"GET /api/v1/health HTTP/1.1\r\nHost: h\r\n\r\n"
      + b"GET /x?y=1 HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
write("fuzz_http_parser", "bare-lf", bytes([1, 9]) + b"\r\n\nGET /lf HTTP/1.1\nHost: x\nExpect: 100-continue\n"
      b"Content-Length: 2, 2\n\nok")
write("fuzz_http_parser", "refused-length", bytes([2, 10, 10]) + b"POST / HTTP/1.1\r\nContent-Length: 70000\r\n\r\nxx")
write("fuzz_http_parser", "refused-chunked", bytes([0]) + b"POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n")
write("fuzz_http_parser", "absolute-form", bytes([0]) + b"HEAD http://h:1/p?q HTTP/1.1\r\nHost: h:1\r\nX-A:\t v \r\n\r\n")
write("fuzz_http_parser", "host-forms", bytes([0]) + b"GET / HTTP/1.1\r\nHost: [::1]:8080\r\n\r\n"
      b"GET / HTTP/1.1\r\nhost: a%2Db.example\r\n\r\nGET / HTTP/1.0\r\n\r\nGET / HTTP/1.1\r\nHost: a\r\nHost: a\r\n\r\n")
