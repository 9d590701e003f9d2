#!/usr/bin/env node
// The same-run reference of docs/benchmarks.md: the message flow of the chat scenarios on Node.js
// and the `ws` package, so that each figure of collab-server comes with the figure of a common
// stack measured by the same load generator (collab-bench, wrk) on the same machine in the same run.
//
//   node bench/reference/chat-server.js --listen 127.0.0.1:PORT --data DIR
//
// DIR/demo-config.json is the file collab-server reads (bench/run-chat-benchmarks.sh writes it):
// the courses, their join codes and the API keys come from there. What it does, frame for frame
// as collab-server answers collab-bench (docs/protocol.md):
//   hello -> welcome; join -> joined (members), one history frame per channel (its last 50
//   messages), presence and member.joined to the course; chat.send -> event chat.posted to every
//   member (one JSON string for all), then ack {id, seq} (a retried clientMsgId: the first id,
//   duplicate: true); ping -> pong; errors as `error` frames with the ref.
//   POST /api/v1/courses/C/channels/CH/messages with a bearer key -> 201 {message, seq}, and the
//   event to the course's WebSocket members.
// What it does NOT do, and collab-server does: no durability (nothing is written to disk, an ack
// means "in memory"; collab-server commits to SQLite before each ack and 201), no name claims
// (no token check), no rate limits or per-address caps, no resume (since), no notes, typing, edits.
// So it is a floor for the work per message, not an equal: the table says so.
'use strict';

const fs = require('fs');
const http = require('http');
const path = require('path');
const { WebSocketServer } = require('ws');

const MAX_TEXT_BYTES = 16 * 1024;
const MAX_CLIENT_MSG_ID_BYTES = 64;
const HISTORY_PAGE = 50;

function parseArgs(argv) {
  const out = { listen: '127.0.0.1:8080', data: '.' };
  for (let i = 2; i < argv.length; i += 2) {
    const key = argv[i].replace(/^--/, '');
    if (!(key in out) || argv[i + 1] === undefined) {
      console.error(`usage: ${path.basename(argv[1])} --listen HOST:PORT --data DIR`);
      process.exit(2);
    }
    out[key] = argv[i + 1];
  }
  const colon = out.listen.lastIndexOf(':');
  return { host: out.listen.slice(0, colon), port: Number(out.listen.slice(colon + 1)), data: out.data };
}

const args = parseArgs(process.argv);
const config = JSON.parse(fs.readFileSync(path.join(args.data, 'demo-config.json'), 'utf8'));

// Course state in memory: the same shape collab-server keeps (seq per course, members, history).
const courses = new Map();
for (const c of config.courses) {
  const channels = c.channels && c.channels.length ? c.channels : ['general'];
  courses.set(c.id, {
    id: c.id, title: c.title || c.id, joinCode: c.joinCode, channels, notes: c.notes || ['class-notes'],
    seq: 0,
    members: new Map(),      // user -> role (everyone who ever joined)
    online: new Map(),       // user -> number of sessions in the course
    sessions: new Set(),     // sockets in the course
    history: new Map(channels.map((ch) => [ch, []])),
    byClientMsgId: new Map(), // `${author}\n${clientMsgId}` -> the message (idempotent retries)
  });
}
const apiKeys = new Map((config.apiKeys || []).map((k) => [k.key, k]));
let nextSession = 1;

// One Buffer for every receiver, as collab-server encodes a frame once (SharedFrame): ws would
// otherwise convert the string again for each socket.
const TEXT_FRAME = { binary: false };
function broadcast(course, frame) {
  const bytes = Buffer.from(frame);
  for (const ws of course.sessions)
    ws.send(bytes, TEXT_FRAME);
}

function event(course, kind, data) {
  course.seq += 1;
  return { frame: JSON.stringify({ course: course.id, data, kind, seq: course.seq, ts: Date.now(), type: 'event' }),
           seq: course.seq };
}

// Posts a message (WebSocket or REST): the event to every member, then the answer.
function post(course, channel, author, text, clientMsgId) {
  const key = clientMsgId ? `${author}\n${clientMsgId}` : null;
  if (key && course.byClientMsgId.has(key))
    return { message: course.byClientMsgId.get(key), duplicate: true };
  const message = { author, channel, id: course.seq + 1, text };
  if (clientMsgId)
    message.clientMsgId = clientMsgId;
  const e = event(course, 'chat.posted', message);
  const page = course.history.get(channel);
  page.push({ ...message, createdAt: Date.now() });
  if (page.length > HISTORY_PAGE)
    page.shift();
  if (key)
    course.byClientMsgId.set(key, message);
  broadcast(course, e.frame);
  return { message, duplicate: false };
}

function error(ws, ref, code, message) {
  const frame = { code, message, type: 'error' };
  if (ref !== undefined)
    frame.ref = ref;
  ws.send(JSON.stringify(frame));
}

function onHello(ws, m) {
  if (ws.user)
    return error(ws, m.ref, 'conflict', 'already said hello');
  if (typeof m.user !== 'string' || !/^[A-Za-z0-9._-]{1,64}$/.test(m.user))
    return error(ws, m.ref, 'invalid_value', "'user' must be an id");
  ws.user = m.user;
  ws.send(JSON.stringify({ protocol: 1, ref: m.ref, server: 'reference-node-ws', session: String(nextSession++),
                           type: 'welcome', user: ws.user }));
}

function onJoin(ws, m) {
  const course = courses.get(m.course);
  if (!course)
    return error(ws, m.ref, 'unknown_course', `no course '${m.course}'`);
  if (m.joinCode !== course.joinCode)
    return error(ws, m.ref, 'wrong_join_code', 'wrong join code');
  const first = !course.members.has(ws.user);
  course.members.set(ws.user, 'student');
  const wasOnline = course.online.has(ws.user);
  course.online.set(ws.user, (course.online.get(ws.user) || 0) + 1);
  course.sessions.add(ws);
  ws.courses.add(course);
  const members = [...course.members].map(([user, role]) => ({ online: course.online.has(user), role, user }));
  ws.send(JSON.stringify({ channels: course.channels, course: course.id, members, notes: course.notes,
                           recovered: true, ref: m.ref, replayed: 0, resumed: false, seq: course.seq,
                           title: course.title, type: 'joined' }));
  for (const channel of course.channels)
    ws.send(JSON.stringify({ channel, course: course.id, messages: course.history.get(channel), more: false,
                             seq: course.seq, type: 'history' }));
  if (!wasOnline) {
    const presence = JSON.stringify({ course: course.id, online: true, role: 'student', type: 'presence', user: ws.user });
    for (const other of course.sessions)
      if (other !== ws)
        other.send(presence);
  }
  if (first)
    broadcast(course, event(course, 'member.joined', { role: 'student', user: ws.user }).frame);
}

function onChatSend(ws, m) {
  const course = courses.get(m.course);
  if (!course || !ws.courses.has(course))
    return error(ws, m.ref, 'not_joined', `not in course '${m.course}'`);
  if (!course.history.has(m.channel))
    return error(ws, m.ref, 'unknown_channel', `no channel '${m.channel}' in ${course.id}`);
  if (typeof m.text !== 'string' || m.text.trim() === '')
    return error(ws, m.ref, 'invalid_value', "'text' must not be blank");
  if (Buffer.byteLength(m.text) > MAX_TEXT_BYTES)
    return error(ws, m.ref, 'too_large', "'text' is over 16 KiB");
  if (typeof m.clientMsgId !== 'string' || m.clientMsgId === '' ||
      Buffer.byteLength(m.clientMsgId) > MAX_CLIENT_MSG_ID_BYTES)
    return error(ws, m.ref, 'invalid_value', "'clientMsgId' must be 1-64 bytes");
  const { message, duplicate } = post(course, m.channel, ws.user, m.text, m.clientMsgId);
  const ack = { id: message.id, ref: m.ref, seq: message.id, type: 'ack' };
  if (duplicate)
    ack.duplicate = true;
  ws.send(JSON.stringify(ack));
}

function onMessage(ws, data, isBinary) {
  if (isBinary)
    return ws.close(1003, 'text frames only');
  let m;
  try {
    m = JSON.parse(data);
  } catch (e) {
    return error(ws, undefined, 'bad_json', 'not JSON');
  }
  if (m === null || typeof m !== 'object' || Array.isArray(m))
    return error(ws, undefined, 'bad_json', 'not a JSON object');
  if (m.type === 'ping')
    return ws.send(JSON.stringify({ ref: m.ref, type: 'pong' }));
  if (m.type === 'hello')
    return onHello(ws, m);
  if (!ws.user)
    return error(ws, m.ref, 'not_authenticated', 'say hello first');
  if (m.type === 'join')
    return onJoin(ws, m);
  if (m.type === 'chat.send')
    return onChatSend(ws, m);
  return error(ws, m.ref, 'unknown_type', `unknown type '${m.type}'`);
}

function onClose(ws) {
  for (const course of ws.courses) {
    course.sessions.delete(ws);
    const left = course.online.get(ws.user) - 1;
    if (left > 0) {
      course.online.set(ws.user, left);
      continue;
    }
    course.online.delete(ws.user);
    broadcast(course, JSON.stringify({ course: course.id, online: false, role: 'student', type: 'presence', user: ws.user }));
  }
}

function answer(res, status, body) {
  const bytes = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(bytes) });
  res.end(bytes);
}

// REST: the one route scenario 4 drives (bench/rest-post.lua).
function onRequest(req, res) {
  const route = /^\/api\/v1\/courses\/([^/]+)\/channels\/([^/]+)\/messages$/.exec(req.url);
  if (req.method !== 'POST' || !route)
    return answer(res, 404, { error: { code: 'not_found', message: 'no such route' } });
  const auth = req.headers.authorization || '';
  const key = auth.startsWith('Bearer ') ? apiKeys.get(auth.slice(7).trim()) : undefined;
  if (!key)
    return answer(res, 401, { error: { code: 'not_authenticated', message: 'unknown API key' } });
  const course = courses.get(route[1]);
  if (!key.courses.includes(route[1]))
    return answer(res, 403, { error: { code: 'forbidden', message: `this API key has no access to course '${route[1]}'` } });
  if (!course || !course.history.has(route[2]))
    return answer(res, 404, { error: { code: 'unknown_channel', message: `no channel '${route[2]}'` } });
  const chunks = [];
  let size = 0;
  req.on('data', (chunk) => {
    size += chunk.length;
    if (size <= 64 * 1024)
      chunks.push(chunk);
  });
  req.on('end', () => {
    if (size > 64 * 1024)
      return answer(res, 413, { error: { code: 'too_large', message: 'request body is over 65536 bytes' } });
    let body;
    try {
      body = JSON.parse(Buffer.concat(chunks));
    } catch (e) {
      return answer(res, 400, { error: { code: 'bad_json', message: 'not JSON' } });
    }
    if (body === null || typeof body.text !== 'string' || body.text.trim() === '')
      return answer(res, 400, { error: { code: 'invalid_value', message: "'text' must not be blank" } });
    const author = typeof body.author === 'string' ? body.author : key.name;
    const { message, duplicate } = post(course, route[2], author, body.text, body.clientMsgId);
    answer(res, duplicate ? 200 : 201, { message: { ...message, createdAt: Date.now() }, seq: message.id });
  });
}

const server = http.createServer(onRequest);
server.keepAliveTimeout = 60000;
const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024, perMessageDeflate: false });
server.on('upgrade', (req, socket, head) => {
  if (req.url.split('?')[0] !== '/ws') {
    socket.end('HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n');
    return;
  }
  wss.handleUpgrade(req, socket, head, (ws) => {
    ws.courses = new Set();
    ws.on('message', (data, isBinary) => onMessage(ws, data, isBinary));
    ws.on('close', () => onClose(ws));
    ws.on('error', () => {});
  });
});
server.listen(args.port, args.host, () => {
  console.log(`reference (Node ${process.version}, ws) listening on http://${args.host}:${server.address().port}`);
});
process.on('SIGTERM', () => process.exit(0));
process.on('SIGINT', () => process.exit(0));
