"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { JSDOM } = require("jsdom");
const { createTakeFromChat, TAG, asQuantity } = require("../src/ui/take-from-chat.js");
const { createOrderForm } = require("../src/ui/order-form.js");
const { createPageGuard } = require("../src/ui/page-guard.js");
// jsdom cannot create trusted events: these tests accept synthetic ones (never the extension).
const SYNTHETIC = createPageGuard({ acceptSyntheticEvents: true });
const { createI18n } = require("../src/ui/i18n.js");
const { startCommand } = require("../src/ui/start-command.js");
const { fakeChrome } = require("./helpers/fake-chrome.js");
const { loadFixture, closeFixtures } = require("./helpers/load-fixture.js");

test.after(closeFixtures);

function select(win, node, text) {
  const range = win.document.createRange();
  const start = node.textContent.indexOf(text);
  range.setStart(node.firstChild || node, start);
  range.setEnd(node.firstChild || node, start + text.length);
  win.getSelection().removeAllRanges();
  win.getSelection().addRange(range);
}

test("the bar shows under text selected in a message only; one click hands the text over", () => {
  const { win } = loadFixture("saved-contact");
  const doc = win.document;
  const taken = [];
  const i18n = createI18n(fakeChrome({ locale: "en" }).i18n);
  const options = { doc, win, t: i18n.t, dir: "ltr", theme: () => "light", enabled: () => true,
    onTake: (kind, value) => taken.push([kind, value]) };
  const message = doc.querySelector("#main .selectable-text span");
  message.textContent = "25 Rue Ibnou Batouta, Casablanca";
  // As in the extension: a synthetic click (a page script's) takes nothing.
  const refusing = createTakeFromChat(options);
  select(win, message, "25 Rue Ibnou Batouta, Casablanca");
  refusing.check();
  assert.equal(refusing.host.shadowRoot, null, "a closed root");
  refusing.shadow.querySelector("[data-take=address]").click();
  assert.deepEqual(taken, [], "a synthetic click (a page script) takes nothing");
  refusing.hide();
  const take = createTakeFromChat(Object.assign({ guard: SYNTHETIC }, options));
  take.check();
  assert.equal(doc.querySelectorAll(TAG).length, 1);
  assert.equal(take.shadow.querySelector('[role="toolbar"]').getAttribute("aria-label"), "Put in the order");
  assert.equal(take.shadow.querySelector("[data-take=quantity]").hidden, true, "not a quantity");
  take.shadow.querySelector("[data-take=address]").click();
  assert.deepEqual(taken, [["address", "25 Rue Ibnou Batouta, Casablanca"]]);
  assert.equal(doc.querySelectorAll(TAG).length, 0, "gone after the click");
  // A number: Quantity is offered, and handed over as a number.
  message.textContent = "3";
  select(win, message, "3");
  take.check();
  assert.equal(take.shadow.querySelector("[data-take=quantity]").hidden, false);
  take.shadow.querySelector("[data-take=quantity]").click();
  assert.deepEqual(taken.at(-1), ["quantity", 3]);
  // Outside the messages (the chat list, the message box): no bar.
  select(win, doc.querySelector("#side h1"), "Chats");
  take.check();
  assert.equal(doc.querySelectorAll(TAG).length, 0);
  // Not in a 1:1 chat: no bar either.
  const off = createTakeFromChat({ doc, win, t: i18n.t, dir: "ltr", theme: () => "light", enabled: () => false, onTake: () => {} });
  select(win, message, "3");
  off.check();
  assert.equal(doc.querySelectorAll(TAG).length, 0);
  assert.equal(asQuantity("1000"), null);
  assert.equal(asQuantity("0"), null);
});

test("an address taken from the chat fills City with the recognised city, unless City is filled", async () => {
  const win = new JSDOM("<!doctype html><body></body>", { url: "https://web.whatsapp.com/" }).window;
  const asked = [];
  const send = async (m) => {
    if (m.type === "city-match") {
      asked.push(m.text);
      return /casa/i.test(m.text)
        ? { ok: true, data: { city: { key: "casablanca", name: "Casablanca", names: { fr: "Casablanca", en: "Casablanca", ar: "الدار البيضاء" } }, found: "Casa" } }
        : { ok: true, data: { city: null, found: null } };
    }
    return { ok: false, state: "offline" };
  };
  const form = createOrderForm({ doc: win.document, win, i18n: createI18n(fakeChrome({ locale: "en" }).i18n), send, workspace: null,
    chat: { chatKey: "212661234567@c.us", displayName: "Fatima", phone: "+212661234567", phoneSource: "dom-data-id" } });
  await form.take("address", "25 Rue Ibnou Batouta, Maarif, Casa");
  assert.equal(form.dialog.fields.address.value, "25 Rue Ibnou Batouta, Maarif, Casa");
  assert.equal(form.dialog.fields.city.value, "Casablanca");
  assert.equal(form.dialog.shadow.getElementById("sendocki-city-found").textContent, "City recognised in the message: Casablanca");
  form.dialog.fields.city.value = "Rabat";
  await form.take("address", "12 Rue X, Casa");
  assert.equal(form.dialog.fields.city.value, "Rabat", "a City already filled is kept");
  assert.equal(form.dialog.shadow.getElementById("sendocki-city-found").hidden, true, "and no hint about another city");
  await form.take("city", "Tiznit");
  assert.equal(form.dialog.fields.city.value, "Tiznit", "no match: the text as selected");
  assert.equal(form.dialog.shadow.getElementById("sendocki-city-found").hidden, true);
  await form.take("note", "Appeler avant");
  await form.take("note", "Après 18h");
  assert.equal(form.dialog.shadow.getElementById("sendocki-note").value, "Appeler avant\nAprès 18h");
  assert.deepEqual(asked, ["25 Rue Ibnou Batouta, Maarif, Casa", "12 Rue X, Casa", "Tiznit"]);
  win.close();
});

test("the command that starts the app on this computer", () => {
  assert.equal(startCommand("linux", 47615), "systemctl --user start sendocki-helper");
  assert.equal(startCommand("win", 47620), '"%LOCALAPPDATA%\\Programs\\sendocki-helper\\sendocki-helper.exe" serve --port 47620');
  assert.equal(startCommand("mac", 47615), "launchctl kickstart gui/$(id -u)/com.sendocki.helper");
});
