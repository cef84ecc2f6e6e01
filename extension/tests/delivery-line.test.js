"use strict";
// The delivery line and product thumbnails in the dialog (jsdom; the worker's answers scripted).
const test = require("node:test");
const assert = require("node:assert/strict");
const { JSDOM } = require("jsdom");
const { createOrderForm } = require("../src/ui/order-form.js");
const { createPageGuard } = require("../src/ui/page-guard.js");
// jsdom cannot create trusted events: these tests accept synthetic ones (never the extension).
const SYNTHETIC = createPageGuard({ acceptSyntheticEvents: true });
const { createI18n } = require("../src/ui/i18n.js");
const { fakeChrome } = require("./helpers/fake-chrome.js");
const { QUOTE_DEBOUNCE_MS } = require("../src/ui/delivery-line.js");
const { ASK_AFTER_MS } = require("../src/ui/thumbnail.js");

const SAC = { product_id: "p_1", name: "Sac cuir", sku: "SAC-CUIR", price: "189.00", thumbnail: true, variants: [
  { id: "v_noir", sku: "SAC-CUIR-NOIR", attributes: {}, price: "189.00", available: 5 }] };
const BOL = { product_id: "p_2", name: "Bol", sku: "BOL", price: "45.00", thumbnail: false, variants: [] };
const WEBP = "data:image/webp;base64,UklGRg==";
const QUOTES = {
  casa: { city_key: "casablanca", city: "Casablanca", fee: "20.00", due: "20.00", free_above: "300.00", rule: "city" },
  tiznit: { city_key: "~tiznit", city: "Tiznit", fee: "35.00", due: "35.00", free_above: "300.00", rule: "default" },
  nowhere: { city_key: null, city: null, fee: null, due: null, free_above: null, rule: null },
};

function setup() {
  const dom = new JSDOM("<!doctype html><body></body>", { url: "https://web.whatsapp.com/", pretendToBeVisual: true });
  const win = dom.window;
  const sent = [];
  const send = async (message) => {
    sent.push(message);
    if (message.type === "delivery-quote") {
      const city = message.city.toLowerCase();
      const data = city.startsWith("casa") || city === "الدار البيضاء" ? QUOTES.casa : city === "tiznit" ? QUOTES.tiznit : QUOTES.nowhere;
      return { ok: true, data };
    }
    if (message.type === "search") return { ok: true, data: { results: [SAC, BOL] } };
    if (message.type === "thumbnail") return message.productId === "p_1" ? { ok: true, data: { src: WEBP } } : { ok: false, state: "refused", status: 404 };
    return { ok: false, state: "offline" };
  };
  const form = createOrderForm({
    doc: win.document, win, i18n: createI18n(fakeChrome({ locale: "en" }).i18n), send, workspace: null,
    chat: { chatKey: "212661234567@c.us", displayName: "Fatima", phone: "+212661234567", phoneSource: "dom-data-id" },
    guard: SYNTHETIC,
  });
  const $ = (sel) => form.dialog.shadow.querySelector(sel);
  const $$ = (sel) => Array.from(form.dialog.shadow.querySelectorAll(sel));
  const type = (input, value) => { input.value = value; input.dispatchEvent(new win.Event("input", { bubbles: true })); };
  return { win, form, sent, $, $$, type };
}

const tick = (ms = 0) => new Promise((r) => setTimeout(r, ms));

async function typeCity(env, city) {
  env.type(env.form.dialog.fields.city, city);
  await tick(QUOTE_DEBOUNCE_MS + 20);
}

test("choosing Casablanca (any spelling) adds its fee line and the total includes it", async () => {
  const env = setup();
  env.form.products.addLine({ product: SAC });
  await typeCity(env, "casa");
  const line = env.$('.line[data-kind="delivery"]');
  assert.ok(line, "a delivery line");
  assert.equal(line.querySelector(".name").textContent, "Delivery · Casablanca");
  assert.equal(line.querySelector(".line-total").textContent, "20.00\u00a0DH");
  assert.equal(env.form.products.total.value, "209.00");
  const quote = env.sent.find((m) => m.type === "delivery-quote");
  assert.deepEqual([quote.city, quote.productsTotal], ["casa", "189.00"]);
  // Untouched, the helper prices it; the line comes last.
  assert.deepEqual(env.form.body().lines.map((l) => l.kind), ["catalog", "delivery"]);
  assert.deepEqual(env.form.body().lines[1], { kind: "delivery", quantity: 1 });
  // A product added later goes above the delivery line.
  env.form.products.addLine({ product: BOL });
  assert.deepEqual(env.form.products.lines.map((l) => l.kind || "catalog"), ["catalog", "catalog", "delivery"]);
  assert.equal(env.$$(".line").pop().dataset.kind, "delivery");
  assert.equal(env.form.products.total.value, "254.00");
});

test("the agent changes the fee, removes the line (it stays removed for that city), another city brings it back", async () => {
  const env = setup();
  env.form.products.addLine({ product: SAC });
  await typeCity(env, "Casablanca");
  const fee = env.form.delivery.line.fee;
  env.type(fee, "10");
  assert.equal(env.form.products.total.value, "199.00");
  assert.deepEqual(env.form.body().lines[1], { kind: "delivery", quantity: 1, unit_price: "10.00" });
  env.$('.line[data-kind="delivery"] .remove').click();
  assert.equal(env.$('.line[data-kind="delivery"]'), null);
  assert.equal(env.form.products.total.value, "189.00");
  await typeCity(env, "Casablanca ");
  await typeCity(env, "الدار البيضاء");
  assert.equal(env.$('.line[data-kind="delivery"]'), null, "removed for Casablanca in any spelling");
  await typeCity(env, "Tiznit");
  assert.equal(env.$('.line[data-kind="delivery"] .line-total').textContent, "35.00\u00a0DH");
  await typeCity(env, "Atlantis");
  assert.equal(env.$('.line[data-kind="delivery"]'), null, "no fee for that city: no line");
});

test("free above the amount follows the products' total live", async () => {
  const env = setup();
  const line = env.form.products.addLine({ product: SAC });
  await typeCity(env, "casa");
  const hint = () => env.$(".delivery-fee .hint").textContent;
  assert.equal(hint(), "Free from 300.00\u00a0DH of products");
  env.type(line.qty, "2");
  assert.equal(env.form.delivery.line.fee.value, "0.00");
  assert.equal(hint(), "Free delivery: the products reach the amount");
  assert.equal(env.form.products.total.value, "378.00");
  env.type(line.qty, "1");
  assert.equal(env.form.products.total.value, "209.00");
});

test("search results show a placeholder at once and the photo when the worker brings it", async () => {
  const env = setup();
  env.type(env.form.products.search, "sac");
  await tick(80);
  const thumbs = env.$$(".results .thumb");
  assert.equal(thumbs.length, 2);
  assert.equal(thumbs[0].dataset.state, "placeholder");
  await tick(ASK_AFTER_MS + 20);
  assert.equal(thumbs[0].dataset.state, "photo");
  assert.equal(thumbs[0].querySelector("img").getAttribute("src"), WEBP);
  assert.equal(thumbs[1].dataset.state, "placeholder");
  assert.ok(thumbs[1].querySelector("svg"));
  // Only the product with a photo is asked for, once, by id (never a URL).
  assert.deepEqual(env.sent.filter((m) => m.type === "thumbnail"), [{ type: "thumbnail", productId: "p_1" }]);
  env.$(".results button").click();
  await tick(10);
  const lineThumb = env.$('.line .line-head .thumb');
  assert.equal(lineThumb.dataset.state, "photo");
  assert.equal(env.sent.filter((m) => m.type === "thumbnail").length, 1, "the line reuses the photo");
});

test("results the agent types past never ask for their photos", async () => {
  const env = setup();
  env.type(env.form.products.search, "sa");
  await tick(60); // shown, then replaced by the next keystroke's results before the photo is asked
  env.type(env.form.products.search, "");
  await tick(ASK_AFTER_MS + 40);
  assert.deepEqual(env.sent.filter((m) => m.type === "thumbnail"), []);
});
