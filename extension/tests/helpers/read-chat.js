// Reads a saved page the way the content script does: optionally with WhatsApp's state emulated
// (fake-whatsapp.js), the MAIN-world probe answering a request through the real bridge, and
// source C from the page's IndexedDB (fake-indexeddb: jsdom has none).
"use strict";

const { IDBFactory } = require("fake-indexeddb");
const A = require("../../src/whatsapp/adapter.js");
const { createProbe } = require("../../src/whatsapp/probe.js");
const { createProbeBridge } = require("../../src/whatsapp/probe-bridge.js");
const { readOwnAccount } = require("../../src/whatsapp/own-account.js");
const { lookupPhone } = require("../../src/whatsapp/idb-contacts.js");
const { installFakeWhatsApp } = require("./fake-whatsapp.js");
const { loadFixture } = require("./load-fixture.js");

// postMessage in jsdom is a 0 ms timer (load-fixture.js): a few ms cover one round trip.
function nextMessage() {
  return new Promise((resolve) => setTimeout(resolve, 5));
}

// { chat, reading, page, fake } for a fixture; `withProbe`: WhatsApp's state and the probe.
// `late`: WhatsApp registers its lazily loaded modules after the probe started (default), or never.
async function readChat(name, { withProbe = false, mode, epoch = 1, page: given, late = true } = {}) {
  const page = given || loadFixture(name);
  const { win, doc, meta } = page;
  let reading = null;
  let fake = null;
  const idbPhones = new Map();
  if (withProbe) {
    win.indexedDB = new IDBFactory();
    fake = installFakeWhatsApp(win, meta.waState, { mode });
    await fake.idbReady;
    const probe = createProbe(win);
    const bridge = createProbeBridge(win, null, () => epoch);
    bridge.start();
    probe.start();
    if (late) fake.registerLate();
    bridge.request(epoch);
    await nextMessage();
    await nextMessage();
    reading = bridge.latest();
    probe.stop();
    bridge.stop();
  }
  const own = readOwnAccount(win.localStorage);
  let chat = A.describeChat(doc, { probe: reading, epoch, own, idbPhones });
  if (withProbe && /@lid$/.test(chat.chatKey || "") && !chat.phone) {
    const phone = await lookupPhone(win.indexedDB, chat.chatKey);
    if (phone) idbPhones.set(chat.chatKey, phone);
    chat = A.describeChat(doc, { probe: reading, epoch, own, idbPhones });
  }
  return { chat, reading, page, fake };
}

module.exports = { readChat };
