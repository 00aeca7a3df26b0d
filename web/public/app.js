// Browser client for the wschat protocol (docs/PROTOCOL.md). Every piece of text that comes from a user or
// the server is put into the page with textContent or a text node, never parsed as HTML.

// The server's name rule (docs/PROTOCOL.md) but for its script and invisible-letter checks, which it answers itself.
const NAME_PATTERN = /^(?! )[\p{L}\p{Nd} _.-]{1,32}(?<! )$/u;
const ROOM_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
const MAX_TEXT_LENGTH = 4000;
const HISTORY_LIMIT = 50;
const READ_AFTER_MS = 1000;
const MAX_RENDERED = 500;
const BACKOFF_BASE_MS = 500;
const BACKOFF_CAP_MS = 30_000;
const STABLE_AFTER_MS = 5_000;
const MAX_REFUSED_IN_A_ROW = 8;
const OWN_ERROR_WINDOW_MS = 5_000;
const RESUME_PAGE_MAX = 100;       // the server's page size; more pages follow when truncated
const HOLE_WAIT_MS = 3_000;        // a missing seq still missing after this is fetched with resume
const TYPING_SEND_EVERY_MS = 3_000;
const TYPING_SHOW_MS = 5_000;
const DELETE_CONFIRM_MS = 4_000;

const $ = (id) => document.getElementById(id);
const ui = {
  join: $("join"), name: $("name"), room: $("room"), token: $("token"), wsUrl: $("ws-url"), connect: $("connect"),
  chat: $("chat"), session: $("session"), me: $("me"), roomTitle: $("room-title"), status: $("status"),
  reconnect: $("reconnect"), disconnect: $("disconnect"), errors: $("errors"), members: $("members"),
  memberCount: $("member-count"), messages: $("messages"), composer: $("composer"), input: $("input"),
  send: $("send"), typing: $("typing"),
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
  tag: "",              // our own tag, from the first frame that carries it
  room: "",
  pendingRoom: null,    // room asked for with join/leave, not yet confirmed
  members: new Map(),   // userId -> { name, tag, devices }
  generation: 0,        // counts sockets, so pending messages know which one they were sent on
  // The room's messages, by seq: exactly one list item per seq, in seq order.
  bySeq: new Map(),     // seq -> list item
  lastSeq: 0,           // the room's last contiguous seq: every message from the first one shown to it is here
  synced: false,        // history or resume has answered for this room, so lastSeq is a baseline
  baselineOpen: false,  // the room was empty when synced: the first live seq starts the count
  resuming: false,      // a resume is on its way (pages follow while truncated)
  holeTimer: null,
  refs: 0,
  pending: new Map(),   // ref -> list item of an own message not yet confirmed with "sent"
  typing: new Map(),    // userId -> { name, timer } of others typing now
  typingSentAt: 0,
  lastRead: 0,          // the user's read marker for the room: messages up to this seq have been read
  readSent: 0,          // the highest seq a read frame was sent for
  readTimer: null,
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

function seqOf(node) {
  return node.dataset.seq ? Number(node.dataset.seq) : 0;
}

/**
 * Inserts a list item and keeps the list bounded. Room messages with a seq are kept in seq order, whatever order
 * they arrive in; everything else (notices, whispers, own messages not yet numbered) goes by timestamp between them.
 */
function place(item, ts) {
  const stick = nearBottom();
  item.remove();   // an item that moves (a pending message that got its seq) is placed afresh
  item.dataset.ts = String(ts);
  const seq = seqOf(item);
  let lower = null;   // a seq'd item must come after the last one with a smaller seq...
  let upper = null;   // ...and before the first one with a larger seq
  if (seq) {
    for (let node = ui.messages.lastElementChild; node; node = node.previousElementSibling) {
      const other = seqOf(node);
      if (other && other < seq) {
        lower = node;
        break;
      }
      if (other) {
        upper = node;
      }
    }
  }
  let before = upper;
  for (let node = upper ? upper.previousElementSibling : ui.messages.lastElementChild;
    node && node !== lower; node = node.previousElementSibling) {
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
    forget(ui.messages.firstElementChild);
  }
  if (stick || item.classList.contains("own")) {
    ui.messages.scrollTop = ui.messages.scrollHeight;
  }
}

function forget(item) {
  const seq = seqOf(item);
  if (seq && state.bySeq.get(seq) === item) {
    state.bySeq.delete(seq);
  }
  item.remove();
}

function renderMessage(frame, { own = false, pending = false } = {}) {
  if (frame.id && !isSeq(frame.seq)
      && ui.messages.querySelector(`[data-id="${CSS.escape(frame.id)}"]`)) {
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
    item.classList.add("pending");
  }
  item.append(timeElement(frame.ts));
  const from = element("span", "from", frame.from ?? "?");
  if (frame.userId) {
    from.title = frame.userId;
  }
  item.append(from);
  const tag = tagElement(own ? frame.tag ?? state.tag : frame.tag);
  if (tag) {
    item.append(tag);
  }
  if (frame.type === "whisper") {
    item.classList.add("whisper");
    const toName = frame.to === state.userId ? "you" : memberName(frame.to);
    item.append(element("span", "to", `whispers to ${toName}`));
  }
  item.append(element("span", "text", frame.data ?? ""));
  if (isSeq(frame.seq)) {
    item.dataset.seq = String(frame.seq);
    applyChange(item, frame);
  }
  place(item, typeof frame.ts === "number" ? frame.ts : Date.now());
  return item;
}

function isSeq(value) {
  return Number.isSafeInteger(value) && value >= 1;
}

/** Shows a message's current state: its text, the edited mark, or the tombstone; and the edit controls. */
function applyChange(item, frame) {
  const text = item.querySelector(".text");
  item.querySelector(".editor")?.remove();
  text.hidden = false;
  item.querySelector(".edited")?.remove();
  item.querySelector(".saving")?.remove();
  if (frame.deleted === true) {
    item.dataset.deleted = "true";
    item.classList.add("deleted");
    text.textContent = "message deleted";
    text.classList.add("tombstone");
    item.querySelector(".actions")?.remove();
  } else {
    if (typeof frame.data === "string") {
      text.textContent = frame.data;
    }
    if (typeof frame.editedAt === "number" && frame.editedAt > 0) {
      item.dataset.editedAt = String(frame.editedAt);
      const mark = element("span", "edited", "(edited)");
      mark.title = `Edited ${new Date(frame.editedAt).toLocaleString()}`;
      text.after(mark);
    }
  }
  if (item.dataset.own === "true" && item.dataset.deleted !== "true" && item.dataset.seq
      && !item.querySelector(".actions")) {
    item.append(messageActions(item));
  }
}

function actionButton(label, action, onClick) {
  const button = element("button", "action", label);
  button.type = "button";
  button.dataset.action = action;
  button.addEventListener("click", onClick);
  return button;
}

function messageActions(item) {
  const actions = element("span", "actions");
  const edit = actionButton("Edit", "edit", () => openEditor(item));
  edit.setAttribute("aria-label", "Edit message");
  const remove = actionButton("Delete", "delete", () => {
    if (remove.dataset.action === "confirm-delete") {
      clearTimeout(remove.confirmTimer);
      if (send({ action: "delete", seq: Number(item.dataset.seq) })) {
        markSaving(item, "deleting…");
      }
      resetDelete();
      return;
    }
    remove.dataset.action = "confirm-delete";
    remove.textContent = "Delete?";
    remove.classList.add("danger");
    remove.setAttribute("aria-label", "Select again to delete the message");
    remove.confirmTimer = setTimeout(resetDelete, DELETE_CONFIRM_MS);
  });
  remove.setAttribute("aria-label", "Delete message");
  function resetDelete() {
    remove.dataset.action = "delete";
    remove.textContent = "Delete";
    remove.classList.remove("danger");
    remove.setAttribute("aria-label", "Delete message");
  }
  actions.append(edit, remove);
  return actions;
}

function markSaving(item, label) {
  item.querySelector(".saving")?.remove();
  item.querySelector(".text").after(element("span", "saving", label));
}

/** Edits in place: the text becomes an input; Enter or Save sends "edit", Escape or Cancel gives up. */
function openEditor(item) {
  if (item.querySelector(".editor") || item.dataset.deleted === "true") {
    return;
  }
  const text = item.querySelector(".text");
  const form = element("form", "editor");
  form.noValidate = true;
  const input = element("input", "edit-input");
  input.value = text.textContent;
  input.maxLength = MAX_TEXT_LENGTH;
  input.setAttribute("aria-label", "New text");
  const save = element("button", "action", "Save");
  save.type = "submit";
  save.dataset.action = "save";
  const cancel = actionButton("Cancel", "cancel", () => close());
  function close() {
    form.remove();
    text.hidden = false;
  }
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const data = input.value;
    if (data.trim() === "" || data === text.textContent) {
      close();
      return;
    }
    if (data.length > MAX_TEXT_LENGTH) {
      showError(`Messages can be at most ${MAX_TEXT_LENGTH} characters.`, "INVALID_TEXT");
      return;
    }
    if (send({ action: "edit", seq: Number(item.dataset.seq), data })) {
      close();
      markSaving(item, "saving…");
    }
  });
  input.addEventListener("keydown", (event) => {
    if (event.key === "Escape") {
      event.preventDefault();
      close();
      ui.input.focus();
    }
  });
  form.append(input, save, cancel);
  text.hidden = true;
  text.after(form);
  input.focus();
  input.select();
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
  // Not while a socket is opening: a second one would be a second connection.
  ui.reconnect.hidden = !((stateName === "reconnecting" && state.socket === null) || stateName === "failed");
}

function memberName(userId) {
  const member = state.members.get(userId);
  return member ? labelled(member.name, member.tag) : userId;
}

const TAG = /^[a-km-np-z2-9]{4}$/;

/**
 * The user's tag beside a name: display names are not unique and may look alike across scripts, the tag (from the
 * user id) tells such users apart. Null for anything that is not a tag.
 */
function tagElement(tag) {
  if (typeof tag !== "string" || !TAG.test(tag)) {
    return null;
  }
  const span = element("span", "tag", `#${tag}`);
  span.title = "This user's tag: the same name with another tag is someone else";
  return span;
}

/** A name with its tag, for text such as notices. */
function labelled(name, tag) {
  return typeof tag === "string" && TAG.test(tag) ? `${name} #${tag}` : name;
}

/** Keeps our own tag once a frame about us carries it, for the messages we draw before the server confirms them. */
function learnTag(frame) {
  if (frame && frame.userId === state.userId && typeof frame.tag === "string" && TAG.test(frame.tag)) {
    state.tag = frame.tag;
  }
}

function renderMembers() {
  const items = [...state.members.entries()]
    .sort(([, a], [, b]) => a.name.localeCompare(b.name))
    .map(([userId, { name, tag, devices }]) => {
      const item = element("li", "member");
      item.dataset.testid = "member";
      item.dataset.userId = userId;
      item.dataset.devices = String(devices);
      const button = element("button", "member-name", name);
      button.type = "button";
      button.title = userId === state.userId ? "You" : `Whisper to ${name}`;
      button.addEventListener("click", () => prefillWhisper(userId));
      item.append(button);
      const tagSpan = tagElement(tag);
      if (tagSpan) {
        item.append(tagSpan);
      }
      if (userId === state.userId) {
        item.classList.add("self");
        item.append(element("span", "you", "(you)"));
      }
      if (devices > 1) {
        const count = element("span", "devices", `${devices} devices`);
        count.title = `Connected from ${devices} devices or tabs`;
        item.append(count);
      }
      return item;
    });
  ui.members.replaceChildren(...items);
  ui.memberCount.textContent = `(${state.members.size})`;
}

function renderSession() {
  ui.me.textContent = state.name || "guest";
  ui.roomTitle.textContent = state.room;
  renderTitle();
}

/** The tab's title, with the number of others' messages after the read marker while there are any. */
function renderTitle() {
  let unread = 0;
  for (const [seq, item] of state.bySeq) {
    if (seq > state.lastRead && item.dataset.own !== "true") {
      unread += 1;
    }
  }
  const room = state.room ? `${state.room} · wschat` : "wschat";
  document.title = unread > 0 ? `(${unread}) ${room}` : room;
}

// ---------- read markers ----------

/** Takes a read marker the server sent (history's lastRead, or a read frame from any of our devices). */
function learnRead(seq) {
  if (isSeq(seq) && seq > state.lastRead) {
    state.lastRead = seq;
    ui.messages.dataset.lastRead = String(seq);
  }
  renderTitle();
}

/** A divider before the first message after the marker, when the marker is set and something came since. */
function markNewSince(lastRead) {
  ui.messages.querySelectorAll(".new-divider").forEach((divider) => divider.remove());
  if (lastRead < 1) {
    return;
  }
  const first = [...state.bySeq.entries()].filter(([seq]) => seq > lastRead).sort(([a], [b]) => a - b)[0];
  if (first) {
    const divider = element("li", "new-divider", "New since you last read");
    divider.dataset.testid = "new-divider";
    first[1].before(divider);
  }
}

/**
 * Moves the marker to the last message here once the page has been visible for a second with it: only a page that
 * someone can see reads anything, and one frame a second at most.
 */
function scheduleRead() {
  renderTitle();
  if (state.readTimer !== null || document.visibilityState !== "visible") {
    return;
  }
  state.readTimer = setTimeout(() => {
    state.readTimer = null;
    const seq = state.lastSeq;
    if (document.visibilityState === "visible" && connected() && isSeq(seq)
        && seq > Math.max(state.readSent, state.lastRead)) {
      state.readSent = seq;
      send({ action: "read", seq });
    }
  }, READ_AFTER_MS);
}

document.addEventListener("visibilitychange", scheduleRead);

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
  learnTag(frame);
  switch (frame.type) {
    case "message":
      if (inRoom) {
        stopTyping(frame.userId);
        receiveMessage(frame);
        watchForHoles();
        scheduleRead();
      }
      break;
    case "sent":
      if (inRoom) {
        confirmSent(frame);
      }
      break;
    case "edited":
    case "deleted":
      if (inRoom) {
        receiveChange(frame);
      }
      break;
    case "whisper":
      renderMessage(frame, { own: frame.userId === state.userId });
      break;
    case "history":
      if (inRoom) {
        learnRead(frame.lastRead);
        renderHistory(frame.messages);
        markNewSince(state.lastRead);
        scheduleRead();
      }
      break;
    case "read":
      if (inRoom) {
        learnRead(frame.seq);
      }
      break;
    case "resumed":
      if (inRoom) {
        renderResumed(frame);
      }
      break;
    case "typing":
      if (inRoom && frame.userId !== state.userId) {
        startTyping(frame.userId, labelled(frame.name, frame.tag));
      }
      break;
    case "presence":
      if (inRoom && Array.isArray(frame.members)) {
        state.members.clear();
        for (const member of frame.members) {
          learnTag(member);
          addMember(member.userId, member.name, member.devices, member.tag);
        }
        renderMembers();
      }
      break;
    case "joined":
      if (inRoom) {
        const known = state.members.get(frame.userId);
        addMember(frame.userId, frame.name,
          known && frame.userId !== state.userId ? known.devices + 1 : known?.devices, frame.tag);
        renderMembers();
        if (frame.userId !== state.userId) {
          renderNotice(`${labelled(frame.name, frame.tag)} joined`, frame.ts, "joined");
        }
      }
      break;
    case "left":
      if (inRoom) {
        const known = state.members.get(frame.userId);
        if (known && known.devices > 1) {
          known.devices -= 1;
        } else {
          state.members.delete(frame.userId);
          stopTyping(frame.userId);
        }
        renderMembers();
        renderNotice(`${labelled(frame.name, frame.tag)} left`, frame.ts, "left");
      }
      break;
    case "renamed":
      if (frame.userId === state.userId) {
        state.name = frame.name;
        renderSession();
      }
      if (inRoom) {
        addMember(frame.userId, frame.name, state.members.get(frame.userId)?.devices, frame.tag);
        renderMembers();
        renderNotice(`${labelled(frame.previous ?? frame.userId, frame.tag)} is now ${frame.name}`, frame.ts,
          "renamed");
      }
      break;
    case "error":
      handleError(frame);
      break;
    default:
      break;
  }
}

// Keyed by user id: a user with several connections is listed once, with their connection count. Notices only
// adjust the count; "who" gives the real one.
function addMember(userId, name, devices, tag) {
  if (typeof userId === "string") {
    state.members.set(userId, {
      name: typeof name === "string" ? name : userId,
      tag: typeof tag === "string" && TAG.test(tag) ? tag : "",
      devices: Number.isSafeInteger(devices) && devices >= 1 ? devices : 1,
    });
  }
}

/**
 * Shows a room message exactly once: a seq already here is dropped (only a newer edit of it is taken), an own
 * message we drew while it was pending takes the seq. Returns whether something new was added.
 */
function receiveMessage(frame, { adopt = false } = {}) {
  if (!frame || typeof frame !== "object") {
    return false;
  }
  const message = { ...frame, type: "message" };
  const own = message.userId === state.userId;
  if (!isSeq(message.seq)) {
    return renderMessage(message, { own }) !== null;
  }
  const existing = state.bySeq.get(message.seq);
  if (existing) {
    if (message.deleted === true || Number(message.editedAt ?? 0) > Number(existing.dataset.editedAt ?? 0)) {
      applyChange(existing, message);
    }
    return false;
  }
  const item = (own && adopt && adoptPendingOwn(message)) || renderMessage(message, { own });
  state.bySeq.set(message.seq, item);
  advance(message.seq);
  return true;
}

/** Moves lastSeq over every seq that is now here without a hole. */
function advance(seq) {
  if (state.synced && state.baselineOpen) {
    state.baselineOpen = false;
    if (state.lastSeq === 0) {
      state.lastSeq = seq - 1;
    }
  }
  fillForward();
}

function fillForward() {
  while (state.bySeq.has(state.lastSeq + 1)) {
    state.lastSeq += 1;
  }
}

function highestSeq() {
  let highest = 0;
  for (const seq of state.bySeq.keys()) {
    highest = Math.max(highest, seq);
  }
  return highest;
}

/**
 * Live messages can overtake each other, so a hole (41, then 43) usually fills by itself; one that is still
 * there a few seconds later is fetched with resume.
 */
function watchForHoles() {
  if (state.holeTimer || !state.synced || highestSeq() <= state.lastSeq) {
    return;
  }
  state.holeTimer = setTimeout(() => {
    state.holeTimer = null;
    if (state.synced && !state.resuming && highestSeq() > state.lastSeq && connected()) {
      requestResume(state.lastSeq);
    }
  }, HOLE_WAIT_MS);
}

function confirmSent(frame) {
  const item = state.pending.get(frame.ref);
  if (!item) {
    return;
  }
  state.pending.delete(frame.ref);
  if (!isSeq(frame.seq)) {
    return;
  }
  if (item.dataset.seq || state.bySeq.has(frame.seq)) {
    // resume or history brought it first (matched by text: it may have taken another of our messages' place)
    if (!state.bySeq.has(frame.seq)) {
      receiveMessage({ type: "message", id: frame.id, ts: frame.ts, room: frame.room, seq: frame.seq,
        from: item.querySelector(".from").textContent, userId: state.userId,
        data: item.querySelector(".text").textContent });
    } else if (!item.dataset.seq) {
      item.remove();
    }
    return;
  }
  settle(item, frame);
  state.bySeq.set(frame.seq, item);
  advance(frame.seq);
  place(item, typeof frame.ts === "number" ? frame.ts : Date.now());   // moves it to its seq's place
  watchForHoles();
}

/** An own message drawn while pending becomes the stored one: its server id, time and seq. */
function settle(item, frame) {
  delete item.dataset.pending;
  delete item.dataset.ref;
  item.classList.remove("pending");
  if (frame.id) {
    item.dataset.id = frame.id;
  }
  if (typeof frame.ts === "number") {
    const time = timeElement(frame.ts);
    item.querySelector(".time").replaceWith(time);
  }
  item.dataset.seq = String(frame.seq);
  const tag = !item.querySelector(".tag") && tagElement(frame.tag ?? state.tag);
  if (tag) {
    item.querySelector(".from").after(tag);
  }
  applyChange(item, frame);
}

function receiveChange(frame) {
  if (!isSeq(frame.seq)) {
    return;
  }
  const item = state.bySeq.get(frame.seq);
  if (item) {
    applyChange(item, frame);
  }
}

function renderHistory(messages) {
  if (!Array.isArray(messages)) {
    return;
  }
  const baseline = !state.synced;
  if (baseline) {
    // History is the newest page: the room's count starts just before its first message.
    const first = messages.find((message) => message && isSeq(message.seq));
    if (first && first.seq - 1 > state.lastSeq) {
      state.lastSeq = first.seq - 1;
    }
    state.synced = true;
    state.baselineOpen = !first && state.bySeq.size === 0;
  }
  let added = 0;
  for (const message of messages) {
    if (receiveMessage(message, { adopt: true })) {
      added += 1;
    }
  }
  fillForward();
  if (baseline) {
    giveUpOnOlderPending();
  }
  watchForHoles();
  if (added === 0 && messages.length === 0 && !ui.messages.querySelector(".message")) {
    renderNotice(`No messages in ${state.room} yet.`, 0, "empty");
  }
}

function renderResumed(frame) {
  const messages = Array.isArray(frame.messages) ? frame.messages : [];
  if (frame.gap === true) {
    // The messages after ours are gone (expired, or the room was reset and its numbers start again): drop the
    // numbered ones we have and start again from this newest page.
    for (const item of state.bySeq.values()) {
      item.remove();
    }
    state.bySeq.clear();
    state.lastSeq = 0;
    state.synced = false;
    const first = messages.find((message) => message && typeof message.ts === "number");
    renderNotice("Some messages are no longer available; showing the newest.", first ? first.ts - 1 : Date.now(),
      "gap");
    state.resuming = false;
    renderHistory(messages);
    setStatus("connected", "Connected");
    return;
  }
  for (const message of messages) {
    receiveMessage(message, { adopt: true });
  }
  const last = messages.length > 0 ? messages[messages.length - 1].seq : null;
  if (frame.truncated === true && isSeq(last)) {
    requestResume(last);
    return;
  }
  state.resuming = false;
  giveUpOnOlderPending();
  setStatus("connected", "Connected");
  watchForHoles();
}

/** The server does not echo our messages; when history brings one we drew as pending, that item takes its seq. */
function adoptPendingOwn(message) {
  for (const item of ui.messages.querySelectorAll('[data-pending="true"]')) {
    if (item.querySelector(".text").textContent === message.data) {
      state.pending.delete(item.dataset.ref);
      settle(item, message);
      place(item, typeof message.ts === "number" ? message.ts : Date.now());
      return item;
    }
  }
  return null;
}

/**
 * Own messages sent on an earlier connection that never got "sent", and that resume or history did not bring
 * back either, were lost with that connection.
 */
function giveUpOnOlderPending() {
  for (const [ref, item] of state.pending) {
    if (Number(item.dataset.generation) < state.generation) {
      state.pending.delete(ref);
      failed(item);
    }
  }
}

function failed(item) {
  item.classList.add("failed");
  delete item.dataset.pending;
  item.classList.remove("pending");
  item.append(element("span", "failure", "not delivered"));
}

// ---------- typing ----------

function startTyping(userId, name) {
  if (typeof userId !== "string") {
    return;
  }
  const known = state.typing.get(userId);
  clearTimeout(known?.timer);
  state.typing.set(userId, {
    name: typeof name === "string" ? name : memberName(userId),
    timer: setTimeout(() => stopTyping(userId), TYPING_SHOW_MS),
  });
  renderTyping();
}

function stopTyping(userId) {
  const known = state.typing.get(userId);
  if (known) {
    clearTimeout(known.timer);
    state.typing.delete(userId);
    renderTyping();
  }
}

function clearTyping() {
  for (const { timer } of state.typing.values()) {
    clearTimeout(timer);
  }
  state.typing.clear();
  renderTyping();
}

function renderTyping() {
  const names = [...state.typing.values()].map(({ name }) => name);
  let text = "";
  if (names.length === 1) {
    text = `${names[0]} is typing…`;
  } else if (names.length === 2 || names.length === 3) {
    text = `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]} are typing…`;
  } else if (names.length > 3) {
    text = `${names.slice(0, 2).join(", ")} and ${names.length - 2} others are typing…`;
  }
  ui.typing.textContent = text;
}

/** Tells the room we are typing, at most every 3 s, and not for commands (a whisper is nobody else's business). */
function noteTyping() {
  const text = ui.input.value;
  if (text.trim() === "" || (text.startsWith("/") && !text.startsWith("//")) || !connected()) {
    return;
  }
  const now = Date.now();
  if (now - state.typingSentAt < TYPING_SEND_EVERY_MS) {
    return;
  }
  state.typingSentAt = now;
  state.socket.send(JSON.stringify({ action: "typing" }));
}

function handleError(frame) {
  const code = typeof frame.code === "string" ? frame.code : "ERROR";
  const text = typeof frame.message === "string" && frame.message ? frame.message : "The server refused that.";
  if (code === "RATE_LIMITED" || code === "INVALID_TEXT") {
    const recent = [...ui.messages.querySelectorAll('.own[data-pending="true"]:not(.failed)')]
      .filter((item) => Date.now() - Number(item.dataset.sentAt) < OWN_ERROR_WINDOW_MS);
    const last = recent[recent.length - 1];
    if (last) {
      state.pending.delete(last.dataset.ref);
      failed(last);
    }
  }
  if (["RATE_LIMITED", "INVALID_TEXT", "NOT_ALLOWED", "NOT_FOUND", "INVALID_FIELD"].includes(code)) {
    // an edit or delete we were waiting for will not come
    ui.messages.querySelectorAll(".saving").forEach((mark) => mark.remove());
  }
  if (code === "INVALID_ROOM" || code === "NOT_ALLOWED") {
    state.pendingRoom = null;
  }
  showError(text, code);
  if (code === "NOT_CONNECTED" && state.socket) {
    // The server forgot this connection: a new one (with resume) is the way back.
    state.socket.close(4000, "not connected");
  }
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

function connected() {
  return state.socket !== null && state.socket.readyState === WebSocket.OPEN;
}

/** Who is here, and the messages: all those after the last one we have (resume), or the newest page (history). */
function requestRoomState() {
  send({ action: "who" });
  if (state.synced && state.lastSeq > 0) {
    requestResume(state.lastSeq);
  } else {
    state.synced = false;
    send({ action: "history", limit: HISTORY_LIMIT });
  }
}

function requestResume(after) {
  state.resuming = true;
  setStatus("connected", "Connected · catching up…");
  send({ action: "resume", after });
}

/** Forgets the room's messages, e.g. for another room. */
function resetRoom() {
  state.members.clear();
  state.bySeq.clear();
  state.pending.clear();
  state.lastSeq = 0;
  state.synced = false;
  state.baselineOpen = false;
  state.resuming = false;
  state.lastRead = 0;
  state.readSent = 0;
  clearTimeout(state.readTimer);
  state.readTimer = null;
  delete ui.messages.dataset.lastRead;
  clearTimeout(state.holeTimer);
  state.holeTimer = null;
  clearTyping();
  ui.messages.replaceChildren();
}

function enterRoom(room) {
  state.pendingRoom = null;
  if (room === state.room) {
    return;
  }
  state.room = room;
  resetRoom();
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
      {
        // The ref comes back in "sent" with the message's seq; unique within this page's life.
        state.refs += 1;
        const ref = `${state.generation}-${state.refs}-${Math.random().toString(36).slice(2, 8)}`;
        if (send({ ...command, ref })) {
          const item = renderMessage({ type: "message", from: state.name || "you", userId: state.userId,
            data: command.data, ts: Date.now() }, { own: true, pending: true });
          item.dataset.sentAt = String(Date.now());
          item.dataset.ref = ref;
          item.dataset.generation = String(state.generation);
          state.pending.set(ref, item);
          state.typingSentAt = 0;
          return true;
        }
        return false;
      }
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
        showError("Names are 1 to 32 letters of one script, digits, spaces, _, - or .", "INVALID_NAME");
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
  state.generation += 1;
  state.pendingRoom = null;
  let opened = false;
  if (state.everOpened) {
    setStatus("reconnecting", `Reconnecting (attempt ${Math.max(state.attempt, 1)})…`);
  } else {
    setStatus("connecting", "Connecting…");
  }

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
    state.resuming = false;
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
  clearTimeout(state.holeTimer);
  state.retryTimer = state.stableTimer = state.countdownTimer = state.holeTimer = null;
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
      problems.push("Names are 1 to 32 letters of one script, digits, spaces, _, - or ., not starting or ending with a space");
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
  resetRoom();
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
  ui.input.addEventListener("input", noteTyping);
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
