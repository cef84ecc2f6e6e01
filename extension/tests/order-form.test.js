"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { JSDOM } = require("jsdom");
const { createOrderForm } = require("../src/ui/order-form.js");
const { createPageGuard } = require("../src/ui/page-guard.js");
// jsdom cannot create trusted events: these tests accept synthetic ones (never the extension).
const SYNTHETIC = createPageGuard({ acceptSyntheticEvents: true });
const { createI18n } = require("../src/ui/i18n.js");
const { fakeChrome } = require("./helpers/fake-chrome.js");

const WORKSPACE = {
  currency: "MAD", default_stage_id: "s_1", payment_methods: ["cash_on_delivery", "online_payment", "other"],
  payment_statuses: ["pending", "paid"], agents: [{ id: "ag_1", name: "Salma" }], teams: [{ id: "tm_1", name: "Casa" }],
  stages: [{ id: "s_1", name: "New", active: true }, { id: "s_2", name: "Confirmed", active: true }, { id: "s_3", name: "Old", active: false }],
};
const SAC = { product_id: "p_1", name: "Sac cuir", sku: "SAC-CUIR", price: "189.00", variants: [
  { id: "v_noir", sku: "SAC-CUIR-NOIR", attributes: { couleur: "Noir" }, price: "189.00", available: 1 },
  { id: "v_marron", sku: "SAC-CUIR-MARRON", attributes: { couleur: "Marron" }, price: "189.00", available: 7 },
  { id: "v_rouge", sku: "SAC-CUIR-ROUGE", attributes: { couleur: "Rouge" }, price: "199.00", available: 0 }] };
const FATIMA = { id: "c_9", name: "Fatima Zahra Benali", phone: "+212661234567", email: null, stats: { orders: 0, total_spent: "0.00" },
  addresses: [{ id: "a_1", line: "12 Rue Atlas", city: "Casablanca" }, { id: "a_2", line: "45 Av Mohammed V", city: "Marrakech" }] };

function setup({ chat, answers = {}, locale = "en", guard = SYNTHETIC } = {}) {
  const dom = new JSDOM("<!doctype html><body><div id=app></div></body>", { url: "https://web.whatsapp.com/", pretendToBeVisual: true });
  const win = dom.window;
  const sent = [];
  const send = async (message) => {
    sent.push(message);
    const answer = answers[message.type];
    return typeof answer === "function" ? answer(message) : answer || { ok: false, state: "offline" };
  };
  const created = [];
  const form = createOrderForm({
    doc: win.document, win, i18n: createI18n(fakeChrome({ locale }).i18n), send, workspace: null,
    chat: chat || { chatKey: "212661234567@c.us", displayName: "Fatima", phone: "+212661234567", phoneSource: "dom-data-id" },
    onCreated: (order) => created.push(order), guard,
  });
  const $ = (sel) => form.dialog.shadow.querySelector(sel);
  const byLabel = (text) => {
    const label = Array.from(form.dialog.shadow.querySelectorAll("label")).find((l) => l.textContent === text);
    return label ? form.dialog.shadow.getElementById(label.getAttribute("for")) : null;
  };
  const type = (input, value) => { input.value = value; input.dispatchEvent(new win.Event("input", { bubbles: true })); };
  return { win, form, sent, created, $, byLabel, type };
}

const tick = (ms = 0) => new Promise((r) => setTimeout(r, ms));

test("in Arabic the difference's sign is kept with its amount (isolated left to right)", async () => {
  const { form, $, type } = setup({ locale: "ar", answers: { workspace: { ok: true, data: WORKSPACE } } });
  await form.load();
  form.dialog.shadow.querySelector(".link").click();
  const [name, price] = form.dialog.shadow.querySelectorAll('.line[data-kind="free"] input');
  type(name, "Emballage cadeau");
  type(price, "50");
  type(form.dialog.shadow.querySelector(".amount-box input"), "40");
  assert.equal($(".diff").textContent, "\u2066−\u2069\u206810,00\u00a0درهم\u2069");
});

test("an existing card fills the customer, its addresses become a chooser; details come from the workspace", async () => {
  const { form, $, byLabel, sent } = setup({ answers: {
    workspace: { ok: true, data: WORKSPACE },
    resolve: { ok: true, data: { status: "existing", customers: [FATIMA] } } } });
  await form.load();
  // The saved address filled City: its delivery fee is asked for.
  assert.deepEqual(sent.map((m) => m.type), ["workspace", "resolve", "delivery-quote"]);
  assert.equal(sent[2].city, "Casablanca");
  assert.equal(sent[1].conversation, "212661234567@c.us");
  assert.equal($(".badge").textContent, "Existing customer");
  assert.equal(byLabel("Name").value, "Fatima Zahra Benali");
  assert.equal(byLabel("City").value, "Casablanca");
  assert.equal(byLabel("Saved addresses").options.length, 3);
  assert.deepEqual(Array.from(byLabel("Starting stage").options).map((o) => o.textContent), ["New", "Confirmed"]);
  assert.equal(byLabel("Starting stage").value, "s_1");
  assert.equal(byLabel("Payment method").options[0].textContent, "Cash on delivery");
  const customer = form.body().customer;
  assert.equal(customer.id, "c_9");
  assert.equal(customer.address_id, "a_1");
  assert.equal(customer.address, null);
});

test("typing over a saved address makes it a new one; duplicates show a card picker", async () => {
  const other = Object.assign({}, FATIMA, { id: "c_10", name: "Fatima B. (boutique)", addresses: [] });
  const { form, $, byLabel, type, win } = setup({ answers: {
    workspace: { ok: true, data: WORKSPACE },
    resolve: { ok: true, data: { status: "duplicates", customers: [FATIMA, other] } } } });
  await form.load();
  const radios = form.dialog.shadow.querySelectorAll('.cards input[type="radio"]');
  assert.equal(radios.length, 2);
  type(byLabel("Delivery address"), "7 Rue Neuve");
  let customer = form.body().customer;
  assert.deepEqual([customer.address_id, customer.address], [null, { line: "7 Rue Neuve", city: "Casablanca" }]);
  radios[1].checked = true;
  radios[1].dispatchEvent(new win.Event("change"));
  customer = form.body().customer;
  assert.equal(customer.id, "c_10");
  assert.equal(byLabel("Name").value, "Fatima B. (boutique)");
  assert.equal($(".badge").textContent, "Existing customer");
});

test("search, a variant picked by attribute, stepper, stock warning, a free line and a discount", async () => {
  const { form, $, byLabel, type, sent } = setup({ answers: {
    search: { ok: true, data: { results: [SAC] } } } });
  type(byLabel("Search by name or reference"), "sac");
  await tick(80);
  assert.deepEqual(sent.filter((m) => m.type === "search").map((m) => m.q), ["sac"]);
  const option = $('.results [role="option"]');
  assert.match(option.textContent, /Sac cuir SAC-CUIR/);
  option.click();
  const colour = byLabel("Couleur");
  assert.equal(colour.value, "Noir", "first variant in stock");
  const line = form.products.lines[0];
  line.el.querySelector('[aria-label="More"]').click();
  assert.match(line.el.querySelector(".stock").textContent, /Only 1 in stock/);
  colour.value = "Marron";
  colour.dispatchEvent(new colour.ownerDocument.defaultView.Event("change"));
  assert.equal(line.el.querySelector(".stock").textContent, "7 in stock");
  form.dialog.shadow.querySelector(".link").click();
  type(byLabel("Product name"), "Emballage cadeau");
  type(byLabel("Price"), "15,5");
  assert.equal($(".catalog-total").textContent, "393.50\u00a0DH");
  assert.equal($(".amount-box .currency").textContent, "DH", "the Total field says its currency");
  assert.equal(byLabel("Total").value, "393.50");
  type(byLabel("Total"), "370");
  assert.equal($(".diff").textContent, "−23.50\u00a0DH");
  const body = form.body();
  assert.deepEqual(body.lines, [
    { kind: "catalog", quantity: 2, variant_id: "v_marron" },
    { kind: "free", name: "Emballage cadeau", unit_price: "15.50", quantity: 1 }]);
  assert.equal(body.total, "370.00");
});

test("typing fast sends one search after the last keystroke; a stale answer is dropped", async () => {
  let release;
  const { byLabel, type, sent, $ } = setup({ answers: { search: (m) => (m.q === "sa"
    ? new Promise((r) => { release = () => r({ ok: true, data: { results: [SAC] } }); })
    : { ok: true, data: { results: [] } }) } });
  const search = byLabel("Search by name or reference");
  type(search, "s");
  type(search, "sa");
  await tick(60);
  type(search, "sax");
  await tick(60);
  release();
  await tick(10);
  assert.deepEqual(sent.filter((m) => m.type === "search").map((m) => m.q), ["sa", "sax"]);
  assert.equal($(".results").textContent, "No product found");
});

test("local checks, then the helper's field errors beside their fields; one draft id for every retry", async () => {
  let attempts = 0;
  const { form, $, byLabel, type, sent } = setup({
    chat: { chatKey: "1@lid", displayName: "Yasmine", phone: "", phoneSource: "none" },
    answers: {
      workspace: { ok: true, data: WORKSPACE },
      resolve: { ok: true, data: { status: "unknown", customers: [] } },
      "create-order": () => {
        attempts += 1;
        if (attempts === 1) return { ok: false, state: "offline" };
        if (attempts === 2) return { ok: false, state: "refused", status: 422, problem: { code: "validation_error", title: "Invalid order",
          errors: [{ field: "lines[0].quantity", code: "quantity_range", params: { min: 1, max: 9999 }, message: "must be an integer from 1 to 9999" },
            { field: "customer.address.city", code: "too_short", params: { min_length: 1 }, message: "String should have at least 1 character" },
            { field: "foo", code: "brand_new_code", params: {}, message: "odd" }] } };
        return { ok: true, data: { number: "WA-000001" } };
      } } });
  await form.load();
  await form.submit();
  assert.match(form.dialog.shadow.textContent, /Enter the customer's phone number\./);
  assert.match(form.dialog.shadow.textContent, /Add at least one product\./);
  assert.equal(sent.filter((m) => m.type === "create-order").length, 0);
  type(byLabel("Phone"), "0655443322");
  form.dialog.shadow.querySelector(".link").click();
  type(byLabel("Product name"), "Cadeau");
  type(byLabel("Price"), "10");
  await form.submit();
  assert.match($(".banner").textContent, /not running/);
  await form.submit();
  assert.equal($(".line .field-error").textContent, "Enter a quantity from 1 to 9999.");
  assert.equal(byLabel("City").nextElementSibling.textContent, "Too short.");
  assert.equal(byLabel("City").getAttribute("aria-invalid"), "true");
  // A code this version does not know: a readable sentence, not the helper's English.
  assert.equal($(".banner").textContent, "The order could not be created: Check this field.");
  await form.submit();
  const drafts = new Set(sent.filter((m) => m.type === "create-order").map((m) => m.draftId));
  assert.equal(drafts.size, 1);
  assert.equal(form.created.number, "WA-000001");
  assert.equal(form.dialog.submitButton.disabled, true);
});

test("the button is disabled while sending: a second click sends nothing", async () => {
  let finish;
  const { form, byLabel, type, sent } = setup({ answers: {
    workspace: { ok: true, data: WORKSPACE }, resolve: { ok: true, data: { customers: [] } },
    "create-order": () => new Promise((r) => { finish = () => r({ ok: true, data: { number: "WA-1" } }); }) } });
  await form.load();
  form.dialog.shadow.querySelector(".link").click();
  type(byLabel("Product name"), "X");
  type(byLabel("Price"), "1");
  form.dialog.submitButton.click();
  await tick(5);
  assert.equal(form.dialog.submitButton.disabled, true);
  assert.equal(form.dialog.submitButton.textContent, "Creating…");
  form.dialog.submitButton.click();
  await form.submit();
  finish();
  await tick(5);
  assert.equal(sent.filter((m) => m.type === "create-order").length, 1);
});

const PROBLEM = { code: "validation_error", title: "Invalid order", errors: [
  { field: "customer.name", code: "required_new_customer", params: {}, message: "is required for a new customer" },
  { field: "lines[0].quantity", code: "quantity_range", params: { min: 1, max: 9999 }, message: "must be an integer from 1 to 9999" },
  { field: "customer.phone", code: "code_from_a_newer_helper", params: {}, message: "some English" }] };

for (const [locale, expected] of [
  ["fr", ["Saisissez le nom de ce nouveau client.", "Saisissez une quantité de 1 à 9999.", "Vérifiez ce champ."]],
  ["ar", ["أدخل اسم هذا الزبون الجديد.", "أدخل كمية من 1 إلى 9999.", "تحقّق من هذه الخانة."]]]) {
  test(`the helper's field errors in ${locale}: translated from their codes, no English fragment`, async () => {
    const { form, $, type } = setup({ locale, answers: {
      workspace: { ok: true, data: WORKSPACE }, resolve: { ok: true, data: { status: "unknown", customers: [] } },
      "create-order": { ok: false, state: "refused", status: 422, problem: PROBLEM } } });
    await form.load();
    form.dialog.shadow.querySelector(".link").click();
    type(form.dialog.shadow.querySelector(".line input"), "Cadeau");
    type(form.dialog.shadow.querySelectorAll(".line input")[1], "10");
    await form.submit();
    const shown = Array.from(form.dialog.shadow.querySelectorAll(".field-error")).map((p) => p.textContent);
    assert.deepEqual(shown.sort(), expected.slice().sort());
    assert.doesNotMatch(form.dialog.shadow.querySelector("form").textContent, /required|must be|English/);
    assert.equal($(".banner").textContent, "");
  });
}

test("amounts as the seller writes them: 150.00 DH, 150,00 DH, Arabic isolated with درهم", () => {
  const F = require("../src/ui/format.js");
  assert.equal(F.money(15000, "MAD", "en"), "150.00\u00a0DH");
  assert.equal(F.money("1250.50", "MAD", "fr"), "1\u202f250,50\u00a0DH");
  assert.equal(F.money(15000, "MAD", "ar"), "\u2068150,00\u00a0درهم\u2069");
  assert.equal(F.money(15000, "EUR", "fr"), "150,00\u00a0EUR");
  assert.equal(F.ltr("+212600112233", "ar"), "\u2066+212600112233\u2069");
  assert.equal(F.ltr("+212600112233", "fr"), "+212600112233");
  const fr = setup({ locale: "fr" });
  fr.form.dialog.shadow.querySelector(".link").click();
  fr.type(fr.byLabel("Prix"), "150");
  assert.equal(fr.$(".catalog-total").textContent, "150,00\u00a0DH");
  assert.equal(fr.byLabel("Total").value, "150,00");
});

test("French and Arabic wording; Arabic right to left", () => {
  const fr = setup({ locale: "fr" });
  assert.ok(fr.byLabel("Adresse de livraison"));
  assert.equal(fr.form.dialog.submitButton.textContent, "Créer la commande");
  const ar = setup({ locale: "ar" });
  assert.equal(ar.$('[role="dialog"]').getAttribute("dir"), "rtl");
  assert.equal(ar.form.dialog.submitButton.textContent, "إنشاء الطلب");
});

test("the customer's open orders show with their creator; creating another one takes one explicit confirmation", async () => {
  const fiveMinutesAgo = new Date(Date.now() - 5 * 60000).toISOString().slice(0, 19) + "Z";
  const withOpen = Object.assign({}, FATIMA, { open_orders: [
    { id: "o_7", number: "WA-000123", total: "189.00", created_at: fiveMinutesAgo, origin: "sendocki",
      stage: { id: "s_1", name: "New", color: "green" }, created_by: { id: "ag_1", name: "Salma" } }] });
  const { form, byLabel, type, sent, $ } = setup({ answers: {
    workspace: { ok: true, data: WORKSPACE }, resolve: { ok: true, data: { status: "existing", customers: [withOpen] } },
    "create-order": { ok: true, data: { number: "WA-000124" } } } });
  await form.load();
  assert.equal($(".open-orders").hidden, false);
  assert.match($(".open-orders li").textContent, /^Open order WA-000123, 5 minutes ago, by Salma — New$/);
  form.dialog.shadow.querySelector(".link").click();
  type(byLabel("Product name"), "X");
  type(byLabel("Price"), "1");
  form.dialog.submitButton.click();
  await tick(5);
  assert.equal(sent.filter((m) => m.type === "create-order").length, 0, "the first click only asks");
  assert.equal(form.dialog.submitButton.textContent, "Create another order anyway");
  form.dialog.submitButton.click();
  await tick(5);
  assert.equal(sent.filter((m) => m.type === "create-order").length, 1, "the confirmation creates it");
});
