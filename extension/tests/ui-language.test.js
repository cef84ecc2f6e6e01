"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const { JSDOM } = require("jsdom");
const language = require("../src/ui/language.js");
const { createI18n } = require("../src/ui/i18n.js");
const { pageLanguage } = require("../src/whatsapp/selectors.js");
const { createRouter } = require("../src/worker/router.js");
const { fakeChrome, loadMessages } = require("./helpers/fake-chrome.js");

const FIXTURES = path.join(__dirname, "fixtures");
const fixtureDoc = (name) => new JSDOM(fs.readFileSync(path.join(FIXTURES, name), "utf8")).window.document;

test("WhatsApp Web's page language wins over Chrome's; the setting wins over both", () => {
  assert.equal(pageLanguage(fixtureDoc("french.html")), "fr");
  assert.equal(pageLanguage(fixtureDoc("arabic.html")), "ar");
  assert.equal(pageLanguage(new JSDOM("<html><body></body></html>").window.document), "");
  assert.equal(language.pick({ setting: "auto", page: "fr", browser: "en" }), "fr");
  assert.equal(language.pick({ setting: "ar", page: "fr", browser: "en" }), "ar");
  assert.equal(language.pick({ setting: "auto", page: "es", browser: "fr" }), "fr", "unsupported page language: Chrome's");
  assert.equal(language.pick({ setting: undefined, page: "", browser: "de" }), "en");
});

test("a French WhatsApp in an English Chrome gets French words (loaded through the worker)", async () => {
  const chrome = fakeChrome({ locale: "en" });
  const i18n = createI18n(chrome.i18n);
  const sent = [];
  const send = async (m) => { sent.push(m); return { ok: true, data: loadMessages(m.lang) }; };
  const storage = chrome.storage.local;
  assert.equal(await language.apply({ i18n, storage, send, page: "fr", browser: "en" }), "fr");
  assert.deepEqual(sent, [{ type: "messages", lang: "fr" }]);
  assert.equal(i18n.t("createOrder"), "Créer la commande");
  assert.equal(i18n.lang, "fr");
  assert.equal(i18n.t("panelOrdersCount", "3"), "Commandes\u00a0: 3");
  assert.equal(i18n.t("fe_quantity_range", { min: 1, max: 9999 }), "Saisissez une quantité de 1 à 9999.");
  assert.equal(chrome.data.waLanguage, "fr", "the popup and settings follow WhatsApp too");
  await storage.set({ uiLanguage: "ar" });
  await language.apply({ i18n, storage, send, page: "fr", browser: "en" });
  assert.equal(i18n.dir(), "rtl");
  assert.equal(i18n.t("sectionCustomer"), "الزبون");
});

test("no answer from the worker: Chrome's own language stays", async () => {
  const i18n = createI18n(fakeChrome({ locale: "en" }).i18n);
  await language.apply({ i18n, storage: null, send: async () => ({ ok: false, state: "offline" }), page: "fr", browser: "en" });
  assert.equal(i18n.t("createOrder"), "Create the order");
});

test("the worker hands out only the extension's own languages", async () => {
  const ID = "igekjiaegmikgckdbhadfnjpmajbfoak";
  const read = [];
  const router = createRouter({ link: {}, submissions: {}, extensionId: ID, LinkError: Error,
    readMessages: async (lang) => { read.push(lang); return { createOrder: { message: lang } }; } });
  const tab = { id: ID, url: "https://web.whatsapp.com/" };
  assert.deepEqual(await router.handle({ type: "messages", lang: "ar" }, tab), { ok: true, data: { createOrder: { message: "ar" } }, replayed: false });
  assert.equal((await router.handle({ type: "messages", lang: "../../manifest" }, tab)).ok, false);
  assert.deepEqual(read, ["ar"]);
});
