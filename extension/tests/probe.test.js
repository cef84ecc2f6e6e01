"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { JSDOM } = require("jsdom");
const { createProbe, NS } = require("../src/probe.js");
const { createProbeBridge, sanitize } = require("../src/probe-bridge.js");
const { installFakeWhatsApp } = require("./helpers/fake-whatsapp.js");
const { loadFixture, withPostMessageSource } = require("./helpers/load-fixture.js");

function blankWindow() {
  return withPostMessageSource(new JSDOM("<!doctype html><div id=app></div>", { url: "https://web.whatsapp.com/", pretendToBeVisual: true }).window);
}

function nextState(win) {
  return new Promise((resolve) => {
    const bridge = createProbeBridge(win, (state) => { bridge.stop(); resolve(state); });
    bridge.start();
  });
}

const LID_STATE = loadFixture("lid-known").meta.waState;

test("reads the active 1:1 chat on a phone id", () => {
  const win = blankWindow();
  installFakeWhatsApp(win, { version: "2.3000.1", active: { id: "212600000005@c.us", formattedTitle: "Omar Demo", contact: { name: "Omar Demo", pushname: "Omar" } } });
  const state = createProbe(win).readState();
  assert.equal(state.chatId, "212600000005@c.us");
  assert.equal(state.name, "Omar Demo");
  assert.equal(state.pushname, "Omar");
  assert.equal(state.waVersion, "2.3000.1");
  assert.equal(state.loader, "meta");
  assert.equal(state.phone, null, "a phone id needs no mapping; the adapter reads its digits");
});

test("maps a LID to its phone through WhatsApp's local cache only", () => {
  const win = blankWindow();
  installFakeWhatsApp(win, LID_STATE);
  const state = createProbe(win).readState();
  assert.equal(state.chatId, "123456789012345@lid");
  assert.equal(state.phone, "+212600000004");
  assert.equal(state.phoneSource, "lid-cache");
});

test("falls back to the contact model's phoneNumber for a LID", () => {
  const win = blankWindow();
  installFakeWhatsApp(win, { version: "x", lidMap: {}, active: { id: "111122223333444@lid", contact: { name: "N", phoneNumber: "212600000012@c.us" } } });
  const state = createProbe(win).readState();
  assert.equal(state.phone, "+212600000012");
  assert.deepEqual(state.aliases, ["212600000012@c.us"]);
});

test("a LID with no known number yields no phone, never the LID digits", () => {
  const win = blankWindow();
  installFakeWhatsApp(win, loadFixture("lid-unknown").meta.waState);
  const state = createProbe(win).readState();
  assert.equal(state.chatId, "987654321098765@lid");
  assert.equal(state.phone, null);
});

test("missing registry, missing modules and throwing modules give an empty reading", () => {
  const none = createProbe(blankWindow()).readState();
  assert.equal(none.chatId, null);
  assert.equal(none.loader, "none");

  const missing = blankWindow();
  installFakeWhatsApp(missing, LID_STATE, { mode: "missing" });
  assert.equal(createProbe(missing).readState().chatId, null);

  const throwing = blankWindow();
  installFakeWhatsApp(throwing, LID_STATE, { mode: "throwing" });
  const state = createProbe(throwing).readState();
  assert.equal(state.chatId, null);
  assert.equal(state.phone, null);
  assert.equal(state.waVersion, "2.3000.1031980585");
});

test("getActive works but the LID lookup throws: chat id kept, phone empty", () => {
  const win = blankWindow();
  const fake = installFakeWhatsApp(win, LID_STATE);
  fake.modules.WAWebApiContact.getPhoneNumber = () => { throw new Error("lazy module not ready"); };
  const state = createProbe(win).readState();
  assert.equal(state.chatId, "123456789012345@lid");
  assert.equal(state.phone, null);
});

test("posts on start and on every change:active, and answers requests", async () => {
  const win = blankWindow();
  const fake = installFakeWhatsApp(win, LID_STATE);
  const probe = createProbe(win);
  const first = nextState(win);
  probe.start();
  assert.equal((await first).chatId, "123456789012345@lid");
  assert.equal(fake.listenerCount(), 1);

  const second = nextState(win);
  fake.switchTo({ id: "212600000005@c.us", formattedTitle: "Omar Demo", contact: { name: "Omar Demo" } });
  assert.equal((await second).chatId, "212600000005@c.us");

  const third = nextState(win);
  win.postMessage({ ns: NS, type: "request" }, "https://web.whatsapp.com");
  assert.equal((await third).chatId, "212600000005@c.us");
  probe.stop();
  assert.equal(fake.listenerCount(), 0);
});

test("modules registered late are found by retrying", async (t) => {
  t.mock.timers.enable({ apis: ["setTimeout"] });
  const win = blankWindow();
  // jsdom's timers are its own; route the probe's retries through the mocked global ones.
  win.setTimeout = setTimeout;
  win.clearTimeout = clearTimeout;
  const probe = createProbe(win);
  probe.start();
  installFakeWhatsApp(win, LID_STATE);
  const posted = nextState(win);
  t.mock.timers.tick(1000);
  t.mock.timers.reset();
  assert.equal((await posted).chatId, "123456789012345@lid");
  probe.stop();
});

test("the bridge ignores messages from other sources and other shapes", async () => {
  const win = blankWindow();
  const seen = [];
  const bridge = createProbeBridge(win, (state) => seen.push(state));
  bridge.start();
  const other = new JSDOM("", { url: "https://web.whatsapp.com/" }).window;
  win.dispatchEvent(new win.MessageEvent("message", { data: { ns: NS, type: "state", state: { chatId: "1@c.us" } }, source: other }));
  win.dispatchEvent(new win.MessageEvent("message", { data: { ns: "other", type: "state", state: { chatId: "212600000001@c.us" } }, source: win }));
  win.dispatchEvent(new win.MessageEvent("message", { data: { ns: NS, type: "state", state: { chatId: "212600000001@c.us" } }, source: win }));
  assert.equal(seen.length, 1);
  assert.equal(bridge.latest().chatId, "212600000001@c.us");
  bridge.stop();
});

test("the probe defines no page-visible callable and changes nothing in WhatsApp's registry", () => {
  const win = blankWindow();
  const fake = installFakeWhatsApp(win, LID_STATE);
  const before = Object.keys(win).sort().join(",");
  const snapshot = JSON.stringify(Object.keys(fake.modules.WAWebCollections.Chat));
  createProbe(win).readState();
  assert.equal(Object.keys(win).sort().join(","), before);
  assert.equal(JSON.stringify(Object.keys(fake.modules.WAWebCollections.Chat)), snapshot);
});

// Source D: React's component tree as WhatsApp's bundle leaves it on DOM nodes.
const ROOTS = ["#main", "#main header"];

function reactWindow() {
  return withPostMessageSource(new JSDOM("<!doctype html><div id=app><div id=main><header><span>t</span></header></div></div>",
    { url: "https://web.whatsapp.com/", pretendToBeVisual: true }).window);
}

// A fiber chain: host fiber, then `depth` parents without a chat, then the one holding `props`.
function fiberChain(props, depth) {
  let fiber = { memoizedProps: props, return: null };
  for (let i = 0; i < depth; i += 1) fiber = { memoizedProps: { className: "x" + i }, return: fiber };
  return fiber;
}

// The reading that answers a request carrying `roots` (the one posted at start is let through first).
async function probeWithRoots(win, roots = ROOTS) {
  const probe = createProbe(win);
  probe.start();
  await new Promise((resolve) => win.setTimeout(resolve, 0));
  const posted = nextState(win);
  win.postMessage({ ns: NS, type: "request", reactRoots: roots }, "https://web.whatsapp.com");
  const state = await posted;
  probe.stop();
  return state;
}

test("D: without WhatsApp's modules, the chat id comes from a parent fiber's chat prop", async () => {
  const win = reactWindow();
  win.document.getElementById("main")["__reactFiber$k3j2h1"] = fiberChain({ chat: { id: { _serialized: "212600000005@c.us" } } }, 6);
  const state = await probeWithRoots(win);
  assert.equal(state.chatId, "212600000005@c.us");
  assert.equal(state.chatIdFrom, "react");
  assert.equal(state.phone, null, "key only");
});

test("D: the header's props and the user+server id shape are read too", async () => {
  const win = reactWindow();
  win.document.querySelector("#main header")["__reactProps$z9"] = { chat: { id: { user: "212600000006", server: "c.us" } } };
  assert.equal((await probeWithRoots(win)).chatId, "212600000006@c.us");
});

test("D: a LID key gets its number from the local cache only, never its own digits", async () => {
  const win = reactWindow();
  installFakeWhatsApp(win, { version: "x", active: null, lidMap: { "123456789012345@lid": "212600000004@c.us" } });
  win.document.getElementById("main")["__reactFiber$a"] = fiberChain({ chat: { id: "123456789012345@lid" } }, 2);
  const known = await probeWithRoots(win);
  assert.deepEqual([known.chatId, known.phone, known.phoneSource], ["123456789012345@lid", "+212600000004", "lid-cache"]);
  win.document.getElementById("main")["__reactFiber$a"] = fiberChain({ chat: { id: "987654321098765@lid" } }, 2);
  const unknown = await probeWithRoots(win);
  assert.deepEqual([unknown.chatId, unknown.phone], ["987654321098765@lid", null]);
});

test("D: the chat collection (A) wins over React's props", async () => {
  const win = reactWindow();
  installFakeWhatsApp(win, { version: "x", active: { id: "212600000005@c.us" } });
  win.document.getElementById("main")["__reactFiber$a"] = fiberChain({ chat: { id: "212600000099@c.us" } }, 1);
  const state = await probeWithRoots(win);
  assert.deepEqual([state.chatId, state.chatIdFrom], ["212600000005@c.us", "model"]);
});

test("D missing: no React keys, no roots sent, chat prop beyond the bound", async () => {
  assert.equal((await probeWithRoots(reactWindow())).chatId, null);
  const noRoots = reactWindow();
  noRoots.document.getElementById("main")["__reactFiber$a"] = fiberChain({ chat: { id: "212600000005@c.us" } }, 1);
  assert.equal(createProbe(noRoots).readState().chatId, null, "selectors come from the content script");
  const deep = reactWindow();
  deep.document.getElementById("main")["__reactFiber$a"] = fiberChain({ chat: { id: "212600000005@c.us" } }, 40);
  assert.equal((await probeWithRoots(deep)).chatId, null);
});

test("D wrong shapes and throwing internals give no id", async () => {
  const shapes = [{ chat: { id: 212600000005 } }, { chat: {} }, { chat: "212600000005@c.us" }, { chat: { id: { user: {}, server: 5 } } },
    { chat: { id: "<img>@c.us" } }, { chat: { id: "212600000005" } }, null];
  for (const props of shapes) {
    const win = reactWindow();
    win.document.getElementById("main")["__reactFiber$a"] = fiberChain(props, 1);
    assert.equal((await probeWithRoots(win)).chatId, null, JSON.stringify(props));
  }
  const cyclic = reactWindow();
  const loop = { memoizedProps: {} };
  loop.return = loop;
  cyclic.document.getElementById("main")["__reactFiber$a"] = loop;
  assert.equal((await probeWithRoots(cyclic)).chatId, null);

  const throwing = reactWindow();
  const main = throwing.document.getElementById("main");
  Object.defineProperty(main, "__reactFiber$a", { enumerable: true, get() { throw new Error("internals"); } });
  const header = throwing.document.querySelector("#main header");
  header["__reactProps$b"] = Object.defineProperty({}, "chat", { get() { throw new Error("props"); } });
  const badReturn = { memoizedProps: {} };
  Object.defineProperty(badReturn, "return", { get() { throw new Error("return"); } });
  header["__reactFiber$b"] = badReturn;
  assert.equal((await probeWithRoots(throwing, ["#main[", "#main", "#main header"])).chatId, null);
});

test("D: forged request roots are bounded to a few short strings", async () => {
  const win = reactWindow();
  win.document.getElementById("main")["__reactFiber$a"] = fiberChain({ chat: { id: "212600000005@c.us" } }, 1);
  const roots = ["x".repeat(101), 5, null, "#main"];
  assert.equal((await probeWithRoots(win, roots)).chatId, "212600000005@c.us");
  assert.equal((await probeWithRoots(win, ["a", "b", "c", "d", "#main"])).chatId, null);
});

test("the bridge's request carries the React roots from src/selectors.js", async () => {
  const win = blankWindow();
  const seen = new Promise((resolve) => win.addEventListener("message", (e) => resolve(e.data)));
  createProbeBridge(win).request();
  assert.deepEqual((await seen).reactRoots, ["#main", "#main header"]);
});

function withMe(prefs) {
  const win = blankWindow();
  const fake = installFakeWhatsApp(win, LID_STATE);
  if (prefs) fake.modules.WAWebUserPrefsMeUser = prefs;
  return createProbe(win).readState();
}

test("the seller's own ids from WhatsApp's local prefs", () => {
  const state = withMe({ getMaybeMeUser: () => ({ user: "212600000009", server: "c.us", _serialized: "212600000009@c.us" }),
    getMaybeMeLidUser: () => ({ _serialized: "555566667777888@lid" }) });
  assert.deepEqual([state.me, state.meLid], ["212600000009@c.us", "555566667777888@lid"]);
  assert.equal(sanitize(state).me, "212600000009@c.us");
  assert.equal(sanitize(state).meLid, "555566667777888@lid");
  // getMaybeMeUser absent or empty: getMeUser; a device suffix dropped.
  assert.equal(withMe({ getMaybeMeUser: () => null, getMeUser: () => "212600000009:12@s.whatsapp.net" }).me, "212600000009@c.us");
});

test("own ids missing, throwing or wrong-shaped give null, never a LID as the own number", () => {
  assert.deepEqual([withMe(null).me, withMe(null).meLid], [null, null]);
  const throwing = withMe({ getMaybeMeUser() { throw new Error("not logged in"); }, getMeUser() { throw new Error("x"); },
    getMaybeMeLidUser() { throw new Error("y"); } });
  assert.deepEqual([throwing.me, throwing.meLid], [null, null]);
  const swapped = withMe({ getMaybeMeUser: () => "555566667777888@lid", getMaybeMeLidUser: () => "212600000009@c.us" });
  assert.deepEqual([swapped.me, swapped.meLid], [null, null]);
  for (const value of [42, {}, "120363000000000001@g.us", { user: {}, server: "c.us" }, "abc@c.us"]) {
    assert.equal(withMe({ getMaybeMeUser: () => value }).me, null, JSON.stringify(value));
  }
  assert.equal(sanitize({ me: "555566667777888@lid", meLid: "212600000009@c.us" }).me, null);
  assert.equal(sanitize({ me: "555566667777888@lid", meLid: "212600000009@c.us" }).meLid, null);
});
