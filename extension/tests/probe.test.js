"use strict";
// The MAIN-world probe against an emulation of WhatsApp's 2026 module system (fake-whatsapp.js).
const test = require("node:test");
const assert = require("node:assert/strict");
const { JSDOM } = require("jsdom");
const { createProbe, NS } = require("../src/whatsapp/probe.js");
const { createProbeBridge, sanitize } = require("../src/whatsapp/probe-bridge.js");
const { installFakeWhatsApp } = require("./helpers/fake-whatsapp.js");
const { withPostMessageSource } = require("./helpers/load-fixture.js");

const ROOTS = ["#main", "#main header"];
const LID = "123456789012345@lid";

function blankWindow() {
  return withPostMessageSource(new JSDOM("<!doctype html><div id=app><div id=main><header><span>t</span></header></div></div>",
    { url: "https://web.whatsapp.com/", pretendToBeVisual: true }).window);
}

function state(chats, extra) {
  return Object.assign({ version: "2.3000.1040123456", active: chats[0] && chats[0].id, chats, me: {} , react: false }, extra);
}

// The next reading posted (that satisfies `wanted`, when given).
function nextState(win, wanted) {
  return new Promise((resolve) => {
    const bridge = createProbeBridge(win, (reading) => {
      if (wanted && !wanted(reading)) return;
      bridge.stop();
      resolve(reading);
    });
    bridge.start();
  });
}

// The reading that answers a request (as the content script sends after a chat switch).
async function ask(win, probe, { epoch = 7, roots = ROOTS } = {}) {
  const posted = nextState(win, (reading) => reading.epoch === epoch);
  win.postMessage({ ns: NS, type: "request", epoch, reactRoots: roots }, "https://web.whatsapp.com");
  const reading = await posted;
  assert.ok(probe);
  return reading;
}

async function readingFor(waState, options) {
  const win = blankWindow();
  const fake = installFakeWhatsApp(win, waState, options);
  const probe = createProbe(win);
  probe.start();
  await new Promise((resolve) => setTimeout(resolve, 2));
  const reading = await ask(win, probe);
  probe.stop();
  return { reading, fake, win };
}

test("a phone-id chat: its own Wid gives the number (store-pn), the request's epoch comes back", async () => {
  const { reading } = await readingFor(state([{ id: "212600000005@c.us", formattedTitle: "Omar Demo", contact: { name: "Omar Demo", pushname: "Omar" } }]));
  assert.deepEqual([reading.chatId, reading.chatIdFrom, reading.phone, reading.phoneSource, reading.epoch],
    ["212600000005@c.us", "model", "+212600000005", "store-pn", 7]);
  assert.deepEqual([reading.name, reading.pushname, reading.waVersion, reading.loader], ["Omar Demo", "Omar", "2.3000.1040123456", "meta"]);
});

test("a LID chat, sources in order: the chat's contact, the contact collection, the LID cache with a real Wid", async () => {
  const own = await readingFor(state([{ id: LID, contact: { name: "K", phoneNumber: "212600000004@c.us" } }]));
  assert.deepEqual([own.reading.phone, own.reading.phoneSource], ["+212600000004", "store-pn"]);
  const collection = await readingFor(state([{ id: LID, contact: { name: "K" } }],
    { contacts: [{ id: LID, phoneNumber: "212600000014@c.us" }] }));
  // The chat's own contact has no number; the collection's record for the same Wid has.
  assert.deepEqual([collection.reading.phone, collection.reading.phoneSource], ["+212600000014", "contact"]);
  const cache = await readingFor(state([{ id: LID, contact: { name: "K" } }], { lidMap: { [LID]: "212600000024@c.us" } }));
  assert.deepEqual([cache.reading.phone, cache.reading.phoneSource], ["+212600000024", "lid-cache"]);
  const none = await readingFor(state([{ id: LID, contact: { name: "K" } }]));
  assert.deepEqual([none.reading.chatId, none.reading.phone], [LID, null]);
});

test("getPhoneNumber is never given a string: without WAWebWidFactory the LID cache is skipped, not crashed", async () => {
  let calls = 0;
  let strings = 0;
  const api = { getPhoneNumber(wid) { calls += 1; if (typeof wid === "string") { strings += 1; throw new TypeError("wid.equals is not a function"); } return { _serialized: "212600000024@c.us" }; } };
  const withFactory = await readingFor(state([{ id: LID }], { lidMap: {} }), { overrides: { WAWebApiContact: api } });
  assert.equal(withFactory.reading.phoneSource, "lid-cache");
  assert.equal(strings, 0);
  // Only a string id known (React props, no chat collection) and no factory: the cache is skipped.
  const noFactory = await reactReading((win) => {
    installFakeWhatsApp(win, state([{ id: LID }], { modules: { missing: ["WAWebWidFactory", "WAWebChatCollection"] } }), { overrides: { WAWebApiContact: api } });
    win.document.getElementById("main")["__reactFiber$a"] = fiberChain({ chat: { id: LID } }, 2);
  });
  assert.deepEqual([noFactory.chatId, noFactory.phone], [LID, null]);
  assert.equal(strings, 0);
  assert.ok(calls >= 1);
});

test("no registry, modules missing, everything throwing: an empty reading that still says what is there", async () => {
  const win = blankWindow();
  const bare = createProbe(win).readState(3);
  assert.deepEqual([bare.chatId, bare.loader, bare.epoch], [null, "none", 3]);
  const missing = await readingFor(state([{ id: LID }], { modules: { missing: ["WAWebChatCollection", "WAWebContactCollection", "WAWebApiContact"] } }));
  assert.equal(missing.reading.chatId, null);
  assert.deepEqual(missing.reading.modules, { chats: false, contacts: false, apiContact: false, widFactory: true, me: true });
  const throwing = await readingFor(state([{ id: LID }], { lidMap: { [LID]: "212600000004@c.us" } }), { mode: "throwing" });
  assert.deepEqual([throwing.reading.chatId, throwing.reading.phone, throwing.reading.waVersion], [null, null, "2.3000.1040123456"]);
});

test("posts on change:active, answers requests, unsubscribes on stop", async () => {
  const win = blankWindow();
  const fake = installFakeWhatsApp(win, state([{ id: LID, formattedTitle: "K" }, { id: "212600000005@c.us", formattedTitle: "Omar Demo" }]));
  const probe = createProbe(win);
  const first = nextState(win);
  probe.start();
  assert.equal((await first).chatId, LID);
  assert.equal(fake.listenerCount(), 1);
  const pushed = nextState(win, (reading) => reading.chatId === "212600000005@c.us");
  fake.switchTo("212600000005@c.us");
  const push = await pushed;
  assert.deepEqual([push.chatId, push.epoch], ["212600000005@c.us", null]);
  assert.equal((await ask(win, probe, { epoch: 9 })).epoch, 9);
  probe.stop();
  assert.equal(fake.listenerCount(), 0);
});

test("lazy modules: looked up again on a chat switch request and on script loads, at a bounded cost", async () => {
  const win = blankWindow();
  let scriptsSeen = null;
  win.PerformanceObserver = class { constructor(callback) { scriptsSeen = callback; } observe() {} disconnect() { scriptsSeen = null; } };
  const fake = installFakeWhatsApp(win, state([{ id: LID }], { lidMap: { [LID]: "212600000004@c.us" },
    modules: { late: ["WAWebChatCollection", "WAWebApiContact"] } }));
  const probe = createProbe(win);
  probe.start();
  assert.equal(probe.readState().chatId, null, "not registered yet");
  // A script finished loading: it registered the modules; one look-up finds them.
  fake.registerLate();
  const posted = nextState(win, (reading) => !!reading.chatId);
  const before = probe.lookups;
  scriptsSeen({ getEntries: () => [{ initiatorType: "script" }] });
  scriptsSeen && scriptsSeen({ getEntries: () => [{ initiatorType: "script" }] });
  assert.ok(probe.lookups - before <= 1, "a burst of script loads costs one look-up");
  const reading = await posted;
  assert.deepEqual([reading.chatId, reading.phone], [LID, "+212600000004"]);
  assert.equal(scriptsSeen, null, "everything found: no more watching");
  probe.stop();

  // On a request: a chat switch asks again.
  const other = blankWindow();
  const lateFake = installFakeWhatsApp(other, state([{ id: LID }], { modules: { late: ["WAWebChatCollection"] } }));
  const lateProbe = createProbe(other);
  lateProbe.start();
  lateFake.registerLate();
  assert.equal((await ask(other, lateProbe)).chatId, LID);
  lateProbe.stop();
});

test("the back-off retry stops after a bounded number of tries", async (t) => {
  t.mock.timers.enable({ apis: ["setTimeout"] });
  const win = blankWindow();
  win.setTimeout = setTimeout;
  win.clearTimeout = clearTimeout;
  win.require = () => { throw new Error("unknown"); };
  win.__d = () => {};
  const probe = createProbe(win);
  probe.start();
  for (let i = 0; i < 200; i += 1) t.mock.timers.tick(5000);
  assert.equal(probe.tries, 60);
  const lookups = probe.lookups;
  t.mock.timers.tick(60000);
  assert.equal(probe.lookups, lookups);
  probe.stop();
  t.mock.timers.reset();
});

// React: the wrapper above #main holds the chat model as its `chat` prop.
function fiberChain(props, depth) {
  let fiber = { memoizedProps: props, return: null };
  for (let i = 0; i < depth; i += 1) fiber = { memoizedProps: { className: "x" + i }, return: fiber };
  return fiber;
}

async function reactReading(setup, roots) {
  const win = blankWindow();
  setup(win);
  const probe = createProbe(win);
  probe.start();
  const reading = await ask(win, probe, { roots });
  probe.stop();
  return reading;
}

test("React: the chat id from #main's fibers, read at the moment of the request", async () => {
  const reading = await reactReading((win) => {
    win.document.getElementById("main")["__reactFiber$k3j2h1"] = fiberChain({ chat: { id: { _serialized: "212600000005@c.us" }, formattedTitle: "Omar" } }, 4);
  });
  assert.deepEqual([reading.chatId, reading.chatIdFrom, reading.reactChatId, reading.phone, reading.title],
    ["212600000005@c.us", "react", "212600000005@c.us", "+212600000005", "Omar"]);
  const header = await reactReading((win) => {
    win.document.querySelector("#main header")["__reactProps$z9"] = { chat: { id: { user: "212600000006", server: "c.us" } } };
  });
  assert.equal(header.chatId, "212600000006@c.us");
});

test("React's chat (the one on screen) wins when the collection's active chat differs", async () => {
  const win = blankWindow();
  installFakeWhatsApp(win, state([{ id: "212600000005@c.us" }, { id: LID }], { lidMap: { [LID]: "212600000004@c.us" } }));
  win.document.getElementById("main")["__reactFiber$a"] = fiberChain({ chat: { id: win.require("WAWebWidFactory").createWid(LID) } }, 3);
  const probe = createProbe(win);
  probe.start();
  const reading = await ask(win, probe);
  probe.stop();
  assert.deepEqual([reading.chatId, reading.chatIdFrom, reading.modelChatId, reading.phone, reading.phoneSource],
    [LID, "react", "212600000005@c.us", "+212600000004", "lid-cache"]);
});

test("React missing, too deep, cyclic, wrong shapes or throwing: no id", async () => {
  assert.equal((await reactReading(() => {})).chatId, null);
  assert.equal((await reactReading((win) => { win.document.getElementById("main")["__reactFiber$a"] = fiberChain({ chat: { id: "212600000005@c.us" } }, 40); })).chatId, null);
  for (const props of [{ chat: { id: 212600000005 } }, { chat: {} }, { chat: "212600000005@c.us" }, { chat: { id: "<img>@c.us" } }, null]) {
    assert.equal((await reactReading((win) => { win.document.getElementById("main")["__reactFiber$a"] = fiberChain(props, 1); })).chatId, null, JSON.stringify(props));
  }
  const loop = { memoizedProps: {} };
  loop.return = loop;
  assert.equal((await reactReading((win) => { win.document.getElementById("main")["__reactFiber$a"] = loop; })).chatId, null);
  const throwing = await reactReading((win) => {
    Object.defineProperty(win.document.getElementById("main"), "__reactFiber$a", { enumerable: true, get() { throw new Error("internals"); } });
    win.document.querySelector("#main header")["__reactProps$b"] = Object.defineProperty({}, "chat", { get() { throw new Error("props"); } });
  }, ["#main[", "#main", "#main header"]);
  assert.equal(throwing.chatId, null);
  // Forged roots are bounded to a few short strings.
  assert.equal((await reactReading((win) => { win.document.getElementById("main")["__reactFiber$a"] = fiberChain({ chat: { id: "212600000005@c.us" } }, 1); },
    ["a", "b", "c", "d", "#main"])).chatId, null);
});

test("the seller's own ids: getMaybeMePnUser / getMaybeMeLidUser, the pre-2025 name, never swapped", async () => {
  const read = async (prefs) => (await readingFor(state([]), { overrides: { WAWebUserPrefsMeUser: prefs } })).reading;
  const now = await read({ getMaybeMePnUser: () => ({ _serialized: "212600000009@c.us" }), getMaybeMeLidUser: () => ({ user: "555566667777888", server: "lid" }) });
  assert.deepEqual([now.me, now.meFrom, now.meLid, now.meLidFrom], ["212600000009@c.us", "getMaybeMePnUser", "555566667777888@lid", "getMaybeMeLidUser"]);
  assert.equal((await read({ getMaybeMeUser: () => "212600000009:12@s.whatsapp.net" })).me, "212600000009@c.us");
  const swapped = await read({ getMaybeMePnUser: () => "555566667777888@lid", getMaybeMeLidUser: () => "212600000009@c.us" });
  assert.deepEqual([swapped.me, swapped.meLid], [null, null]);
  const throwing = await read({ getMaybeMePnUser() { throw new Error("not logged in"); }, getMaybeMeLidUser() { throw new Error("x"); } });
  assert.deepEqual([throwing.me, throwing.meLid], [null, null]);
  assert.equal(sanitize({ me: "555566667777888@lid" }).me, null);
});

test("the bridge keeps only the page's own well-shaped messages and stamps the epoch they arrived in", async () => {
  const win = blankWindow();
  const seen = [];
  let epoch = 4;
  const bridge = createProbeBridge(win, (reading) => seen.push(reading), () => epoch);
  bridge.start();
  const other = new JSDOM("", { url: "https://web.whatsapp.com/" }).window;
  win.dispatchEvent(new win.MessageEvent("message", { data: { ns: NS, type: "state", state: { chatId: "1@c.us" } }, source: other }));
  win.dispatchEvent(new win.MessageEvent("message", { data: { ns: "other", type: "state", state: { chatId: "212600000001@c.us" } }, source: win }));
  win.dispatchEvent(new win.MessageEvent("message", { data: { ns: NS, type: "state", state: { chatId: "212600000001@c.us", epoch: "x" } }, source: win }));
  assert.equal(seen.length, 1);
  assert.deepEqual([bridge.latest().chatId, bridge.latest().epoch, bridge.latest().receivedInEpoch], ["212600000001@c.us", null, 4]);
  epoch = 5;
  const sent = new Promise((resolve) => win.addEventListener("message", (e) => resolve(e.data)));
  bridge.request(5);
  assert.deepEqual(await sent, { ns: NS, type: "request", epoch: 5, reactRoots: ROOTS });
  bridge.stop();
});

test("the probe defines no page-visible callable and changes nothing in WhatsApp's registry", () => {
  const win = blankWindow();
  const fake = installFakeWhatsApp(win, state([{ id: LID }]));
  const before = Object.keys(win).sort().join(",");
  const chats = win.require("WAWebChatCollection").ChatCollection;
  const snapshot = Object.keys(chats).join(",");
  createProbe(win).readState();
  assert.equal(Object.keys(win).sort().join(","), before);
  assert.equal(Object.keys(chats).join(","), snapshot);
  assert.equal(fake.counters.sent, 0);
});
