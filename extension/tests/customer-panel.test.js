"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { JSDOM } = require("jsdom");
const { createCustomerPanel, TAG } = require("../src/ui/customer-panel.js");
const { createPageGuard } = require("../src/ui/page-guard.js");
// jsdom cannot create trusted events: these tests accept synthetic ones (never the extension).
const SYNTHETIC = createPageGuard({ acceptSyntheticEvents: true });
const { createI18n } = require("../src/ui/i18n.js");
const { fakeChrome } = require("./helpers/fake-chrome.js");

const CARD = { id: "c_1", name: "Fatima Zahra Benali", phone: "+212661234567", stats: { orders: 2, total_spent: "439.00" } };
const ORDERS = [
  { number: "WA-000002", total: "69.00", stage: { name: "Confirmed", color: "blue" } },
  { number: "WA-000001", total: "370.00", stage: { name: "New", color: "green" } }];

function setup(locale = "en") {
  const win = new JSDOM("<!doctype html><body></body>", { url: "https://web.whatsapp.com/" }).window;
  const i18n = createI18n(fakeChrome({ locale }).i18n);
  return { win, panel: createCustomerPanel(win.document, { t: i18n.t, dir: i18n.dir() }) };
}

test("folded to one line, opened it lists the orders as given (newest first) with coloured stage badges", () => {
  const { win, panel } = setup();
  assert.equal(win.document.querySelector(TAG), null, "nothing mounted without a customer");
  panel.show({ card: CARD, orders: ORDERS, currency: "MAD" });
  assert.equal(win.document.querySelectorAll(TAG).length, 1);
  const toggle = panel.shadow.querySelector(".toggle");
  assert.match(toggle.textContent, /Fatima Zahra Benali.*Orders: 2/);
  assert.equal(panel.shadow.querySelectorAll("li").length, 0);
  toggle.click();
  const rows = Array.from(panel.shadow.querySelectorAll("li"));
  assert.deepEqual(rows.map((r) => r.querySelector(".num").textContent), ["WA-000002", "WA-000001"]);
  assert.deepEqual(rows.map((r) => r.querySelector(".stage").dataset.color), ["blue", "green"]);
  assert.equal(rows[0].querySelector(".stage").style.background, "rgb(83, 189, 235)");
  assert.equal(panel.shadow.querySelector(".total-spent").textContent, "439.00\u00a0DH");
  panel.clear();
  assert.equal(win.document.querySelector(TAG), null);
});

test("a notice mounts the panel on its own and goes away", async () => {
  const { win, panel } = setup("fr");
  panel.announce("Commande WA-000003 créée", win);
  assert.equal(panel.shadow.querySelector('[role="status"]').textContent, "Commande WA-000003 créée");
  assert.ok(panel.host.isConnected);
  assert.equal(panel.shadow.querySelector(".box").getAttribute("dir"), "ltr");
  const ar = setup("ar").panel;
  assert.equal(ar.shadow.querySelector(".box").getAttribute("dir"), "rtl");
  win.close(); // its 8 s timer would keep the test process alive
});

test("Show more appends the next page through loadMore until there is none; a stale page is dropped", async () => {
  const win = new JSDOM("<!doctype html><body></body>", { url: "https://web.whatsapp.com/" }).window;
  const i18n = createI18n(fakeChrome({ locale: "en" }).i18n);
  const asked = [];
  const pages = { "20": { orders: [{ number: "WA-000000", total: "1.00", stage: null }], next: null } };
  let hold = null;
  const loadMore = (card, cursor) => {
    asked.push([card.id, cursor]);
    if (hold) return new Promise((resolve) => { hold = () => resolve(pages[cursor]); });
    return Promise.resolve(pages[cursor]);
  };
  const panel = createCustomerPanel(win.document, { t: i18n.t, dir: i18n.dir(), loadMore });
  panel.show({ card: CARD, orders: ORDERS, next: "20", currency: "MAD" });
  panel.expand();
  const numbers = () => Array.from(panel.shadow.querySelectorAll("li .num")).map((n) => n.textContent);
  const more = () => panel.shadow.querySelector("button.more");
  assert.equal(more().textContent, "Show more");
  more().click();
  await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual(asked, [["c_1", "20"]]);
  assert.deepEqual(numbers(), ["WA-000002", "WA-000001", "WA-000000"]);
  assert.equal(more(), null, "no next page: no button");

  // The seller switches chats while a page loads: the old customer's page must not be appended.
  hold = true;
  panel.show({ card: CARD, orders: ORDERS, next: "20", currency: "MAD" });
  more().click();
  assert.equal(more().disabled, true, "one request at a time");
  const release = hold;
  panel.show({ card: Object.assign({}, CARD, { id: "c_2" }), orders: [ORDERS[0]], next: null, currency: "MAD" });
  release();
  await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual(numbers(), ["WA-000002"]);
  assert.equal(more(), null);

  // Without a next cursor, or without loadMore, no button at all.
  const plain = setup().panel;
  plain.show({ card: CARD, orders: ORDERS, next: "20", currency: "MAD" });
  plain.expand();
  assert.equal(plain.shadow.querySelector("button.more"), null);
});

test("a badge opens the stage menu; choosing a stage calls onMove; a refused move shows under the order", () => {
  const win = new JSDOM("<!doctype html><body></body>", { url: "https://web.whatsapp.com/" }).window;
  const i18n = createI18n(fakeChrome({ locale: "en" }).i18n);
  const moves = [];
  const panel = createCustomerPanel(win.document, { t: i18n.t, dir: i18n.dir(), onMove: (order, stage) => moves.push([order.id, stage.id]), guard: SYNTHETIC });
  const stages = [
    { id: "s_new", name: "New", color: "green", active: true },
    { id: "s_ok", name: "Confirmed", color: "blue", active: true },
    { id: "s_old", name: "Old", color: "gray", active: false }];
  const orders = [
    { id: "o_2", number: "WA-000002", total: "69.00", stage: { id: "s_ok", name: "Confirmed", color: "blue" },
      stage_issue: { code: "stage_conflict", message: "Sendocki had moved this order to Shipped meanwhile" } },
    { id: "o_1", number: "WA-000001", total: "370.00", stage: { id: "s_new", name: "New", color: "green" } }];
  panel.show({ card: CARD, orders, stages, currency: "MAD" });
  panel.expand();
  assert.match(panel.shadow.querySelector('li[data-order="o_2"] .issue').textContent, /moved this order to Shipped/);
  const badge = panel.shadow.querySelector('li[data-order="o_1"] button.stage');
  assert.equal(badge.getAttribute("aria-haspopup"), "menu");
  badge.click();
  const items = Array.from(panel.shadow.querySelectorAll('li[data-order="o_1"] [role="menuitemradio"]'));
  assert.deepEqual(items.map((b) => [b.dataset.stage, b.getAttribute("aria-checked")]), [["s_new", "true"], ["s_ok", "false"]], "active stages only, the current one checked");
  items[1].click();
  assert.deepEqual(moves, [["o_1", "s_ok"]]);
  assert.equal(panel.shadow.querySelector(".menu"), null, "the menu closes on a choice");
});

test("history rows: date, short item summary, total and stage; the number in national form, once", () => {
  const rows = [{ number: "WA-000007", total: "439.00", created_at: "2020-03-12T10:00:00Z", stage: { name: "Nouvelle", color: "green" },
    lines: [{ name: "Sac cuir", quantity: 2 }, { name: "Emballage", quantity: 1 }] }];
  const card = Object.assign({}, CARD, { phone_national: "06 61 23 45 67" });
  for (const [locale, date, items, total, count] of [
    ["en", "Mar 12, 2020", "2× Sac cuir +1 more", "439.00\u00a0DH", "Orders: 2"],
    ["fr", "12 mars 2020", "2× Sac cuir +1 autres", "439,00\u00a0DH", "Commandes\u00a0: 2"]]) {
    const win = new JSDOM("<!doctype html><body></body>", { url: "https://web.whatsapp.com/" }).window;
    const chrome = fakeChrome({ locale });
    const i18n = createI18n(chrome.i18n, { lang: locale, table: require("./helpers/fake-chrome.js").loadMessages(locale) });
    const panel = createCustomerPanel(win.document, { t: i18n.t, dir: i18n.dir(), lang: locale });
    panel.show({ card, orders: rows, currency: "MAD" });
    assert.equal(panel.shadow.querySelector(".count").textContent, count);
    panel.expand();
    const row = panel.shadow.querySelector("li");
    assert.equal(row.querySelector(".date").textContent, date);
    assert.equal(row.querySelector(".items").textContent, items);
    assert.equal(row.querySelector(".sum").textContent, total);
    assert.equal(row.querySelector(".stage").textContent, "Nouvelle");
    assert.equal(panel.shadow.querySelector(".phone").textContent, "06 61 23 45 67");
    assert.equal(panel.shadow.querySelectorAll(".orders-count").length, 1, "the count is said once");
  }
  // Arabic: the number is a left-to-right island inside the right-to-left panel.
  const win = new JSDOM("<!doctype html><body></body>", { url: "https://web.whatsapp.com/" }).window;
  const i18n = createI18n(fakeChrome({ locale: "ar" }).i18n);
  const panel = createCustomerPanel(win.document, { t: i18n.t, dir: i18n.dir(), lang: "ar" });
  panel.show({ card: Object.assign({}, CARD, { phone_national: "06 61 23 45 67" }), orders: rows, currency: "MAD" });
  panel.expand();
  assert.equal(panel.shadow.querySelector(".phone").textContent, "\u206606 61 23 45 67\u2069");
  assert.equal(panel.shadow.querySelector(".sum").textContent, "\u2068439,00\u00a0درهم\u2069");
});
