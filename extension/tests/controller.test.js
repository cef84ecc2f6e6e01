"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { createController } = require("../src/controller.js");
const { createI18n } = require("../src/i18n.js");
const { createPhoneMemory } = require("../src/phone-memory.js");
const { ownPhoneFromStorage } = require("../src/adapter.js");
const { createProbe } = require("../src/probe.js");
const { TAG: CART } = require("../src/cart-button.js");
const { TAG: DIALOG } = require("../src/order-dialog.js");
const { installFakeWhatsApp } = require("./helpers/fake-whatsapp.js");
const { fakeChrome } = require("./helpers/fake-chrome.js");
const { loadFixture, closeFixtures, mainOf, settle } = require("./helpers/load-fixture.js");
const { IDBFactory } = require("fake-indexeddb");

// What each test started, stopped after it so no timer outlives the test.
const running = [];
test.afterEach(() => {
  for (const { controller, probe } of running.splice(0)) {
    controller.teardown();
    if (probe) probe.stop();
  }
  closeFixtures();
});

function start(name, { probe = false, locale = "en", stored, indexedDB } = {}) {
  const page = loadFixture(name);
  if (indexedDB) page.win.indexedDB = indexedDB; // jsdom has none; Chrome gives the page origin's
  const chrome = fakeChrome({ locale, stored });
  let fake = null;
  let probeInPage = null;
  if (probe) {
    fake = installFakeWhatsApp(page.win, page.meta.waState);
    probeInPage = createProbe(page.win);
    probeInPage.start();
  }
  const controller = createController({
    win: page.win, doc: page.doc, i18n: createI18n(chrome.i18n),
    contextAlive: () => !!chrome.runtime.id,
    phoneMemory: createPhoneMemory(chrome.storage.local),
    ownPhone: ownPhoneFromStorage(page.win.localStorage.getItem("last-wid-md")),
  });
  controller.start();
  running.push({ controller, probe: probeInPage });
  return Object.assign(page, { chrome, controller, fake });
}

function cartButton(doc) {
  const host = doc.querySelector(CART);
  return host ? host.shadowRoot.querySelector("button") : null;
}

// WhatsApp's markup with our host taken out: must equal the page as loaded.
function withoutOurs(el) {
  const copy = el.cloneNode(true);
  for (const ours of copy.querySelectorAll(CART + "," + DIALOG)) ours.remove();
  return copy.outerHTML;
}

test("the cart mounts once in the action area, before WhatsApp's first button", async () => {
  const { doc, controller } = start("saved-contact");
  const header = doc.querySelector("#main header");
  const hosts = doc.querySelectorAll(CART);
  assert.equal(hosts.length, 1);
  assert.equal(hosts[0].parentNode, header.lastElementChild);
  assert.equal(hosts[0].nextElementSibling.querySelector("button").getAttribute("aria-label"), "Video call");
  assert.equal(cartButton(doc).getAttribute("aria-label"), "Create an order");
  assert.equal(hosts[0].shadowRoot.mode, "open");
  controller.ensureMounted();
  controller.ensureMounted();
  assert.equal(doc.querySelectorAll(CART).length, 1);
  assert.equal(controller.stats.mounts, 1);
  assert.equal(controller.stats.anchorTier, "last-child-buttons");
});

test("WhatsApp's own nodes are not moved, wrapped or changed", async () => {
  const { doc } = loadFixture("saved-contact");
  const pristine = doc.getElementById("app").outerHTML;
  const { doc: live, controller } = start("saved-contact");
  await settle(live.defaultView);
  await controller.openDialog();
  assert.equal(withoutOurs(live.getElementById("app")), pristine);
});

for (const name of ["group", "channel", "self-chat", "no-chat", "login-qr"]) {
  test("no cart for " + name, async () => {
    const { doc, controller } = start(name);
    await settle(doc.defaultView);
    assert.equal(doc.querySelector(CART), null);
    assert.equal(controller.chat.cart, false);
  });
}

for (const name of ["unsaved-contact", "business", "lid-unknown", "empty-chat", "french", "arabic-rtl", "dark-theme", "legacy-2024"]) {
  test("cart present for " + name, () => {
    const { doc, controller } = start(name);
    assert.equal(doc.querySelectorAll(CART).length, 1, name);
    assert.ok(doc.querySelector("#main header").contains(doc.querySelector(CART)), name + " in header");
    assert.equal(controller.stats.floating, false);
  });
}

test("mounted again after WhatsApp re-renders the header", async () => {
  const { doc, controller } = start("header-rerendered");
  const oldHost = doc.querySelector(CART);
  const next = doc.getElementById("next-header").content.firstElementChild.cloneNode(true);
  doc.querySelector("#main header").replaceWith(next);
  assert.equal(oldHost.isConnected, false);
  await settle(doc.defaultView);
  const host = doc.querySelector(CART);
  assert.ok(host && next.contains(host), "host in the new header");
  assert.equal(doc.querySelectorAll(CART).length, 1);
  assert.ok(doc.querySelector("other-extension-button"), "foreign siblings tolerated");
  assert.equal(controller.stats.mounts, 2);
});

test("fast chat switches end on the last chat, with its own name and number", async () => {
  const { doc, controller } = start("saved-contact");
  const win = doc.defaultView;
  for (const name of ["group", "unsaved-contact", "channel", "business"]) {
    doc.getElementById("main").replaceWith(mainOf(name, doc));
  }
  await settle(win);
  assert.equal(controller.chat.chatKey, "212600000003@c.us");
  assert.equal(doc.querySelectorAll(CART).length, 1);
  doc.getElementById("main").replaceWith(mainOf("group", doc));
  await settle(win);
  assert.equal(doc.querySelector(CART), null, "switching to a group removes the cart");
  doc.getElementById("main").remove();
  await settle(win);
  assert.equal(controller.chat.kind, "none");
  doc.querySelector("._aigy").appendChild(mainOf("french", doc));
  await settle(win);
  cartButton(doc).click();
  await settle(win);
  const dialog = controller.dialog;
  assert.equal(dialog.fields.name.value, "Élodie Test");
  assert.equal(dialog.fields.phone.value, "+33600000006");
});

test("the click opens the dialog shell pre-filled from the chat", async () => {
  const { doc, controller } = start("unsaved-contact");
  cartButton(doc).click();
  await settle(doc.defaultView);
  const host = doc.querySelector(DIALOG);
  assert.ok(host && host.parentNode === doc.body);
  assert.equal(controller.dialog.fields.name.value, "");
  assert.equal(controller.dialog.fields.phone.value, "+212600000002");
  assert.equal(controller.dialog.phoneSource, "dom-data-id");
});

test("the probe's LID mapping reaches the dialog", async () => {
  const { doc, controller } = start("lid-known", { probe: true });
  await settle(doc.defaultView);
  await settle(doc.defaultView);
  assert.equal(controller.chat.phone, "+212600000004");
  const dialog = await controller.openDialog();
  assert.equal(dialog.fields.phone.value, "+212600000004");
  assert.equal(dialog.phoneSource, "lid-cache");
  assert.equal(controller.stats.waVersion, "2.3000.1031980585");
});

test("a probe change:active re-resolves the chat", async () => {
  const { doc, controller, fake } = start("empty-chat", { probe: true });
  await settle(doc.defaultView);
  await settle(doc.defaultView);
  assert.equal(controller.chat.chatKey, "212600000005@c.us");
  // WhatsApp switched to another chat: its probe reading no longer matches this page's title.
  fake.switchTo({ id: "212600000077@c.us", formattedTitle: "Someone Else", contact: { name: "Someone Else" } });
  await settle(doc.defaultView);
  await settle(doc.defaultView);
  assert.ok(controller.chat.chatKey.startsWith("title:"), "stale probe reading dropped");
  assert.equal(controller.chat.phone, "");
});

test("a remembered number fills a hidden one; a late answer for a previous chat is dropped", async () => {
  const stored = { "phone:987654321098765@lid": "+212600000044" };
  const { doc, controller, chrome } = start("lid-unknown", { stored });
  const first = await controller.openDialog();
  assert.equal(first.fields.phone.value, "+212600000044");
  assert.equal(first.phoneSource, "confirmed");
  first.close();

  chrome.storage.local.hold = true;
  const opening = controller.openDialog();
  doc.getElementById("main").replaceWith(mainOf("saved-contact", doc));
  chrome.storage.local.release();
  assert.equal(await opening, undefined, "stale result dropped");
  assert.equal(doc.querySelector(DIALOG), null);
});

test("an open dialog closes when the seller opens another chat", async () => {
  const { doc, controller } = start("saved-contact");
  await controller.openDialog();
  assert.ok(doc.querySelector(DIALOG));
  doc.getElementById("main").replaceWith(mainOf("business", doc));
  await settle(doc.defaultView);
  assert.equal(doc.querySelector(DIALOG), null);
});

test("floating fallback when no header anchor exists", async () => {
  const { doc, controller } = start("saved-contact");
  const main = doc.getElementById("main");
  main.querySelector("header").remove();
  main.querySelector("[data-scrolltracepolicy]").parentElement.remove();
  await settle(doc.defaultView);
  const host = doc.querySelector(CART);
  assert.equal(host.parentNode, doc.body);
  assert.ok(host.hasAttribute("data-floating"));
  assert.equal(controller.stats.anchorTier, "floating");
});

test("extension reload (context invalidated) removes everything and stops observing", async () => {
  const { doc, controller, chrome } = start("saved-contact");
  await controller.openDialog();
  chrome.runtime.id = undefined;
  doc.querySelector("[data-scrolltracepolicy] > div").appendChild(doc.createElement("div"));
  await settle(doc.defaultView);
  assert.equal(doc.querySelector(CART), null);
  assert.equal(doc.querySelector(DIALOG), null);
  assert.equal(controller.stopped, true);
  const calls = controller.stats.observerCalls;
  doc.getElementById("main").appendChild(doc.createElement("div"));
  await settle(doc.defaultView);
  assert.equal(controller.stats.observerCalls, calls);
});

test("a new copy of the script replaces the host left by an old one", () => {
  const { doc, win } = start("saved-contact");
  const chrome = fakeChrome();
  const second = createController({ win, doc, i18n: createI18n(chrome.i18n), contextAlive: () => true, phoneMemory: null, ownPhone: null });
  second.start();
  assert.equal(doc.querySelectorAll(CART).length, 1);
  assert.equal(doc.querySelector(CART), second.cartHost);
});

test("a burst of 1000 message rows costs one scheduled pass per frame", async () => {
  const { doc, controller } = start("saved-contact");
  const list = doc.querySelector("[data-scrolltracepolicy] > div");
  const runs = controller.stats.ensureRuns;
  for (let i = 0; i < 1000; i += 1) {
    const row = doc.createElement("div");
    row.setAttribute("role", "row");
    row.innerHTML = '<div data-id="false_212600000001@c.us_3EB0' + i + '"><div class="message-in">Message text</div></div>';
    list.appendChild(row);
    await Promise.resolve();
  }
  await settle(doc.defaultView);
  assert.ok(controller.stats.observerCalls >= 1000, "observer saw the rows");
  assert.ok(controller.stats.ensureRuns - runs <= 5, "ensureMounted ran " + (controller.stats.ensureRuns - runs) + " times");
  assert.equal(doc.querySelectorAll(CART).length, 1);
});

// WhatsApp's "model-storage" database with one LID contact whose number it knows (source C).
function storedContacts(records) {
  const idb = new IDBFactory();
  return new Promise((resolve) => {
    const open = idb.open("model-storage", 3);
    open.onupgradeneeded = () => {
      const store = open.result.createObjectStore("contact", { keyPath: "id" });
      for (const record of records) store.put(record);
    };
    open.onsuccess = () => { open.result.close(); resolve(idb); };
  });
}

// IndexedDB answers over several tasks: let them run, a bounded number of times.
async function until(win, predicate) {
  for (let i = 0; i < 50 && !predicate(); i += 1) await settle(win);
  return predicate();
}

test("a LID chat's number read from WhatsApp's IndexedDB fills the phone (source C)", async () => {
  const indexedDB = await storedContacts([{ id: "987654321098765@lid", phoneNumber: "212600000055@c.us" }]);
  const { win, controller } = start("lid-unknown", { indexedDB });
  assert.ok(await until(win, () => controller.chat.phoneSource === "idb"), "phone from IndexedDB");
  assert.equal(controller.chat.phone, "+212600000055");
  const dialog = await controller.openDialog();
  assert.equal(dialog.fields.phone.value, "+212600000055");
  assert.equal(dialog.phoneSource, "idb");
});

test("an IndexedDB answer is kept for its own chat, never applied to the chat opened meanwhile", async () => {
  const indexedDB = await storedContacts([{ id: "987654321098765@lid", phoneNumber: "212600000055@c.us" }]);
  const { win, doc, controller } = start("lid-unknown", { indexedDB });
  doc.getElementById("main").replaceWith(mainOf("saved-contact", doc));
  await until(win, () => controller.chat.chatKey === "212600000001@c.us");
  for (let i = 0; i < 5; i += 1) await settle(win);
  assert.deepEqual([controller.chat.phone, controller.chat.phoneSource], ["+212600000001", "dom-data-id"]);
  doc.getElementById("main").replaceWith(mainOf("lid-unknown", doc));
  assert.ok(await until(win, () => controller.chat.chatKey === "987654321098765@lid"));
  assert.deepEqual([controller.chat.phone, controller.chat.phoneSource], ["+212600000055", "idb"]);
});

test("no IndexedDB record: the LID chat's phone stays empty", async () => {
  const indexedDB = await storedContacts([{ id: "987654321098765@lid", phoneNumber: "987654321098765@lid" }]);
  const { win, controller } = start("lid-unknown", { indexedDB });
  for (let i = 0; i < 10; i += 1) await settle(win);
  assert.deepEqual([controller.chat.phone, controller.chat.phoneSource], ["", "none"]);
});

test("without WhatsApp's modules the probe's React reading (D) keys the chat the controller asked about", async () => {
  const page = loadFixture("empty-chat");
  page.doc.getElementById("main")["__reactFiber$q1"] = { memoizedProps: {}, return: { memoizedProps: { chat: { id: { _serialized: "212600000005@c.us" } } }, return: null } };
  createProbe(page.win).start();
  const chrome = fakeChrome({});
  const controller = createController({ win: page.win, doc: page.doc, i18n: createI18n(chrome.i18n),
    contextAlive: () => true, phoneMemory: createPhoneMemory(chrome.storage.local), ownPhone: null });
  controller.start();
  assert.ok(controller.chat.chatKey.startsWith("title:"), "before the probe answers");
  assert.ok(await until(page.win, () => controller.chat.keySource === "react"));
  assert.deepEqual([controller.chat.chatKey, controller.chat.phone, controller.chat.phoneSource], ["212600000005@c.us", "+212600000005", "store-pn"]);
});

test("the self-chat gets no cart even when localStorage lacks last-wid-md", async () => {
  const page = loadFixture("self-chat");
  page.win.localStorage.removeItem("last-wid-md");
  const chrome = fakeChrome({});
  const controller = createController({ win: page.win, doc: page.doc, i18n: createI18n(chrome.i18n),
    contextAlive: () => true, phoneMemory: createPhoneMemory(chrome.storage.local), ownPhone: null });
  controller.start();
  await settle(page.win);
  assert.equal(controller.chat.kind, "self");
  assert.equal(page.doc.querySelector(CART), null);
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
