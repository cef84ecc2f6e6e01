"use strict";
// What a script in the page can do with our UI when it holds a reference to it (it cannot get one:
// the roots are closed; this is the second wall). Everything here runs with the guard the content
// script uses (no option): jsdom's events are synthetic, like a page script's, and are refused.
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const { JSDOM } = require("jsdom");
const { createPageGuard, PRODUCTION } = require("../src/ui/page-guard.js");
const { createCartHost } = require("../src/ui/cart-button.js");
const { createCustomerPanel } = require("../src/ui/customer-panel.js");
const { createTakeFromChat } = require("../src/ui/take-from-chat.js");
const { createOrderForm } = require("../src/ui/order-form.js");
const { installShortcut } = require("../src/app/shortcut.js");
const { createI18n } = require("../src/ui/i18n.js");
const { fakeChrome } = require("./helpers/fake-chrome.js");

const SYNTHETIC = createPageGuard({ acceptSyntheticEvents: true });
const CHAT = { chatKey: "212661234567@c.us", displayName: "Fatima", phone: "+212661234567", phoneSource: "dom-data-id" };
const WORKSPACE = { currency: "MAD", default_stage_id: "s_1", payment_methods: ["cash_on_delivery"], payment_statuses: ["pending"],
  agents: [], teams: [], stages: [{ id: "s_1", name: "New", active: true }] };
const tick = (ms = 0) => new Promise((r) => setTimeout(r, ms));

function page() {
  return new JSDOM("<!doctype html><body></body>", { url: "https://web.whatsapp.com/", pretendToBeVisual: true }).window;
}
const i18n = createI18n(fakeChrome({ locale: "en" }).i18n);

test("every host we mount has a closed root; the module keeps its own reference", () => {
  const win = page();
  const doc = win.document;
  const cart = createCartHost(doc, { label: "Create an order", instanceId: "x", onClick: () => {} });
  const panel = createCustomerPanel(doc, { t: i18n.t, dir: "ltr" });
  const take = createTakeFromChat({ doc, win, t: i18n.t, dir: "ltr", theme: () => "light", enabled: () => false, onTake: () => {} });
  const form = createOrderForm({ doc, win, i18n, chat: CHAT, send: async () => ({ ok: false, state: "offline" }), workspace: null });
  for (const ours of [cart, panel, take, form.dialog]) {
    assert.equal(ours.host.shadowRoot, null, ours.host.localName + ": the page sees no root");
    assert.ok(ours.shadow.querySelector("*"), ours.host.localName + ": our code still reaches inside");
  }
  // The developer flag opens them (browser tests only).
  const open = createCartHost(doc, { label: "x", instanceId: "y", onClick: () => {}, guard: createPageGuard({ openShadowRoots: true }) });
  assert.equal(open.host.shadowRoot, open.shadow);
});

test("a synthetic click on the cart does not open the dialog; the option for tests lets it", () => {
  const doc = page().document;
  const opened = [];
  const cart = createCartHost(doc, { label: "Create an order", instanceId: "x", onClick: () => opened.push("production") });
  doc.body.appendChild(cart.host);
  cart.button.click();
  cart.button.dispatchEvent(new doc.defaultView.MouseEvent("click", { bubbles: true, composed: true }));
  cart.host.click();
  assert.deepEqual(opened, []);
  const testing = createCartHost(doc, { label: "x", instanceId: "y", onClick: () => opened.push("test"), guard: SYNTHETIC });
  testing.button.click();
  assert.deepEqual(opened, ["test"]);
});

test("a synthetic Alt+Shift+O does not open the dialog and is left to the page", () => {
  const win = page();
  const opened = [];
  const remove = installShortcut(win, () => opened.push("open"));
  const event = new win.KeyboardEvent("keydown", { key: "O", code: "KeyO", altKey: true, shiftKey: true, bubbles: true, cancelable: true });
  win.document.body.dispatchEvent(event);
  assert.deepEqual(opened, []);
  assert.equal(event.defaultPrevented, false);
  remove();
  installShortcut(win, () => opened.push("test"), SYNTHETIC);
  win.document.body.dispatchEvent(new win.KeyboardEvent("keydown", { key: "O", code: "KeyO", altKey: true, shiftKey: true, bubbles: true }));
  assert.deepEqual(opened, ["test"]);
});

// A form ready to create (a free line added by our own code), so only the guard stands between a
// script and a created order.
function readyForm(guard) {
  const win = page();
  const sent = [];
  const send = async (message) => {
    sent.push(message);
    if (message.type === "create-order") return { ok: true, data: { number: "WA-1" } };
    if (message.type === "workspace") return { ok: true, data: WORKSPACE };
    if (message.type === "resolve") return { ok: true, data: { customers: [] } };
    return { ok: false, state: "offline" };
  };
  const form = createOrderForm({ doc: win.document, win, i18n, chat: CHAT, send, workspace: null, guard });
  const line = form.products.addLine({ free: true });
  const [name, price] = line.el.querySelectorAll("input");
  name.value = "Emballage";
  price.value = "15";
  form.products.recompute();
  return { win, form, sent, creates: () => sent.filter((m) => m.type === "create-order").length };
}

test("requestSubmit, a script's click on Create and a synthetic Enter create nothing", async () => {
  const { win, form, creates } = readyForm(undefined);
  assert.equal(form.dialog.guard, PRODUCTION);
  await form.load();
  const dialog = form.dialog;
  const seen = [];
  dialog.form.addEventListener("submit", (event) => seen.push(event.isTrusted));
  dialog.form.requestSubmit();
  dialog.form.requestSubmit(dialog.submitButton);
  dialog.submitButton.click();
  dialog.form.dispatchEvent(new win.Event("submit", { bubbles: true, cancelable: true }));
  dialog.fields.name.dispatchEvent(new win.KeyboardEvent("keydown", { key: "Enter", bubbles: true, composed: true }));
  dialog.form.requestSubmit();
  await tick(5);
  assert.equal(seen.length, 5, "each attempt reached the form as a submit event");
  // The browser marks its own submit events trusted even when a script asked for them.
  assert.ok(seen.includes(true), "a trusted submit event alone is not the seller's consent");
  assert.equal(creates(), 0);
  assert.equal(dialog.shadow.querySelectorAll(".field-error").length, 0, "the submission never ran");
  assert.equal(form.created, null);
});

test("control: with the tests' option the same click creates the order", async () => {
  const { form, creates } = readyForm(SYNTHETIC);
  await form.load();
  form.dialog.submitButton.click();
  await tick(5);
  assert.equal(creates(), 1);
});

test("a script cannot add a line: + Add a free product, a search result, Enter in the search", async () => {
  const win = page();
  const send = async (m) => (m.type === "search"
    ? { ok: true, data: { results: [{ id: "p_1", name: "Sac cuir", sku: "SAC", price: "189.00", variants: [] }] } }
    : { ok: false, state: "offline" });
  const form = createOrderForm({ doc: win.document, win, i18n, chat: CHAT, send, workspace: null });
  const shadow = form.dialog.shadow;
  shadow.querySelector(".link").click();
  assert.equal(form.products.lines.length, 0);
  form.products.searchFor("sac");
  await tick(80);
  const result = shadow.querySelector(".results button");
  assert.ok(result, "the results are shown");
  result.click();
  form.products.search.dispatchEvent(new win.KeyboardEvent("keydown", { key: "Enter", bubbles: true, cancelable: true }));
  assert.equal(form.products.lines.length, 0);
});

test("a script cannot move an order from the panel's stage menu", () => {
  const doc = page().document;
  const moves = [];
  const panel = createCustomerPanel(doc, { t: i18n.t, dir: "ltr", onMove: (order, stage) => moves.push([order.id, stage.id]) });
  const stages = [{ id: "s_new", name: "New", color: "green" }, { id: "s_ok", name: "Confirmed", color: "blue" }];
  panel.show({ card: { id: "c_1", name: "Fatima", phone: "+212661234567", stats: { orders: 1, total_spent: "10.00" } },
    orders: [{ id: "o_1", number: "WA-1", total: "10.00", stage: stages[0] }], stages, currency: "MAD" });
  panel.expand();
  panel.shadow.querySelector("button.stage").click(); // opening the menu changes nothing
  const choice = panel.shadow.querySelector('[role="menuitemradio"][data-stage="s_ok"]');
  assert.ok(choice);
  choice.click();
  assert.deepEqual(moves, []);
});

test("only the tests pass acceptSyntheticEvents; the content script entry never does", () => {
  const src = path.join(__dirname, "..", "src");
  const files = fs.readdirSync(src, { recursive: true }).filter((f) => f.endsWith(".js"));
  const naming = files.filter((f) => fs.readFileSync(path.join(src, f), "utf8").includes("acceptSyntheticEvents"));
  assert.deepEqual(naming.map((f) => f.split(path.sep).join("/")), ["ui/page-guard.js"]);
  const main = fs.readFileSync(path.join(src, "app", "main.js"), "utf8");
  assert.match(main, /createPageGuard\(\{ openShadowRoots \}\)/);
});
