"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { JSDOM } = require("jsdom");
const { createOrderDialog, TAG } = require("../src/ui/order-dialog.js");
const { createI18n } = require("../src/ui/i18n.js");
const { fakeChrome } = require("./helpers/fake-chrome.js");

function open(chat, locale = "en") {
  const doc = new JSDOM("<!doctype html><body><div id=app></div></body>", { url: "https://web.whatsapp.com/" }).window.document;
  const i18n = createI18n(fakeChrome({ locale }).i18n);
  const closed = [];
  const dialog = createOrderDialog(doc, { t: i18n.t, dir: i18n.dir(), chat, theme: "light", onClose: (d) => closed.push(d) });
  return { doc, dialog, closed };
}

function labelled(dialog, text) {
  const label = Array.from(dialog.shadow.querySelectorAll("label")).find((l) => l.textContent === text);
  return label ? dialog.shadow.getElementById(label.getAttribute("for")) : null;
}

const SAVED = { chatKey: "212600000001@c.us", displayName: "Amina Test🌸", phone: "+212600000001", phoneSource: "dom-data-id" };
const HIDDEN = { chatKey: "987654321098765@lid", displayName: "Yasmine", phone: "", phoneSource: "none" };

test("one overlay host on body, fields Name and Phone pre-filled from the chat", () => {
  const { doc, dialog } = open(SAVED);
  assert.equal(doc.querySelectorAll(TAG).length, 1);
  assert.equal(dialog.host.parentNode, doc.body);
  assert.equal(doc.getElementById("app").innerHTML, "", "nothing goes into WhatsApp's tree");
  assert.equal(labelled(dialog, "Name").value, "Amina Test🌸");
  assert.equal(labelled(dialog, "Phone").value, "+212600000001");
  assert.equal(dialog.shadow.querySelector('[role="dialog"]').getAttribute("aria-labelledby"), "sendocki-title");
  assert.equal(dialog.shadow.getElementById("sendocki-phone-source").textContent, "Number read from WhatsApp");
  assert.equal(dialog.chatKey, "212600000001@c.us");
});

test("every WhatsApp source of the number says it was read from WhatsApp (a contact's too)", () => {
  for (const phoneSource of ["store-pn", "contact", "lid-cache", "idb", "dom-data-id", "dom-title"]) {
    const { dialog } = open({ ...SAVED, phoneSource });
    assert.equal(dialog.shadow.getElementById("sendocki-phone-source").textContent, "Number read from WhatsApp", phoneSource);
  }
});

test("a hidden number opens the phone empty, required, focused and says so", () => {
  const { dialog } = open(HIDDEN);
  const phone = labelled(dialog, "Phone");
  assert.equal(phone.value, "");
  assert.equal(phone.required, true);
  assert.equal(dialog.shadow.activeElement, phone);
  assert.equal(dialog.shadow.getElementById("sendocki-phone-source").textContent, "WhatsApp does not show this number: type it");
  phone.value = "0600000044";
  phone.dispatchEvent(new phone.ownerDocument.defaultView.Event("input"));
  assert.equal(dialog.phoneSource, "typed");
});

test("a remembered number is labelled as remembered", () => {
  const { dialog } = open(Object.assign({}, HIDDEN, { phone: "+212600000044", phoneSource: "confirmed" }));
  assert.equal(dialog.shadow.getElementById("sendocki-phone-source").textContent, "Number remembered for this chat");
});

test("Escape and the close button remove the overlay", () => {
  const { doc, dialog, closed } = open(SAVED);
  const win = doc.defaultView;
  labelled(dialog, "Name").dispatchEvent(new win.KeyboardEvent("keydown", { key: "Escape", bubbles: true }));
  assert.equal(doc.querySelector(TAG), null);
  assert.equal(closed.length, 1);

  const second = open(SAVED);
  second.dialog.shadow.querySelector(".actions [data-action=close]").click();
  assert.equal(second.doc.querySelector(TAG), null);
});

test("Arabic lays the dialog out right to left with Arabic labels; French labels", () => {
  const ar = open(SAVED, "ar").dialog;
  assert.equal(ar.shadow.querySelector('[role="dialog"]').getAttribute("dir"), "rtl");
  assert.ok(labelled(ar, "الاسم"));
  assert.ok(labelled(ar, "الهاتف"));
  const fr = open(SAVED, "fr").dialog;
  assert.equal(fr.shadow.querySelector('[role="dialog"]').getAttribute("dir"), "ltr");
  assert.equal(labelled(fr, "Téléphone").value, "+212600000001");
});

test("later sections plug into the same form", () => {
  const { dialog } = open(SAVED);
  const products = dialog.addSection("products", "Products");
  const search = dialog.addField(products, { id: "product-search", label: "Search products" });
  assert.equal(search.form, dialog.form);
  assert.deepEqual(Array.from(dialog.shadow.querySelectorAll("section")).map((s) => s.dataset.section), ["customer", "products"]);
});
