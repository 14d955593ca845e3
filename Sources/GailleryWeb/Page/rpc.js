// The page's one contract with the daemon: JSON-RPC 2.0 over `POST /rpc` (the same router as the
// Unix socket) and the `/events` WebSocket, which carries the same `event` notifications
// `events.subscribe` sends on the socket.

/** An error the daemon answered with: `code`, `message` and `data` as on the wire. */
export class RPCError extends Error {
  constructor(error, method) {
    super(error.message || `${method} failed`);
    this.code = error.code;
    this.data = error.data;
    this.method = method;
  }
}

let nextID = 1;

/**
 * Calls one method and resolves with its result; rejects with an RPCError the daemon sent, or with
 * an Error naming the HTTP status (401 means the session cookie is missing or expired).
 */
export async function call(method, params = {}) {
  const id = nextID++;
  const response = await fetch("/rpc", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    credentials: "same-origin",
    body: JSON.stringify({ jsonrpc: "2.0", id, method, params }),
  });
  if (response.status === 401) {
    signedOut();
    throw new Error(`${method}: not signed in; run \`gaillery open\` for a new link`);
  }
  if (!response.ok) {
    // The server says why in JSON: {"error": "..."} for a body over the limit, a refused origin...; a
    // busy daemon (503 with Retry-After) sends the JSON-RPC error itself, which the caller handles as any.
    const body = await response.json().catch(() => null);
    if (body && body.error && typeof body.error === "object") throw new RPCError(body.error, method);
    const reason = body && typeof body.error === "string" ? body.error : null;
    throw new Error(`${method}: ${reason || `HTTP ${response.status}`}`);
  }
  const message = await response.json();
  if (message.error) throw new RPCError(message.error, method);
  return message.result;
}

const listeners = new Map();
const stateListeners = new Set();

/** Calls `handler(data)` for every event of `topic` ("*" for all: `handler(data, topic)`). */
export function on(topic, handler) {
  if (!listeners.has(topic)) listeners.set(topic, new Set());
  listeners.get(topic).add(handler);
}

/** Calls `handler(state)` when the event stream opens ("open") or drops ("closed"). */
export function onConnection(handler) {
  stateListeners.add(handler);
}

function dispatch(topic, data) {
  for (const handler of listeners.get(topic) || []) handler(data, topic);
  for (const handler of listeners.get("*") || []) handler(data, topic);
}

function setState(state) {
  document.documentElement.dataset.events = state;
  for (const handler of stateListeners) handler(state);
}

function signedOut() {
  document.documentElement.dataset.signedOut = "true";
  const notice = document.getElementById("signed-out");
  if (notice) notice.hidden = false;
}

let socket = null;
let retryDelay = 500;

/**
 * Opens the event stream and keeps it open: after a drop it reconnects with a growing delay
 * (0.5 s doubling up to 10 s), reset once a connection opens.
 */
export function connectEvents() {
  const scheme = location.protocol === "https:" ? "wss:" : "ws:";
  socket = new WebSocket(`${scheme}//${location.host}/events`);
  socket.addEventListener("open", () => {
    retryDelay = 500;
    setState("open");
  });
  socket.addEventListener("message", (message) => {
    let note;
    try {
      note = JSON.parse(message.data);
    } catch {
      return;
    }
    if (note && note.method === "event" && note.params) dispatch(note.params.topic, note.params.data);
  });
  socket.addEventListener("close", () => {
    setState("closed");
    if (document.documentElement.dataset.signedOut === "true") return;
    setTimeout(connectEvents, retryDelay);
    retryDelay = Math.min(retryDelay * 2, 10000);
  });
}
