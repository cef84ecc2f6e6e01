"use strict";
// The content script's controller on the 2026 pages, with WhatsApp's state emulated and the
// MAIN-world probe running as in Chrome (and on older flavours without them).
const test = require("node:test");
const assert = require("node:assert/strict");
const { IDBFactory } = require("fake-indexeddb");
const { createController } = require("../src/app/controller.js");
const { createI18n } = require("../src/ui/i18n.js");
const { createPhoneMemory } = require("../src/app/phone-memory.js");
const { readOwnAccount } = require("../src/whatsapp/own-account.js");
const { createProbe } = require("../src/whatsapp/probe.js");
const { TAG: CART } = require("../src/ui/cart-button.js");
const { TAG: DIALOG } = require("../src/ui/order-dialog.js");
const { installFakeWhatsApp } = require("./helpers/fake-whatsapp.js");
const { fakeChrome } = require("./helpers/fake-chrome.js");
const { loadFixture, closeFixtures, settle } = require("./helpers/load-fixture.js");

// What each test started, stopped after it so no timer outlives the test.
const running = [];
test.afterEach(() => {
  for (const { controller, probe } of running.splice(0)) {
    if (!controller.stopped) controller.teardown();
    if (probe) probe.stop();
  }
  closeFixtures();
});

// probe: WhatsApp's state (the fixture's waState) and the probe, as on the live page.
function start(name, { probe = true, locale = "en", stored, indexedDB, late = false, onReading } = {}) {
  const page = loadFixture(name);
  page.win.indexedDB = indexedDB || new IDBFactory(); // jsdom has none; Chrome gives the page origin's
  const chrome = fakeChrome({ locale, stored });
  let fake = null;
  const withProbe = probe && !!page.meta.waState;
  if (withProbe) {
    fake = installFakeWhatsApp(page.win, page.meta.waState);
    page.probe = createProbe(page.win);
    page.probe.start();
    if (late) fake.registerLate();
  }
  const controller = createController({
    win: page.win, doc: page.doc, i18n: createI18n(chrome.i18n),
    contextAlive: () => !!chrome.runtime.id,
    phoneMemory: createPhoneMemory(chrome.storage.local),
    own: () => readOwnAccount(page.win.localStorage),
    onReading,
    // Without the probe nothing will answer: the page alone decides at once.
    probeWaitMs: withProbe ? 400 : 0,
  });
  // Every cart ever put in the page, to catch one shown before the chat was known.
  page.cartsInserted = 0;
  new page.win.MutationObserver((records) => {
    for (const record of records) for (const node of record.addedNodes) if (node.nodeName === CART.toUpperCase()) page.cartsInserted += 1;
  }).observe(page.doc, { childList: true, subtree: true });
  controller.start();
  running.push({ controller, probe: page.probe });
  return Object.assign(page, { chrome, controller, fake });
}

async function until(win, predicate, rounds = 60) {
  for (let i = 0; i < rounds && !predicate(); i += 1) await settle(win);
  return predicate();
}


function withoutOurs(el) {
  const copy = el.cloneNode(true);
  for (const ours of copy.querySelectorAll(CART + "," + DIALOG)) ours.remove();
  return copy.outerHTML;
}

// The next chat's #main, rendered as WhatsApp does after a switch (the chat-switch fixture's template).
function nextMain(doc) {
  return doc.getElementById("next-main").innerHTML;
}

test("the cart mounts once in the action area, before the first button, not after the status bubble", async () => {
  const { doc, win, controller } = start("saved-contact");
  assert.ok(await until(win, () => !!doc.querySelector(CART)));
  const header = doc.querySelector("#main header");
  const host = doc.querySelector(CART);
  assert.equal(host.parentNode, header.querySelector(".x-actions"));
  assert.notEqual(host.parentNode, header.lastElementChild);
  assert.equal(host.nextElementSibling.querySelector("button").getAttribute("aria-label"), "Video call");
  assert.equal(controller.cartButton.getAttribute("aria-label"), "Create an order");
  assert.equal(host.shadowRoot, null, "a closed root: the page cannot reach the button");
  controller.ensureMounted();
  controller.ensureMounted();
  assert.equal(doc.querySelectorAll(CART).length, 1);
  assert.equal(controller.stats.mounts, 1);
  assert.equal(controller.stats.anchorTier, "action-child/buttons");
  assert.deepEqual([controller.chat.chatKey, controller.chat.phone, controller.chat.phoneSource], ["212600000001@c.us", "+212600000001", "store-pn"]);
});

test("WhatsApp's own nodes are not moved, wrapped or changed", async () => {
  const { doc } = loadFixture("saved-contact");
  const pristine = doc.getElementById("app").outerHTML;
  const { doc: live, win, controller } = start("saved-contact");
  await until(win, () => !!live.querySelector(CART));
  await controller.openDialog();
  assert.equal(withoutOurs(live.getElementById("app")), pristine);
});

for (const name of ["group", "self-chat", "channel", "no-chat", "login-qr"]) {
  test("no cart for " + name + ", not even for a moment", async () => {
    const { doc, win, controller } = start(name);
    await until(win, () => controller.chat && controller.chat.kind !== "pending");
    for (let i = 0; i < 5; i += 1) await settle(win);
    assert.equal(doc.querySelector(CART), null);
    assert.equal(controller.chat.cart, false);
  });
}

test("a group and the self chat never get a cart inserted while WhatsApp's answer is awaited", async () => {
  for (const name of ["group", "self-chat"]) {
    const page = start(name);
    await until(page.win, () => page.controller.chat && page.controller.chat.kind !== "pending");
    for (let i = 0; i < 5; i += 1) await settle(page.win);
    assert.equal(page.cartsInserted, 0, name);
    assert.ok(page.controller.stats.pendingShown >= 1, name + " waited for the probe");
  }
});

for (const name of ["saved-contact", "saved-lid", "unsaved-lid-idb", "lid-no-phone", "unsaved-number", "business", "french", "arabic",
  "dark-theme", "modules-missing", "no-module-system", "older/legacy-2024", "older/saved-contact"]) {
  test("cart present for " + name, async () => {
    const { doc, win, controller } = start(name);
    assert.ok(await until(win, () => doc.querySelectorAll(CART).length === 1), name);
    assert.ok(doc.querySelector("#main header").contains(doc.querySelector(CART)), name + " in header");
    assert.equal(controller.stats.floating, false);
  });
}

test("each chat switch asks the probe again (no stale flag), and the answer for the old chat is never shown", async () => {
  const { doc, win, controller, fake } = start("chat-switch");
  assert.ok(await until(win, () => controller.chat.phone === "+212600000001"));
  const requests = controller.stats.probeRequests;
  // Track every reading the controller takes while the next chat is on screen.
  const seen = [];
  const watch = new win.MutationObserver(() => {});
  watch.observe(doc, { childList: true, subtree: true });
  fake.switchTo("444555666777888@lid", nextMain(doc));
  const check = () => {
    const chat = controller.chat;
    if (chat && chat.title === "Bilal Demo") seen.push([chat.kind, chat.chatKey, chat.phone]);
    return chat && chat.phone === "+212600000013";
  };
  assert.ok(await until(win, check), JSON.stringify(controller.chat));
  assert.ok(controller.stats.probeRequests > requests, "asked on the switch");
  assert.ok(seen.every(([, key, phone]) => key !== "212600000001@c.us" && phone !== "+212600000001"), JSON.stringify(seen));
  assert.deepEqual([controller.chat.chatKey, controller.chat.phoneSource], ["444555666777888@lid", "lid-cache"]);
  const dialog = await controller.openDialog();
  assert.deepEqual([dialog.fields.name.value, dialog.fields.phone.value], ["Bilal Demo", "+212600000013"]);
  watch.disconnect();
});

test("a switch where WhatsApp renders before its chat collection changes still ends on the right chat", async () => {
  const { doc, win, controller, fake } = start("chat-switch");
  assert.ok(await until(win, () => controller.chat.phone === "+212600000001"));
  // #main first (React props already name the new chat), then the collection's event.
  const holder = doc.createElement("div");
  holder.innerHTML = nextMain(doc);
  doc.getElementById("main").replaceWith(holder.firstElementChild);
  fake.switchTo("444555666777888@lid");
  assert.ok(await until(win, () => controller.chat.phone === "+212600000013"), JSON.stringify(controller.chat));
});

test("mounted again after WhatsApp re-renders the header of the same chat, without waiting", async () => {
  const { doc, win, controller } = start("header-rerendered");
  assert.ok(await until(win, () => !!doc.querySelector(CART)));
  const oldHost = doc.querySelector(CART);
  const pending = controller.stats.pendingShown;
  doc.querySelector("#main header").replaceWith(doc.getElementById("next-header").content.firstElementChild.cloneNode(true));
  assert.equal(oldHost.isConnected, false);
  await settle(win);
  const host = doc.querySelector(CART);
  assert.ok(host && doc.querySelector("header.x1rerender").contains(host), "host in the new header");
  assert.equal(doc.querySelectorAll(CART).length, 1);
  assert.equal(controller.stats.mounts, 2);
  assert.equal(controller.stats.pendingShown, pending, "same chat: the cart never waited");
});

test("modules registered late: the next chat switch finds them and the number", async () => {
  const { doc, win, controller, fake } = start("modules-late");
  assert.ok(await until(win, () => controller.chat && controller.chat.kind === "user"));
  assert.deepEqual([controller.chat.keySource, controller.chat.phone], ["title", ""]);
  fake.registerLate();
  // The seller opens the chat again (WhatsApp renders #main anew).
  const main = doc.getElementById("main");
  const copy = main.cloneNode(true);
  main.remove();
  await settle(win);
  doc.querySelector(".x-pane").appendChild(copy);
  assert.ok(await until(win, () => controller.chat.phone === "+212600000014"), JSON.stringify(controller.chat));
  assert.equal(controller.chat.phoneSource, "lid-cache");
});

test("a LID whose number only IndexedDB knows: source C, kept for its own chat only", async () => {
  const { win, controller } = start("unsaved-lid-idb");
  assert.ok(await until(win, () => controller.chat.phoneSource === "idb"), JSON.stringify(controller.chat));
  assert.equal(controller.chat.phone, "+212600000012");
  const dialog = await controller.openDialog();
  assert.deepEqual([dialog.fields.name.value, dialog.fields.phone.value, dialog.phoneSource], ["Yasmine", "+212600000012", "idb"]);
});

test("a remembered number fills a hidden one, found by the chat id or the title key; a late answer is dropped", async () => {
  const stored = { "phone:555444333222111@lid": "+212600000044" };
  const { doc, win, controller, chrome } = start("lid-no-phone", { stored });
  assert.ok(await until(win, () => controller.chat.chatKey === "555444333222111@lid"));
  const first = await controller.openDialog();
  assert.deepEqual([first.fields.phone.value, first.phoneSource], ["+212600000044", "confirmed"]);
  first.close();
  // Confirmed while only the title key was known: still found once the chat id is known.
  const byTitle = start("lid-no-phone", { stored: {} });
  await until(byTitle.win, () => byTitle.controller.chat.chatKey === "555444333222111@lid");
  byTitle.chrome.data["phone:" + byTitle.controller.chat.titleKey] = "+212600000045";
  assert.equal((await byTitle.controller.openDialog()).fields.phone.value, "+212600000045");

  chrome.storage.local.hold = true;
  const opening = controller.openDialog();
  doc.querySelector('[data-testid="conversation-info-header-chat-title"]').textContent = "Someone Else";
  chrome.storage.local.release();
  assert.equal(await opening, undefined, "stale result dropped");
  assert.equal(doc.querySelector(DIALOG), null);
});

test("an open dialog closes when the seller opens another chat", async () => {
  const { doc, win, controller, fake } = start("chat-switch");
  await until(win, () => !!doc.querySelector(CART));
  await controller.openDialog();
  assert.ok(doc.querySelector(DIALOG));
  fake.switchTo("444555666777888@lid", nextMain(doc));
  assert.ok(await until(win, () => !doc.querySelector(DIALOG)));
});

test("floating fallback when no header anchor exists", async () => {
  const { doc, win, controller } = start("saved-contact");
  await until(win, () => !!doc.querySelector(CART));
  const main = doc.getElementById("main");
  main.querySelector("header").remove();
  main.querySelector("[data-scrolltracepolicy]").parentElement.remove();
  assert.ok(await until(win, () => controller.stats.anchorTier === "floating"));
  const host = doc.querySelector(CART);
  assert.equal(host.parentNode, doc.body);
  assert.ok(host.hasAttribute("data-floating"));
});

test("extension reload (context invalidated) removes everything and stops observing", async () => {
  const { doc, win, controller, chrome } = start("saved-contact");
  await until(win, () => !!doc.querySelector(CART));
  await controller.openDialog();
  chrome.runtime.id = undefined;
  doc.querySelector("[data-scrolltracepolicy] > div").appendChild(doc.createElement("div"));
  await settle(win);
  assert.equal(doc.querySelector(CART), null);
  assert.equal(doc.querySelector(DIALOG), null);
  assert.equal(controller.stopped, true);
  const calls = controller.stats.observerCalls;
  doc.getElementById("main").appendChild(doc.createElement("div"));
  await settle(win);
  assert.equal(controller.stats.observerCalls, calls);
});

test("a new copy of the script replaces the host left by an old one", async () => {
  const { doc, win } = start("saved-contact", { probe: false });
  await until(win, () => !!doc.querySelector(CART));
  const chrome = fakeChrome();
  const second = createController({ win, doc, i18n: createI18n(chrome.i18n), contextAlive: () => true, phoneMemory: null, own: {}, probeWaitMs: 0 });
  second.start();
  assert.equal(doc.querySelectorAll(CART).length, 1);
  assert.equal(doc.querySelector(CART), second.cartHost);
});

test("a burst of 1000 message rows costs one scheduled pass per frame", async () => {
  const { doc, win, controller } = start("saved-contact");
  await until(win, () => !!doc.querySelector(CART));
  const list = doc.querySelector("[data-scrolltracepolicy] > div");
  const runs = controller.stats.ensureRuns;
  for (let i = 0; i < 1000; i += 1) {
    const row = doc.createElement("div");
    row.setAttribute("role", "row");
    row.innerHTML = '<div data-id="3EB0' + (100000 + i) + '"><div class="message-in">Message text</div></div>';
    list.appendChild(row);
    await Promise.resolve();
  }
  await settle(win);
  assert.ok(controller.stats.observerCalls >= 1000, "observer saw the rows");
  assert.ok(controller.stats.ensureRuns - runs <= 5, "ensureMounted ran " + (controller.stats.ensureRuns - runs) + " times");
  assert.equal(doc.querySelectorAll(CART).length, 1);
});

test("each reading records its tiers and source for diagnostics, without names or numbers", async () => {
  const readings = [];
  const { win, controller } = start("french", { onReading: (reading) => readings.push(reading) });
  assert.ok(await until(win, () => controller.chat.phoneSource === "lid-cache"));
  const last = readings[readings.length - 1];
  assert.deepEqual(last.tiers, { main: "testid", header: "testid", title: "testid/testid", composer: "testid", key: "react",
    probe: "matched", phone: "lid-cache" });
  assert.equal(last.kind, "user");
  assert.equal(last.anchorTier, "action-child/buttons");
  assert.equal(last.modules.chats, true);
  const text = JSON.stringify(readings);
  for (const secret of ["Élodie", "33600000006", "333444555666777"]) assert.ok(!text.includes(secret), secret);
});

// The test process must end when the tests do: a timer left behind here once held it ~2 minutes.
test.after(() => {
  const timers = process.getActiveResourcesInfo().filter((kind) => kind === "Timeout");
  assert.deepEqual(timers, [], "timers still pending after every page was closed");
});

test("the customer panel reloads after a pull changed something: a stage moved in Sendocki shows", async () => {
  const page = loadFixture("saved-contact");
  const chrome = fakeChrome({ locale: "en" });
  let stage = { id: "s_1", name: "New", color: "green" };
  let pulledAt = "2026-11-30T10:00:00Z";
  const asked = [];
  const card = { id: "c_1", name: "Amina Test", phone: "+212600000001", stats: { orders: 1, total_spent: "10.00" }, addresses: [] };
  const answers = {
    workspace: () => ({ currency: "MAD", stages: [{ id: "s_1", name: "New", color: "green", active: true }] }),
    resolve: () => ({ status: "existing", customers: [card] }),
    orders: () => ({ orders: [{ id: "o_1", number: "WA-000001", total: "10.00", created_at: "2026-11-30T09:00:00Z", stage }], next: null }),
    status: () => ({ sync: { last_pull_at: pulledAt } }),
  };
  const send = async (message) => {
    asked.push(message.type);
    return answers[message.type] ? { ok: true, data: answers[message.type](message) } : { ok: false, state: "offline" };
  };
  let watch = null;
  page.win.setInterval = (fn) => { watch = fn; return 1; };
  page.win.clearInterval = () => {};
  const controller = createController({ win: page.win, doc: page.doc, i18n: createI18n(chrome.i18n),
    contextAlive: () => true, phoneMemory: null, ownPhone: null, send });
  controller.start();
  running.push({ controller });
  const badge = () => controller.panel.shadow.querySelector("li .stage");
  for (let i = 0; i < 50 && !controller.panel.data; i += 1) await settle(page.win);
  controller.panel.expand();
  assert.equal(badge().textContent, "New");
  await watch();
  assert.equal(asked.filter((t) => t === "resolve").length, 1, "the first status only records the pull time");
  stage = { id: "s_2", name: "Confirmed", color: "blue" };
  pulledAt = "2026-11-30T10:01:00Z";
  await watch();
  for (let i = 0; i < 50 && badge().textContent !== "Confirmed"; i += 1) await settle(page.win);
  assert.equal(badge().textContent, "Confirmed");
});
