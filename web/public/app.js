// Browser client for the wschat protocol (docs/PROTOCOL.md). Every piece of text that comes from a user or
// the server is put into the page with textContent or a text node, never parsed as HTML.

const NAME_PATTERN = /^[A-Za-z0-9 _.-]{1,32}$/;
const ROOM_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
const MAX_TEXT_LENGTH = 4000;
const HISTORY_LIMIT = 50;
const MAX_RENDERED = 500;
const BACKOFF_BASE_MS = 500;
const BACKOFF_CAP_MS = 30_000;
const STABLE_AFTER_MS = 5_000;
const MAX_REFUSED_IN_A_ROW = 8;
const OWN_ERROR_WINDOW_MS = 5_000;

const $ = (id) => document.getElementById(id);
const ui = {
  join: $("join"), name: $("name"), room: $("room"), token: $("token"), wsUrl: $("ws-url"), connect: $("connect"),
  chat: $("chat"), session: $("session"), me: $("me"), roomTitle: $("room-title"), status: $("status"),
  reconnect: $("reconnect"), disconnect: $("disconnect"), errors: $("errors"), members: $("members"),
  memberCount: $("member-count"), messages: $("messages"), composer: $("composer"), input: $("input"),
  send: $("send"),
};

const state = {
  socket: null,
  wanted: false,        // the user wants to be connected; false after "Leave chat"
  everOpened: false,    // some connection of this session has opened
  attempt: 0,           // reconnect attempts since the last stable connection
  refusedInARow: 0,     // connections that closed before they opened, in a row
  retryTimer: null,
  stableTimer: null,
  countdownTimer: null,
  url: "",
  token: "",
  name: "",
  userId: "",
  room: "",
  pendingRoom: null,    // room asked for with join/leave, not yet confirmed
  members: new Map(),   // userId -> display name
};

// ---------- configuration ----------

/** The WebSocket URL: ?ws= beats window.WSCHAT_URL (config.js) beats the page's own host. */
function defaultWebSocketUrl(location, configured) {
  const fromQuery = new URLSearchParams(location.search).get("ws");
  if (fromQuery) {
    return fromQuery;
  }
  if (typeof configured === "string" && configured.trim() !== "") {
    return configured.trim();
  }
  if (location.protocol === "http:" || location.protocol === "https:") {
    return (location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/";
  }
  return "";
}

/**
 * The handshake URL with room, name and token query parameters added to any the base URL has. Spaces become %20,
 * not URLSearchParams' "+", which API Gateway passes on to the handler literally.
 */
function connectUrl(base, { room, name, token }) {
  const url = new URL(base);
  ["room", "name", "token"].forEach((key) => url.searchParams.delete(key));
  const added = [["room", room], token ? ["token", token] : ["name", name]]
    .filter(([, value]) => value)
    .map(([key, value]) => `${key}=${encodeURIComponent(value)}`)
    .join("&");
  url.search = url.search ? `${url.search}&${added}` : `?${added}`;
  return url.toString();
}

/** Reads sub and a display name from a JWT without verifying it: the server verifies, the page only labels. */
function tokenIdentity(token) {
  try {
    const payload = token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/");
    const json = decodeURIComponent(Array.from(atob(payload),
      (c) => "%" + c.charCodeAt(0).toString(16).padStart(2, "0")).join(""));
    const claims = JSON.parse(json);
    const name = [claims.name, claims.preferred_username, claims["cognito:username"], claims.username, claims.sub]
      .find((value) => typeof value === "string" && value.trim() !== "");
    return { userId: typeof claims.sub === "string" ? claims.sub : "", name: name || "" };
  } catch {
    return { userId: "", name: "" };
  }
}

/** Exponential backoff with jitter: half the delay fixed, half random, capped. */
function backoffDelay(attempt, random = Math.random) {
  const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.min(attempt, 16));
  return Math.round(ceiling / 2 + random() * ceiling / 2);
}

/** Splits what was typed into an action, or a local problem to show. */
function parseInput(text) {
  if (!text.startsWith("/") || text.startsWith("//")) {
    const data = text.startsWith("//") ? text.slice(1) : text;
    return { action: "sendmessage", data };
  }
  const [, command, rest = ""] = /^\/(\S*)\s*([\s\S]*)$/.exec(text);
  const argument = rest.trim();
  switch (command.toLowerCase()) {
    case "join":
      return argument ? { action: "join", room: argument } : { problem: "Usage: /join room" };
    case "leave":
      return { action: "leave" };
    case "w":
    case "whisper":
    case "msg": {
      const match = /^(\S+)\s+([\s\S]+)$/.exec(argument);
      return match ? { action: "whisper", to: match[1], data: match[2] } : { problem: "Usage: /w user text" };
    }
    case "name":
    case "nick":
      return argument ? { action: "rename", name: argument } : { problem: "Usage: /name new-name" };
    case "who":
      return { action: "who" };
    case "history": {
      const limit = argument ? Number(argument) : HISTORY_LIMIT;
      return Number.isInteger(limit) && limit >= 1 && limit <= 100
        ? { action: "history", limit } : { problem: "Usage: /history [1-100]" };
    }
    case "help":
      return { help: true };
    default:
      return { problem: `Unknown command /${command}; type /help for the list (start with // to send a slash).` };
  }
}

// ---------- rendering ----------

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) {
    node.className = className;
  }
  if (text !== undefined) {
    node.textContent = text;
  }
  return node;
}

function timeElement(ts) {
  const time = element("time", "time");
  const date = new Date(typeof ts === "number" ? ts : Date.now());
  time.dateTime = date.toISOString();
  time.textContent = date.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
  time.title = date.toLocaleString();
  return time;
}

function nearBottom() {
  const list = ui.messages;
  return list.scrollHeight - list.scrollTop - list.clientHeight < 48;
}

/** Inserts a list item in timestamp order (history can arrive after live frames) and keeps the list bounded. */
function place(item, ts) {
  const stick = nearBottom();
  item.dataset.ts = String(ts);
  let before = null;
  for (let node = ui.messages.lastElementChild; node; node = node.previousElementSibling) {
    if (Number(node.dataset.ts) <= ts) {
      break;
    }
    before = node;
  }
  ui.messages.insertBefore(item, before);
  if (item.classList.contains("message")) {
    ui.messages.querySelector(".empty")?.remove();
  }
  while (ui.messages.childElementCount > MAX_RENDERED) {
    ui.messages.firstElementChild.remove();
  }
  if (stick || item.classList.contains("own")) {
    ui.messages.scrollTop = ui.messages.scrollHeight;
  }
}

function renderMessage(frame, { own = false, pending = false } = {}) {
  if (frame.id && ui.messages.querySelector(`[data-id="${CSS.escape(frame.id)}"]`)) {
    return null;
  }
  const item = element("li", "message");
  item.dataset.testid = "message";
  item.dataset.kind = frame.type === "whisper" ? "whisper" : "message";
  if (frame.id) {
    item.dataset.id = frame.id;
  }
  if (own) {
    item.classList.add("own");
    item.dataset.own = "true";
  }
  if (pending) {
    item.dataset.pending = "true";
  }
  item.append(timeElement(frame.ts));
  const from = element("span", "from", frame.from ?? "?");
  if (frame.userId) {
    from.title = frame.userId;
  }
  item.append(from);
  if (frame.type === "whisper") {
    item.classList.add("whisper");
    const toName = frame.to === state.userId ? "you" : memberName(frame.to);
    item.append(element("span", "to", `whispers to ${toName}`));
  }
  item.append(element("span", "text", frame.data ?? ""));
  place(item, typeof frame.ts === "number" ? frame.ts : Date.now());
  return item;
}

function renderNotice(text, ts, kind = "notice") {
  const item = element("li", `notice ${kind}`);
  item.dataset.testid = "notice";
  item.append(timeElement(ts), element("span", "text", text));
  place(item, typeof ts === "number" ? ts : Date.now());
}

function showError(text, code) {
  const last = ui.errors.lastElementChild;
  if (last && last.dataset.text === text && (last.dataset.code ?? "") === (code ?? "")) {
    const repeats = Number(last.dataset.repeats ?? "1") + 1;
    last.dataset.repeats = String(repeats);
    last.querySelector(".repeats").textContent = `×${repeats}`;
    return;
  }
  const item = element("p", "error");
  item.dataset.text = text;
  item.dataset.testid = "error";
  if (code) {
    item.dataset.code = code;
    item.append(element("strong", "code", code), document.createTextNode(" "));
  }
  item.append(document.createTextNode(text), element("span", "repeats"));
  const dismiss = element("button", "dismiss", "×");
  dismiss.type = "button";
  dismiss.setAttribute("aria-label", "Dismiss");
  dismiss.addEventListener("click", () => item.remove());
  item.append(dismiss);
  ui.errors.append(item);
  while (ui.errors.childElementCount > 5) {
    ui.errors.firstElementChild.remove();
  }
}

function clearErrors() {
  ui.errors.replaceChildren();
}

function setStatus(stateName, text) {
  ui.status.dataset.state = stateName;
  ui.status.textContent = text;
  const open = stateName === "connected";
  ui.input.disabled = !open;
  ui.send.disabled = !open;
  ui.reconnect.hidden = !(stateName === "reconnecting" || stateName === "failed");
}

function memberName(userId) {
  return state.members.get(userId) ?? userId;
}

function renderMembers() {
  const items = [...state.members.entries()]
    .sort(([, a], [, b]) => a.localeCompare(b))
    .map(([userId, name]) => {
      const item = element("li", "member");
      item.dataset.testid = "member";
      item.dataset.userId = userId;
      const button = element("button", "member-name", name);
      button.type = "button";
      button.title = userId === state.userId ? "You" : `Whisper to ${name}`;
      button.addEventListener("click", () => prefillWhisper(userId));
      item.append(button);
      if (userId === state.userId) {
        item.classList.add("self");
        item.append(element("span", "you", "(you)"));
      }
      return item;
    });
  ui.members.replaceChildren(...items);
  ui.memberCount.textContent = `(${state.members.size})`;
}

function renderSession() {
  ui.me.textContent = state.name || "guest";
  ui.roomTitle.textContent = state.room;
  document.title = state.room ? `${state.room} · wschat` : "wschat";
}

function prefillWhisper(userId) {
  ui.input.value = `/w ${userId} `;
  ui.input.focus();
}

// ---------- frames ----------

function handleFrame(frame) {
  if (frame === null || typeof frame !== "object" || typeof frame.type !== "string") {
    return;
  }
  if (frame.room && state.pendingRoom && frame.room === state.pendingRoom
      && (frame.type === "presence" || frame.type === "history"
        || (frame.type === "joined" && frame.userId === state.userId))) {
    enterRoom(frame.room);
  }
  const inRoom = !frame.room || frame.room === state.room;
  switch (frame.type) {
    case "message":
      if (inRoom) {
        renderMessage(frame, { own: frame.userId === state.userId });
      }
      break;
    case "whisper":
      renderMessage(frame, { own: frame.userId === state.userId });
      break;
    case "history":
      if (inRoom) {
        renderHistory(frame.messages);
      }
      break;
    case "presence":
      if (inRoom && Array.isArray(frame.members)) {
        state.members.clear();
        for (const member of frame.members) {
          addMember(member.userId, member.name);
        }
        renderMembers();
      }
      break;
    case "joined":
      if (inRoom) {
        addMember(frame.userId, frame.name);
        renderMembers();
        if (frame.userId !== state.userId) {
          renderNotice(`${frame.name} joined`, frame.ts, "joined");
        }
      }
      break;
    case "left":
      if (inRoom) {
        state.members.delete(frame.userId);
        renderMembers();
        renderNotice(`${frame.name} left`, frame.ts, "left");
      }
      break;
    case "renamed":
      if (frame.userId === state.userId) {
        state.name = frame.name;
        renderSession();
      }
      if (inRoom) {
        addMember(frame.userId, frame.name);
        renderMembers();
        renderNotice(`${frame.previous ?? frame.userId} is now ${frame.name}`, frame.ts, "renamed");
      }
      break;
    case "error":
      handleError(frame);
      break;
    default:
      break;
  }
}

// Keyed by user id: a user with several connections is listed once, and the first "left" removes them until
// the next "who" (the protocol has no per-connection presence).
function addMember(userId, name) {
  if (typeof userId === "string") {
    state.members.set(userId, typeof name === "string" ? name : userId);
  }
}

function renderHistory(messages) {
  if (!Array.isArray(messages)) {
    return;
  }
  let added = 0;
  for (const message of messages) {
    if (!message || typeof message !== "object") {
      continue;
    }
    const own = message.userId === state.userId;
    if (own && adoptPendingOwn(message)) {
      continue;
    }
    if (renderMessage({ ...message, type: "message" }, { own })) {
      added += 1;
    }
  }
  if (added === 0 && messages.length === 0 && !ui.messages.querySelector(".message")) {
    renderNotice(`No messages in ${state.room} yet.`, 0, "empty");
  }
}

/** The server does not echo our messages; when history brings one we already drew, give it the server's id. */
function adoptPendingOwn(message) {
  for (const item of ui.messages.querySelectorAll('[data-pending="true"]')) {
    if (item.querySelector(".text").textContent === message.data) {
      delete item.dataset.pending;
      if (message.id) {
        item.dataset.id = message.id;
      }
      return true;
    }
  }
  return false;
}

function handleError(frame) {
  const code = typeof frame.code === "string" ? frame.code : "ERROR";
  const text = typeof frame.message === "string" && frame.message ? frame.message : "The server refused that.";
  if (code === "RATE_LIMITED" || code === "INVALID_TEXT") {
    const recent = [...ui.messages.querySelectorAll('.own[data-pending="true"]:not(.failed)')]
      .filter((item) => Date.now() - Number(item.dataset.sentAt) < OWN_ERROR_WINDOW_MS);
    const last = recent[recent.length - 1];
    if (last) {
      last.classList.add("failed");
      delete last.dataset.pending;
      last.append(element("span", "failure", "not delivered"));
    }
  }
  if (code === "INVALID_ROOM" || code === "NOT_ALLOWED") {
    state.pendingRoom = null;
  }
  showError(text, code);
}

// ---------- actions ----------

function send(payload) {
  if (!state.socket || state.socket.readyState !== WebSocket.OPEN) {
    showError("Not connected; the message was not sent.");
    return false;
  }
  state.socket.send(JSON.stringify(payload));
  return true;
}

function requestRoomState() {
  send({ action: "who" });
  send({ action: "history", limit: HISTORY_LIMIT });
}

function enterRoom(room) {
  state.pendingRoom = null;
  if (room === state.room) {
    return;
  }
  state.room = room;
  state.members.clear();
  ui.messages.replaceChildren();
  renderMembers();
  renderSession();
  renderNotice(`You are in ${room}.`, Date.now(), "joined");
  requestRoomState();
}

function submitInput(text) {
  const command = parseInput(text);
  if (command.help) {
    renderNotice("Commands: /join room · /leave · /w user text (whisper) · /name new-name · /who · "
      + "/history [n] · //text sends text starting with a slash. Select a name in the list to whisper.",
      Date.now(), "help");
    return true;
  }
  if (command.problem) {
    showError(command.problem);
    return false;
  }
  switch (command.action) {
    case "sendmessage":
      if (command.data.trim() === "") {
        return false;
      }
      if (command.data.length > MAX_TEXT_LENGTH) {
        showError(`Messages can be at most ${MAX_TEXT_LENGTH} characters.`, "INVALID_TEXT");
        return false;
      }
      if (send(command)) {
        const item = renderMessage({ type: "message", from: state.name || "you", userId: state.userId,
          data: command.data, ts: Date.now() }, { own: true, pending: true });
        item.dataset.sentAt = String(Date.now());
        return true;
      }
      return false;
    case "join":
      if (!ROOM_PATTERN.test(command.room)) {
        showError("Room names are 1 to 64 letters, digits, _ or -.", "INVALID_ROOM");
        return false;
      }
      state.pendingRoom = command.room;
      return send(command);
    case "leave":
      state.pendingRoom = "lobby";
      return send(command);
    case "whisper":
      return send({ ...command, to: resolveUser(command.to) });
    case "rename":
      if (!NAME_PATTERN.test(command.name)) {
        showError("Names are 1 to 32 letters, digits, spaces, _, - or .", "INVALID_NAME");
        return false;
      }
      return send(command);
    default:
      return send(command);
  }
}

/** Whispers address user ids; accept a member's display name too when it is unambiguous. */
function resolveUser(target) {
  if (state.members.has(target)) {
    return target;
  }
  const matches = [...state.members.entries()].filter(([, name]) => name === target);
  return matches.length === 1 ? matches[0][0] : target;
}

// ---------- connection ----------

function openSocket() {
  clearTimers();
  if (!state.token) {
    state.userId = state.name;   // with auth off the server uses the name as the user id
  }
  let socket;
  try {
    socket = new WebSocket(connectUrl(state.url, { room: state.room, name: state.name, token: state.token }));
  } catch (error) {
    state.wanted = false;
    setStatus("failed", "Not connected");
    showError(`Cannot connect to ${state.url}: ${error.message}`);
    showJoinForm();
    return;
  }
  state.socket = socket;
  let opened = false;
  setStatus("connecting", state.attempt === 0 ? "Connecting…" : `Reconnecting (attempt ${state.attempt})…`);

  socket.addEventListener("open", () => {
    opened = true;
    state.everOpened = true;
    state.refusedInARow = 0;
    state.stableTimer = setTimeout(() => { state.attempt = 0; }, STABLE_AFTER_MS);
    setStatus("connected", "Connected");
    ui.input.focus();
    requestRoomState();
  });

  socket.addEventListener("message", (event) => {
    let frame;
    try {
      frame = JSON.parse(event.data);
    } catch {
      return;
    }
    handleFrame(frame);
  });

  socket.addEventListener("close", (event) => {
    if (state.socket !== socket) {
      return;
    }
    state.socket = null;
    clearTimers();
    if (!state.wanted) {
      setStatus("disconnected", "Not connected");
      return;
    }
    if (!opened) {
      state.refusedInARow += 1;
    }
    if (!state.everOpened) {
      state.wanted = false;
      setStatus("failed", "Not connected");
      showError(`Connection refused (bad token, room or name?), or the server at ${state.url} is not reachable. `
        + `Close code ${event.code}.`, "CONNECT_FAILED");
      showJoinForm();
      return;
    }
    if (state.refusedInARow >= MAX_REFUSED_IN_A_ROW) {
      state.wanted = false;
      setStatus("failed", `Gave up after ${state.refusedInARow} refused connections`);
      showError(`Reconnecting failed ${state.refusedInARow} times in a row: connection refused (bad or expired `
        + `token, room or name?), or the server is down. Close code ${event.code}.`, "CONNECT_FAILED");
      return;
    }
    if (event.code === 1009) {
      showError("The server closed the connection: a message was too large (close code 1009).", "TOO_LARGE");
    }
    scheduleReconnect(opened ? `Connection closed (code ${event.code})` : "Connection refused");
  });
}

function scheduleReconnect(reason) {
  const delay = backoffDelay(state.attempt);
  state.attempt += 1;
  const due = Date.now() + delay;
  const tick = () => {
    const seconds = Math.max(0, Math.ceil((due - Date.now()) / 1000));
    setStatus("reconnecting", `${reason}; reconnecting in ${seconds} s`);
  };
  tick();
  state.countdownTimer = setInterval(tick, 1000);
  state.retryTimer = setTimeout(openSocket, delay);
}

function clearTimers() {
  clearTimeout(state.retryTimer);
  clearTimeout(state.stableTimer);
  clearInterval(state.countdownTimer);
  state.retryTimer = state.stableTimer = state.countdownTimer = null;
}

function connect() {
  clearErrors();
  const url = ui.wsUrl.value.trim();
  const room = ui.room.value.trim();
  const token = ui.token.value.trim();
  let name = ui.name.value.trim();
  const problems = [];
  if (!/^wss?:\/\//i.test(url)) {
    problems.push("The WebSocket URL must start with ws:// or wss://.");
  }
  if (!ROOM_PATTERN.test(room)) {
    problems.push("Room names are 1 to 64 letters, digits, _ or -.");
  }
  if (!token) {
    if (name === "") {
      name = `guest-${Math.random().toString(16).slice(2, 6)}`;
      ui.name.value = name;
    }
    if (!NAME_PATTERN.test(name)) {
      problems.push("Names are 1 to 32 letters, digits, spaces, _, - or .");
    }
  }
  if (problems.length > 0) {
    problems.forEach((problem) => showError(problem));
    return;
  }
  const identity = token ? tokenIdentity(token) : { userId: name, name };
  Object.assign(state, {
    url, room, token, name: identity.name, userId: identity.userId, pendingRoom: null, wanted: true,
    everOpened: false, attempt: 0, refusedInARow: 0,
  });
  state.members.clear();
  ui.messages.replaceChildren();
  renderMembers();
  renderSession();
  ui.join.hidden = true;
  ui.chat.hidden = false;
  ui.session.hidden = false;
  ui.disconnect.hidden = false;
  openSocket();
}

function disconnect() {
  state.wanted = false;
  clearTimers();
  const socket = state.socket;
  state.socket = null;
  if (socket) {
    socket.close(1000, "bye");
  }
  setStatus("disconnected", "Not connected");
  showJoinForm();
}

function showJoinForm() {
  ui.join.hidden = false;
  ui.chat.hidden = true;
  ui.session.hidden = true;
  ui.disconnect.hidden = true;
  ui.room.value = state.room || ui.room.value;
  if (!state.token && state.name) {
    ui.name.value = state.name;
  }
  ui.connect.focus();
}

function reconnectNow() {
  state.wanted = true;
  state.attempt = 0;
  state.refusedInARow = 0;
  clearErrors();
  openSocket();
}

// ---------- start ----------

function init() {
  const params = new URLSearchParams(location.search);
  ui.wsUrl.value = defaultWebSocketUrl(location, window.WSCHAT_URL);
  if (params.get("room")) {
    ui.room.value = params.get("room");
  }
  if (params.get("name")) {
    ui.name.value = params.get("name");
  }
  if (!ui.wsUrl.value || params.has("ws")) {
    // A link chose the server: show it before anyone types a token.
    ui.join.querySelector("details").open = true;
  }
  ui.join.addEventListener("submit", (event) => {
    event.preventDefault();
    connect();
  });
  ui.composer.addEventListener("submit", (event) => {
    event.preventDefault();
    const text = ui.input.value;
    if (text.trim() !== "" && submitInput(text)) {
      ui.input.value = "";
    }
  });
  ui.disconnect.addEventListener("click", disconnect);
  ui.reconnect.addEventListener("click", reconnectNow);
  window.addEventListener("online", () => {
    if (state.wanted && state.retryTimer) {
      openSocket();
    }
  });
  window.addEventListener("pagehide", () => {
    if (state.socket) {
      state.wanted = false;
      state.socket.close(1000, "page closed");
    }
  });
  document.documentElement.dataset.ready = "true";
}

init();
