"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const A = require("../src/adapter.js");
const S = require("../src/selectors.js");
const { createProbe } = require("../src/probe.js");
const { sanitize } = require("../src/probe-bridge.js");
const { installFakeWhatsApp } = require("./helpers/fake-whatsapp.js");
const { fixtureNames, loadFixture } = require("./helpers/load-fixture.js");

const REQUIRED = ["no-chat", "login-qr", "saved-contact", "unsaved-contact", "business", "lid-known", "lid-unknown",
  "empty-chat", "group", "channel", "self-chat", "french", "arabic-rtl", "dark-theme", "legacy-2024", "header-rerendered"];

function describe(name, { withProbe } = {}) {
  const { win, doc, meta } = loadFixture(name);
  let probe = null;
  if (withProbe) {
    installFakeWhatsApp(win, meta.waState);
    probe = sanitize(createProbe(win).readState());
  }
  const ownPhone = A.ownPhoneFromStorage(win.localStorage.getItem("last-wid-md"));
  return { chat: A.describeChat(doc, { probe, ownPhone }), meta, doc };
}

function assertExpected(chat, expected, label) {
  for (const [field, value] of Object.entries(expected)) {
    if (field === "chatKeyPrefix") assert.ok(chat.chatKey.startsWith(value), label + ": chatKey " + chat.chatKey);
    else assert.equal(chat[field], value, label + ": " + field);
  }
}

test("every scenario the issue lists has a fixture with capture metadata", () => {
  const names = fixtureNames();
  for (const name of REQUIRED) assert.ok(names.includes(name), "missing fixture " + name);
  for (const name of names) {
    const { meta, doc } = loadFixture(name);
    for (const key of ["waVersion", "capturedAt", "locale", "theme", "guiFlavour", "scenario"]) assert.ok(meta[key], name + " lacks " + key);
    assert.equal(doc.querySelector("[data-testid]"), null, name + " uses data-testid, which WhatsApp removed");
    assert.equal(doc.querySelector("script"), null, name + " must not carry scripts");
  }
});

for (const name of fixtureNames()) {
  const { meta } = loadFixture(name);
  if (meta.expect) {
    test("describeChat on " + name + " (page only)", () => {
      const { chat } = describe(name);
      assertExpected(chat, meta.expect, name);
      assert.equal(chat.cart, meta.expect.kind === "user");
    });
  }
  if (meta.expectWithProbe) {
    test("describeChat on " + name + " with the probe's reading", () => {
      const { chat } = describe(name, { withProbe: true });
      assertExpected(chat, meta.expectWithProbe, name);
    });
  }
}

test("no chat open and the QR screen give no cart", () => {
  assert.deepEqual([describe("no-chat").chat.kind, describe("no-chat").chat.cart], ["none", false]);
  assert.deepEqual([describe("login-qr").chat.kind, describe("login-qr").chat.cart], ["login", false]);
});

test("header anchor, title and action slot tiers per GUI flavour", () => {
  const modern = loadFixture("saved-contact").doc;
  const header = S.findHeader(modern);
  assert.equal(header.tier, "main-header");
  assert.equal(S.findTitle(header.el).tier, "title-block");
  const slot = S.findActionSlot(header.el);
  assert.equal(slot.tier, "last-child-buttons");
  assert.equal(slot.parent, header.el.lastElementChild);
  assert.ok(slot.before.contains(modern.querySelector('button[aria-label="Video call"]')));

  const legacy = loadFixture("legacy-2024").doc;
  const legacyHeader = S.findHeader(legacy).el;
  assert.equal(S.findTitle(legacyHeader).tier, "span-title");
  const legacySlot = S.findActionSlot(legacyHeader);
  assert.equal(legacySlot.tier, "menu-icon-parent");
  assert.ok(legacySlot.before.querySelector('[data-icon="menu"]'));
});

test("header falls back to the banner role, then to the block above the messages", () => {
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
  banner.remove();
  assert.equal(S.findHeader(doc), null);
});

test("the title falls back to the selected chat-list row", () => {
  const { doc } = loadFixture("business");
  doc.querySelector("#main header").lastElementChild.previousElementSibling.remove();
  const title = A.readTitle(doc, doc.querySelector("#main header"));
  assert.deepEqual(title, { text: "Atlas Demo Shop", tier: "selected-row" });
});

test("probe data for another chat is dropped, not mixed into this one", () => {
  const { doc } = loadFixture("saved-contact");
  const stale = sanitize({ chatId: "123456789012345@lid", phone: "+212699999999", phoneSource: "lid-cache", name: "Other" });
  const chat = A.describeChat(doc, { probe: stale });
  assert.equal(chat.chatKey, "212600000001@c.us");
  assert.equal(chat.phone, "+212600000001");
  assert.equal(chat.phoneSource, "dom-data-id");

  const empty = loadFixture("empty-chat").doc;
  const otherTitle = sanitize({ chatId: "212600000077@c.us", title: "Someone Else" });
  assert.ok(A.describeChat(empty, { probe: otherTitle }).chatKey.startsWith("title:"));
});

test("the probe's LID alias matches rows keyed by the phone id and vice versa", () => {
  const { doc } = loadFixture("saved-contact");
  const probe = sanitize({ chatId: "111122223333444@lid", aliases: ["212600000001@c.us"], phone: "+212600000001", phoneSource: "lid-cache" });
  const chat = A.describeChat(doc, { probe });
  assert.equal(chat.chatKey, "111122223333444@lid");
  assert.equal(chat.phone, "+212600000001");
  assert.equal(chat.phoneSource, "lid-cache");
});

test("a forged probe message cannot turn a LID into a phone", () => {
  assert.equal(sanitize({ chatId: "1@lid", phone: "123456789012345@lid" }).phone, null);
  assert.equal(sanitize({ chatId: "<img onerror=x>@c.us" }).chatId, null);
  assert.equal(sanitize("nonsense"), null);
  const { doc } = loadFixture("lid-unknown");
  const chat = A.describeChat(doc, { probe: sanitize({ chatId: "987654321098765@lid", phone: "987654321098765" }) });
  assert.equal(chat.phone, "");
});

test("the seller's own number never becomes the customer's phone", () => {
  assert.equal(A.ownPhoneFromStorage('"212600000009:7@c.us"'), "+212600000009");
  assert.equal(A.ownPhoneFromStorage("212600000009@c.us"), "+212600000009");
  assert.equal(A.ownPhoneFromStorage(null), null);
  const { doc } = loadFixture("self-chat");
  assert.equal(A.describeChat(doc, { ownPhone: "+212600000009" }).kind, "self");
});

// The self-chat fixture as a seller whose localStorage has no "last-wid-md".
function selfChatWithoutStorage(title) {
  const { win, doc } = loadFixture("self-chat");
  win.localStorage.removeItem("last-wid-md");
  if (title !== undefined) {
    for (const el of doc.querySelectorAll("#main header [title]")) if (el.getAttribute("title").includes("(You)")) el.setAttribute("title", title);
    doc.querySelector("#main header [role=button][title] span[dir=auto]").textContent = title;
  }
  assert.equal(A.ownPhoneFromStorage(win.localStorage.getItem("last-wid-md")), null);
  return doc;
}

test("self-chat without last-wid-md: the probe's own user id", () => {
  const doc = selfChatWithoutStorage("Demo Seller");
  assert.equal(A.describeChat(doc, {}).kind, "user", "no evidence at all: looks like a 1:1");
  const me = sanitize({ me: "212600000009@c.us" });
  const chat = A.describeChat(doc, { probe: me });
  assert.deepEqual([chat.kind, chat.cart, chat.phone], ["self", false, ""]);
  // The own id comes from any reading, even one for another chat (it does not depend on the chat).
  const otherChat = sanitize({ chatId: "111122223333444@lid", me: "212600000009@c.us" });
  assert.equal(A.describeChat(doc, { probe: otherChat }).kind, "self");
  // Another seller's id does not make it a self-chat.
  assert.equal(A.describeChat(doc, { probe: sanitize({ me: "212600000010@c.us" }) }).kind, "user");
});

test("self-chat keyed by the seller's own LID", () => {
  const { doc } = loadFixture("empty-chat");
  const probe = sanitize({ chatId: "555566667777888@lid", me: "212600000009@c.us", meLid: "555566667777888@lid" });
  assert.equal(A.describeChat(doc, { probe }).kind, "self");
  const other = sanitize({ chatId: "111122223333444@lid", me: "212600000009@c.us", meLid: "555566667777888@lid" });
  assert.equal(A.describeChat(doc, { probe: other }).kind, "user");
});

test("self-chat last tier: the localized '(You)' title suffix in en, fr, ar, es, pt", () => {
  assert.equal(A.describeChat(selfChatWithoutStorage(), {}).kind, "self", "the fixture's own English title");
  for (const title of ["Demo Seller (Vous)", "Demo Seller (vous)", "\u200fDemo Seller (أنت)\u200f", "Demo Seller (Tú)", "Demo Seller (Você)", "Demo Seller (Tu)"]) {
    assert.equal(A.describeChat(selfChatWithoutStorage(title), {}).kind, "self", title);
  }
  for (const title of ["You", "Demo (You) Seller", "Youssef", "Demo Seller (Yours)"]) {
    assert.equal(A.describeChat(selfChatWithoutStorage(title), {}).kind, "user", title);
  }
});

test("a contact titled '(You)' whose key proves someone else stays a customer", () => {
  const doc = selfChatWithoutStorage("Bob (You)");
  // Rows keyed 212600000009@c.us; the seller's own number is another one.
  const chat = A.describeChat(doc, { ownPhone: "+212600000010" });
  assert.deepEqual([chat.kind, chat.phone], ["user", "+212600000009"]);
  const lidDoc = loadFixture("lid-unknown").doc;
  lidDoc.querySelector("#main header [role=button][title] span[dir=auto]").textContent = "Bob (You)";
  assert.equal(A.describeChat(lidDoc, {}).kind, "self", "no own ids known: the suffix decides");
  assert.equal(A.describeChat(lidDoc, { probe: sanitize({ meLid: "555566667777888@lid" }) }).kind, "user");
});

test("a number confirmed earlier fills only an empty phone", () => {
  const lid = describe("lid-unknown").chat;
  const filled = A.withRemembered(lid, "+212 6 00 00 00 44");
  assert.deepEqual([filled.phone, filled.phoneSource, filled.confidence], ["+212600000044", "confirmed", "high"]);
  const saved = describe("saved-contact").chat;
  assert.equal(A.withRemembered(saved, "+212600000044").phone, "+212600000001");
  assert.equal(A.withRemembered(lid, "987654321098765@lid").phone, "");
  assert.equal(A.withRemembered(describe("group").chat, "+212600000044").phone, "");
});

test("reading the page changes nothing in it", () => {
  for (const name of fixtureNames()) {
    const { doc } = loadFixture(name);
    const before = doc.documentElement.outerHTML;
    A.describeChat(doc, { ownPhone: "+212600000009" });
    assert.equal(doc.documentElement.outerHTML, before, name);
  }
});

test("ranking on a LID key: B (local cache) → C (IndexedDB) → rows → title", () => {
  const { doc } = loadFixture("lid-unknown");
  const key = "987654321098765@lid";
  const idbPhones = new Map([[key, "+212600000055"]]);
  const fromIdb = A.describeChat(doc, { idbPhones });
  assert.deepEqual([fromIdb.phone, fromIdb.phoneSource, fromIdb.confidence], ["+212600000055", "idb", "high"]);

  const probe = sanitize({ chatId: key, phone: "+212600000044", phoneSource: "lid-cache" });
  const fromCache = A.describeChat(doc, { probe, idbPhones });
  assert.deepEqual([fromCache.phone, fromCache.phoneSource], ["+212600000044", "lid-cache"]);

  // Pending or empty look-ups, another chat's number, a LID or the seller's own number: no phone.
  assert.equal(A.describeChat(doc, { idbPhones: new Map([[key, ""]]) }).phoneSource, "none");
  assert.equal(A.describeChat(doc, { idbPhones: new Map([["111122223333444@lid", "+212600000055"]]) }).phone, "");
  assert.equal(A.describeChat(doc, { idbPhones: new Map([[key, "987654321098765@lid"]]) }).phone, "");
  assert.equal(A.describeChat(doc, { idbPhones: new Map([[key, "987654321098765"]]) }).phone, "");
  assert.equal(A.describeChat(doc, { idbPhones, ownPhone: "+212600000055" }).phone, "");

  // C outranks a number-shaped title (F) on a LID chat.
  const title = doc.querySelector("#main header [role=button][title] span[dir=auto]");
  title.textContent = "+212 6 00 00 00 66";
  assert.equal(A.describeChat(doc, {}).phoneSource, "dom-title");
  assert.equal(A.describeChat(doc, { idbPhones }).phoneSource, "idb");
});

test("C applies to LID keys only: a phone-id key keeps its own digits", () => {
  const { doc } = loadFixture("saved-contact");
  const chat = A.describeChat(doc, { idbPhones: new Map([["212600000001@c.us", "+212600000099"]]) });
  assert.deepEqual([chat.phone, chat.phoneSource], ["+212600000001", "dom-data-id"]);
});

test("chat key: A, else D (React props), else row data-id, else the title hash", () => {
  const empty = loadFixture("empty-chat").doc;
  assert.ok(A.describeChat(empty, {}).chatKey.startsWith("title:"));
  const fromReact = A.describeChat(empty, { probe: sanitize({ chatId: "212600000007@c.us", chatIdFrom: "react" }) });
  assert.deepEqual([fromReact.chatKey, fromReact.keySource, fromReact.phone, fromReact.phoneSource, fromReact.confidence],
    ["212600000007@c.us", "react", "+212600000007", "store-pn", "high"]);
  const fromModel = A.describeChat(empty, { probe: sanitize({ chatId: "212600000007@c.us", chatIdFrom: "model" }) });
  assert.equal(fromModel.keySource, "probe");

  // A React LID key is a key only; C or nothing gives its number.
  const lid = A.describeChat(empty, { probe: sanitize({ chatId: "111122223333444@lid", chatIdFrom: "react" }) });
  assert.deepEqual([lid.chatKey, lid.phone], ["111122223333444@lid", ""]);
  const lidIdb = A.describeChat(empty, { probe: sanitize({ chatId: "111122223333444@lid", chatIdFrom: "react" }),
    idbPhones: new Map([["111122223333444@lid", "+212600000056"]]) });
  assert.deepEqual([lidIdb.phone, lidIdb.phoneSource], ["+212600000056", "idb"]);

  // A React reading contradicted by the rows (another chat) is dropped: the rows give the key.
  const saved = loadFixture("saved-contact").doc;
  const stale = A.describeChat(saved, { probe: sanitize({ chatId: "212600000007@c.us", chatIdFrom: "react" }) });
  assert.deepEqual([stale.chatKey, stale.keySource], ["212600000001@c.us", "dom-data-id"]);
});
