"use strict";
// "Copy a diagnostic report": tiers, sources and a structure-only skeleton; never personal text.
const test = require("node:test");
const assert = require("node:assert/strict");
const D = require("../src/whatsapp/diagnostics.js");
const { createController } = require("../src/app/controller.js");
const { createI18n } = require("../src/ui/i18n.js");
const { readOwnAccount } = require("../src/whatsapp/own-account.js");
const { createProbe } = require("../src/whatsapp/probe.js");
const { installFakeWhatsApp } = require("./helpers/fake-whatsapp.js");
const { fakeChrome } = require("./helpers/fake-chrome.js");
const { fixtureNames, loadFixture, settle } = require("./helpers/load-fixture.js");
const { IDBFactory } = require("fake-indexeddb");

// Everything personal a page holds: visible text, titles, labels, ids, alt texts; and every
// name, id and number of WhatsApp's state behind it.
function personalStrings(doc, waState) {
  const found = new Set();
  const add = (value) => {
    const text = String(value || "").replace(/[\u200e\u200f\u202a-\u202e]/g, "").trim();
    if (text.length >= 3) found.add(text);
    for (const digits of text.match(/\d{6,}/g) || []) found.add(digits);
  };
  const walker = doc.createTreeWalker(doc.body, 4);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) add(node.nodeValue);
  for (const el of doc.body.querySelectorAll("*")) {
    for (const name of ["title", "aria-label", "alt", "data-id", "data-pre-plain-text", "aria-placeholder"]) {
      if (el.hasAttribute(name)) add(el.getAttribute(name));
    }
  }
  const walk = (value, key) => {
    if (key === "version") return;
    if (typeof value === "string") add(value);
    else if (Array.isArray(value)) value.forEach((v) => walk(v));
    else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) walk(v, k);
  };
  walk(waState || {});
  return found;
}

async function reportFor(name) {
  const page = loadFixture(name);
  page.win.indexedDB = new IDBFactory();
  const withProbe = !!page.meta.waState;
  const probe = withProbe ? createProbe(page.win) : null;
  if (withProbe) {
    installFakeWhatsApp(page.win, page.meta.waState);
    probe.start();
  }
  const chrome = fakeChrome();
  const controller = createController({ win: page.win, doc: page.doc, i18n: createI18n(chrome.i18n), contextAlive: () => true,
    own: () => readOwnAccount(page.win.localStorage), onReading: D.storeReading(chrome.storage.local), probeWaitMs: withProbe ? 400 : 0 });
  controller.start();
  for (let i = 0; i < 20 && (!controller.chat || controller.chat.kind === "pending" || (controller.chat.kind === "user" && !controller.cartHost)); i += 1) await settle(page.win);
  // A message typed in the box and an open dialog are on the page too when the seller copies.
  const box = page.doc.querySelector('#main [contenteditable="true"]');
  if (box) box.textContent = "Secret message body 4242";
  controller.ensureMounted();
  const record = chrome.data[D.STORAGE_KEY];
  controller.teardown();
  if (probe) probe.stop();
  page.win.close();
  return { record, text: D.formatReport(record, { extensionVersion: "0.1.0", browser: "Chrome/131" }), page };
}

for (const name of fixtureNames()) {
  test("the report of " + name + " holds no name, number or message text", async () => {
    const { record, text, page } = await reportFor(name);
    if (["no-chat", "login-qr"].includes(name)) return assert.equal(record, undefined);
    assert.ok(record, "a record was stored");
    const secrets = personalStrings(page.doc, page.meta.waState);
    secrets.add("Secret message body 4242");
    for (const secret of secrets) assert.ok(!text.includes(secret), name + ": the report contains " + JSON.stringify(secret));
    assert.ok(text.length < 8000, name + ": " + text.length + " characters");
  });
}

test("the report says which tiers matched and shows the header's structure", async () => {
  const { record, text } = await reportFor("french");
  assert.deepEqual(D.compatibility(record), { header: "found", name: "found", number: "lid-cache", chatKey: "react", composer: "found" });
  assert.match(text, /whatsapp: 2\.3000\.1040123456/);
  assert.match(text, /header: found \(testid\)/);
  assert.match(text, /number source: lid-cache/);
  assert.match(text, /header\[data-testid=conversation-header\]/);
  assert.match(text, /span\[dir=auto\]|span \{dir/);
  assert.match(text, /button \{type,class,aria-label,title,tabindex\}/);
  assert.match(text, /\[data-icon=wds-ic-video-call\]/);
  assert.match(text, /\[data-testid=conversation-compose-box-input\]/);
});

test("older pages report their fallbacks", async () => {
  const { record } = await reportFor("older/legacy-2024");
  assert.deepEqual(D.compatibility(record), { header: "fallback", name: "fallback", number: "dom-data-id", chatKey: "dom-data-id", composer: "fallback" });
});

test("skeleton values: only static names survive, ids holding numbers do not", () => {
  const { doc } = loadFixture("saved-contact");
  const el = doc.createElement("div");
  el.setAttribute("data-testid", "row-212600000001");
  el.setAttribute("role", "Amina Test");
  el.setAttribute("data-icon", "wds-ic-search");
  el.setAttribute("aria-label", "Amina");
  assert.equal(D.skeleton(el), "div[data-testid=?][role=?][data-icon=wds-ic-search] {aria-label}");
  assert.equal(D.formatReport(null).includes("No WhatsApp chat"), true);
});
