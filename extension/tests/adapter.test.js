"use strict";
// Reading the open chat on the 2026 page (and on the older flavours kept for the fallbacks).
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const A = require("../src/whatsapp/adapter.js");
const S = require("../src/whatsapp/selectors.js");
const { sanitize } = require("../src/whatsapp/probe-bridge.js");
const { readOwnAccount } = require("../src/whatsapp/own-account.js");
const { installFakeWhatsApp, Wid } = require("./helpers/fake-whatsapp.js");
const { FIXTURES, closeFixtures, fixtureNames, loadFixture, readFixture } = require("./helpers/load-fixture.js");
const { CASES, buildPage } = require("./helpers/page-2026.js");
const { readChat } = require("./helpers/read-chat.js");

const REQUIRED = ["no-chat", "login-qr", "saved-contact", "saved-lid", "unsaved-lid-idb", "lid-no-phone", "unsaved-number",
  "business", "group", "channel", "self-chat", "french", "arabic", "dark-theme", "header-rerendered", "chat-switch",
  "modules-late", "modules-missing", "no-module-system"];
const OLDER = ["older/legacy-2024", "older/saved-contact", "older/lid-known", "older/group", "older/self-chat"];

test.afterEach(closeFixtures);

function assertExpected(chat, expected, label) {
  for (const [field, value] of Object.entries(expected)) assert.equal(chat[field], value, label + ": " + field);
}

function strip(doc, attribute) {
  for (const el of doc.querySelectorAll("[" + attribute + "]")) el.removeAttribute(attribute);
}

test("the saved 2026 pages are exactly what tests/helpers/page-2026.js builds", () => {
  for (const [name, spec] of Object.entries(CASES)) {
    assert.equal(fs.readFileSync(path.join(FIXTURES, name + ".html"), "utf8"), buildPage(name, spec), name + ": run node tests/helpers/page-2026.js");
  }
});

test("every case of the issue has a 2026 page, and a few older flavours stay", () => {
  const names = fixtureNames();
  for (const name of REQUIRED.concat(OLDER)) assert.ok(names.includes(name), "missing fixture " + name);
  for (const name of names) {
    const { meta, doc } = loadFixture(name);
    for (const key of ["waVersion", "capturedAt", "locale", "theme", "guiFlavour", "scenario"]) assert.ok(meta[key], name + " lacks " + key);
    assert.equal(doc.querySelector("script"), null, name + " must not carry scripts");
  }
  for (const name of fixtureNames({ older: false })) {
    const { doc, meta } = loadFixture(name);
    assert.equal(meta.guiFlavour, "2026");
    const main = doc.getElementById("main");
    if (!main) continue;
    // 2026: the chat id and the phone are nowhere in the DOM; rows carry bare message ids.
    for (const el of main.querySelectorAll("*")) {
      for (const attr of Array.from(el.attributes)) assert.doesNotMatch(attr.value, /@(c\.us|lid|g\.us|newsletter)/, name + " " + attr.name);
    }
    for (const row of main.querySelectorAll("[data-id]")) assert.match(row.getAttribute("data-id"), /^3EB0[0-9A-F]+$/);
    assert.equal(main.getAttribute("data-testid"), "conversation-panel-wrapper");
  }
});

for (const name of fixtureNames()) {
  const { meta } = readFixture(name);
  if (meta.expect) {
    test("page only: " + name, async () => {
      const { chat } = await readChat(name);
      assertExpected(chat, meta.expect, name);
      assert.equal(chat.cart, meta.expect.kind === "user");
      if (chat.keySource === "title") assert.match(chat.chatKey, /^title:[0-9a-f]{16}$/);
    });
  }
  if (meta.expectWithProbe) {
    test("with WhatsApp's state: " + name, async () => {
      const { chat } = await readChat(name, { withProbe: true });
      assertExpected(chat, meta.expectWithProbe, name);
      assert.equal(chat.cart, meta.expectWithProbe.kind === "user");
    });
  }
}

test("2026 tiers: test ids first; the cart's slot is the child holding the buttons, not the last one", () => {
  const { doc } = loadFixture("saved-contact");
  const header = S.findHeader(doc);
  assert.equal(header.tier, "testid");
  const title = S.findTitle(header.el);
  assert.equal(title.tier, "testid/testid");
  const slot = S.findActionSlot(header.el, title);
  assert.equal(slot.tier, "action-child/buttons");
  assert.notEqual(slot.parent, header.el.lastElementChild, "the text-status bubble comes last");
  assert.ok(slot.before.contains(doc.querySelector('button[aria-label="Video call"]')));
  assert.equal(S.findComposeBox(doc).tier, "testid");
  assert.equal(S.firstTiered(doc, S.SELECTORS.main).tier, "testid");
});

test("2026 structure without any data-testid: the next tiers still read name, slot and composer", () => {
  for (const name of ["saved-contact", "business", "self-chat", "arabic"]) {
    const { doc } = loadFixture(name);
    strip(doc, "data-testid");
    const header = S.findHeader(doc);
    assert.equal(header.tier, "main-header", name);
    const title = S.findTitle(header.el);
    assert.equal(title.tier, "untitled-block/first-auto-span", name);
    assert.equal(S.findActionSlot(header.el, title).tier, "action-child/buttons", name);
    assert.equal(S.findComposeBox(doc).tier, "footer-textbox", name);
    const chat = A.describeChat(doc, {});
    assert.equal(chat.displayName, loadFixture(name).meta.expect.displayName || chat.displayName, name);
  }
});

test("older flavours: 2025 titled block, 2024 role buttons and span[title]", () => {
  const modern = loadFixture("older/saved-contact").doc;
  const header = S.findHeader(modern).el;
  const title = S.findTitle(header);
  assert.equal(title.tier, "titled-block/first-auto-span");
  const slot = S.findActionSlot(header, title);
  assert.equal(slot.tier, "action-child/buttons");
  assert.equal(slot.parent, header.lastElementChild);

  const legacy = loadFixture("older/legacy-2024").doc;
  const legacyHeader = S.findHeader(legacy).el;
  const legacyTitle = S.findTitle(legacyHeader);
  assert.equal(legacyTitle.tier, "untitled-block/first-auto-span");
  assert.equal(A.describeChat(legacy, {}).displayName, "Leila Legacy");
  const legacySlot = S.findActionSlot(legacyHeader, legacyTitle);
  assert.equal(legacySlot.tier, "action-child/role-buttons");
});

test("a business's verified-name subtitle (with a title attribute) is never the customer's name", async () => {
  const { doc } = loadFixture("business");
  assert.ok(doc.querySelector('#main header span[dir="auto"][title]'), "the subtitle carries a title");
  assert.equal(A.describeChat(doc, {}).displayName, "Atlas Demo Shop");
  strip(doc, "data-testid");
  assert.equal(A.describeChat(doc, {}).displayName, "Atlas Demo Shop");
  // With WhatsApp's state the reading agrees with the name, so its number is kept (contact collection).
  const { chat } = await readChat("business", { withProbe: true });
  assert.deepEqual([chat.displayName, chat.phone, chat.phoneSource], ["Atlas Demo Shop", "+212600000003", "contact"]);
});

test("header falls back to the banner role, then to the block above the messages; title to the selected row", () => {
  const { doc } = loadFixture("saved-contact");
  const header = doc.querySelector("#main header");
  const banner = doc.createElement("div");
  banner.setAttribute("role", "banner");
  banner.innerHTML = header.innerHTML;
  header.replaceWith(banner);
  assert.equal(S.findHeader(doc).tier, "main-banner");
  banner.removeAttribute("role");
  assert.equal(S.findHeader(doc).tier, "above-messages");
  assert.equal(A.describeChat(doc, {}).displayName, "Amina Test🌸");
  banner.querySelector('[role="button"]:not([title])').remove();
  strip(doc, "data-testid");
  assert.equal(A.readTitle(doc, S.findHeader(doc) && S.findHeader(doc).el).tier, "selected-row");
});

test("self chat: the separate '(You)' span, the own ids from WhatsApp's state, localStorage", async () => {
  const { doc } = loadFixture("self-chat");
  assert.equal(A.describeChat(doc, {}).kind, "self", "the span alone");
  for (const marker of ["(Vous)", "(أنت)", "(Tú)", "(Você)"]) {
    doc.querySelector(".x-you").textContent = marker;
    assert.equal(A.describeChat(doc, {}).kind, "self", marker);
  }
  doc.querySelector(".x-you").remove();
  assert.equal(A.describeChat(doc, {}).kind, "user", "no evidence at all: looks like a 1:1");
  const lid = "111122223333444@lid";
  const epoch = 1;
  const reading = (fields) => Object.assign(sanitize(Object.assign({ epoch, title: "Demo Seller" }, fields)), { receivedInEpoch: epoch });
  assert.equal(A.describeChat(doc, { epoch, probe: reading({ chatId: lid, meLid: lid }) }).kind, "self", "getMaybeMeLidUser");
  assert.equal(A.describeChat(doc, { epoch, probe: reading({ chatId: "212600000009@c.us", me: "212600000009@c.us" }) }).kind, "self", "getMaybeMePnUser");
  assert.equal(A.describeChat(doc, { epoch, probe: reading({ chatId: lid }), own: { lid } }).kind, "self", "WALid");
  assert.equal(A.describeChat(doc, { epoch, probe: reading({ chatId: "212600000009@c.us" }), own: { phone: "+212600000009" } }).kind, "self", "last-wid-md");
  assert.equal(A.describeChat(doc, { epoch, probe: reading({ chatId: "222233334444555@lid" }), own: { lid } }).kind, "user");
  // A contact saved as "Bob (You)" whose key proves someone else stays a customer.
  const { doc: other } = loadFixture("self-chat");
  assert.equal(A.describeChat(other, { epoch, probe: reading({ chatId: "222233334444555@lid" }), own: { lid } }).kind, "user");
  // WhatsApp's state alone, through the probe (no localStorage keys on this page).
  assert.equal((await readChat("self-chat", { withProbe: true })).chat.kind, "self");
});

test("own account from localStorage: last-wid-md and WALid, quoted or not", () => {
  const store = (values) => ({ getItem: (key) => (key in values ? values[key] : null) });
  assert.deepEqual(readOwnAccount(store({ "last-wid-md": '"212600000009:7@c.us"', WALid: '"111122223333444:7@lid"' })),
    { phone: "+212600000009", lid: "111122223333444@lid", phoneFrom: "last-wid-md", lidFrom: "WALid" });
  assert.deepEqual(readOwnAccount(store({ "last-wid-md": "212600000009@c.us" })).phone, "+212600000009");
  assert.deepEqual(readOwnAccount(store({ "last-wid-md": "111122223333444@lid", WALid: "212600000009@c.us" })),
    { phone: null, lid: null, phoneFrom: null, lidFrom: null });
  assert.deepEqual(readOwnAccount({ getItem() { throw new Error("blocked"); } }).phone, null);
});

test("a reading for the previous chat is never taken after a switch", () => {
  const { doc } = loadFixture("saved-contact");
  const forA = { chatId: "212600000001@c.us", chatIdFrom: "model", title: "Amina Test🌸", phone: "+212600000001", phoneSource: "store-pn" };
  const answered = Object.assign(sanitize(Object.assign({ epoch: 1 }, forA)), { receivedInEpoch: 1 });
  assert.equal(A.describeChat(doc, { probe: answered, epoch: 1 }).phone, "+212600000001");
  // The seller opened another chat (epoch 2): the old answer no longer counts.
  const later = A.describeChat(doc, { probe: answered, epoch: 2 });
  assert.deepEqual([later.keySource, later.phone], ["title", ""]);
  // A push from the chat collection during epoch 2 that names another chat is dropped by its title.
  const push = Object.assign(sanitize({ chatId: "212600000077@c.us", chatIdFrom: "model", title: "Someone Else" }), { receivedInEpoch: 2 });
  assert.equal(A.describeChat(doc, { probe: push, epoch: 2 }).keySource, "title");
  // React's chat prop read, in answer to this switch's request, from the #main on screen needs no title.
  const react = Object.assign(sanitize({ chatId: "212600000077@c.us", chatIdFrom: "react", epoch: 2 }), { receivedInEpoch: 2 });
  assert.equal(A.describeChat(doc, { probe: react, epoch: 2 }).chatKey, "212600000077@c.us");
  // A push read from the previous #main just before the switch, arriving just after it: dropped.
  const early = Object.assign(sanitize({ chatId: "444555666777888@lid", chatIdFrom: "react", title: "Bilal Demo",
    phone: "+212600000013", phoneSource: "lid-cache" }), { receivedInEpoch: 2 });
  assert.deepEqual([A.describeChat(doc, { probe: early, epoch: 2 }).keySource, A.describeChat(doc, { probe: early, epoch: 2 }).phone], ["title", ""]);
  const untitled = Object.assign(sanitize({ chatId: "444555666777888@lid", chatIdFrom: "react" }), { receivedInEpoch: 2 });
  assert.equal(A.describeChat(doc, { probe: untitled, epoch: 2 }).keySource, "title");
  // The same push with this chat's title is this chat.
  const same = Object.assign(sanitize({ chatId: "212600000001@c.us", chatIdFrom: "react", title: "Amina Test🌸" }), { receivedInEpoch: 2 });
  assert.equal(A.describeChat(doc, { probe: same, epoch: 2 }).chatKey, "212600000001@c.us");
  // While the answer may still come, no cart (a group or the self chat must not flash one).
  const pending = A.describeChat(doc, { probe: answered, epoch: 2, waitForProbe: true });
  assert.deepEqual([pending.kind, pending.cart], ["pending", false]);
});

test("title keys ignore bidi marks, the '~' marker and '(You)', and are stable", () => {
  const key = A.titleKey("Amina Test🌸");
  assert.match(key, /^title:[0-9a-f]{16}$/);
  assert.equal(A.titleKey("\u200eAmina  Test🌸\u200f"), key);
  assert.equal(A.titleKey("~ Yasmine"), A.titleKey("Yasmine"));
  assert.equal(A.titleKey("Demo Seller (You)"), A.titleKey("Demo Seller"));
  assert.equal(A.titleKey("+212 6 00-000002"), A.titleKey("\u202a+212600000002\u202c"));
  assert.notEqual(A.titleKey("Amina Test"), key);
  assert.equal(A.titleKey(""), null);
});

test("a forged probe message cannot turn a LID into a phone", () => {
  assert.equal(sanitize({ chatId: "1@lid", phone: "123456789012345@lid" }).phone, null);
  assert.equal(sanitize({ chatId: "<img onerror=x>@c.us" }).chatId, null);
  assert.equal(sanitize({ chatId: "1@lid", phone: "+212600000001", phoneSource: "server" }).phoneSource, null);
  assert.equal(sanitize("nonsense"), null);
  const { doc } = loadFixture("lid-no-phone");
  const probe = Object.assign(sanitize({ epoch: 1, chatId: "555444333222111@lid", phone: "555444333222111" }), { receivedInEpoch: 1 });
  assert.equal(A.describeChat(doc, { epoch: 1, probe }).phone, "");
});

test("ranking on a LID key: WhatsApp's state → IndexedDB → a number title; never the seller's own", () => {
  const { doc } = loadFixture("lid-no-phone");
  const key = "555444333222111@lid";
  const epoch = 1;
  const probe = (fields) => Object.assign(sanitize(Object.assign({ epoch, chatId: key, chatIdFrom: "react" }, fields)), { receivedInEpoch: epoch });
  const idbPhones = new Map([[key, "+212600000055"]]);
  const fromIdb = A.describeChat(doc, { epoch, probe: probe({}), idbPhones });
  assert.deepEqual([fromIdb.phone, fromIdb.phoneSource, fromIdb.confidence], ["+212600000055", "idb", "high"]);
  const fromCache = A.describeChat(doc, { epoch, probe: probe({ phone: "+212600000044", phoneSource: "lid-cache" }), idbPhones });
  assert.deepEqual([fromCache.phone, fromCache.phoneSource], ["+212600000044", "lid-cache"]);
  assert.equal(A.describeChat(doc, { epoch, probe: probe({}), idbPhones: new Map([[key, ""]]) }).phoneSource, "none");
  assert.equal(A.describeChat(doc, { epoch, probe: probe({}), idbPhones: new Map([[key, "555444333222111"]]) }).phone, "");
  assert.equal(A.describeChat(doc, { epoch, probe: probe({}), idbPhones, own: { phone: "+212600000055" } }).phone, "");
  doc.querySelector('[data-testid="conversation-info-header-chat-title"]').textContent = "+212 6 00 00 00 66";
  assert.equal(A.describeChat(doc, { epoch, probe: probe({}) }).phoneSource, "dom-title");
  assert.equal(A.describeChat(doc, { epoch, probe: probe({}), idbPhones }).phoneSource, "idb");
});

test("WhatsApp's getPhoneNumber throws on a string; the probe hands it a Wid from createWid", () => {
  const { win } = loadFixture("french");
  const fake = installFakeWhatsApp(win, loadFixture("french").meta.waState);
  const api = win.require("WAWebApiContact");
  assert.throws(() => api.getPhoneNumber("333444555666777@lid"), TypeError);
  const wid = win.require("WAWebWidFactory").createWid("333444555666777@lid");
  assert.ok(wid instanceof Wid && wid.equals(new Wid("333444555666777@lid")));
  assert.equal(api.getPhoneNumber(wid)._serialized, "33600000006@c.us");
  assert.ok(fake);
});

test("a number confirmed earlier fills only an empty phone", async () => {
  const lid = (await readChat("lid-no-phone")).chat;
  const filled = A.withRemembered(lid, "+212 6 00 00 00 44");
  assert.deepEqual([filled.phone, filled.phoneSource, filled.confidence, filled.tiers.phone], ["+212600000044", "confirmed", "high", "confirmed"]);
  const saved = (await readChat("saved-contact", { withProbe: true })).chat;
  assert.equal(A.withRemembered(saved, "+212600000044").phone, "+212600000001");
  assert.equal(A.withRemembered(lid, "987654321098765@lid").phone, "");
  assert.equal(A.withRemembered((await readChat("channel")).chat, "+212600000044").phone, "");
});

test("reading the page changes nothing in it", async () => {
  for (const name of fixtureNames()) {
    const { doc } = loadFixture(name);
    const before = doc.documentElement.outerHTML;
    A.describeChat(doc, { own: { phone: "+212600000009" } });
    assert.equal(doc.documentElement.outerHTML, before, name);
  }
});

test("older pages' row ids still give key and number, and contradict a stale probe", () => {
  const { doc } = loadFixture("older/saved-contact");
  const stale = Object.assign(sanitize({ chatId: "123456789012345@lid", phone: "+212699999999", phoneSource: "lid-cache", epoch: 1 }), { receivedInEpoch: 1 });
  const chat = A.describeChat(doc, { probe: stale, epoch: 1 });
  assert.deepEqual([chat.chatKey, chat.phone, chat.phoneSource], ["212600000001@c.us", "+212600000001", "dom-data-id"]);
});
