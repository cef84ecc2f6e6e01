"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { JSDOM } = require("jsdom");
const { createPipelinePage, chatLink, localMidnight } = require("../src/pipeline/pipeline-page.js");
const { createI18n } = require("../src/ui/i18n.js");
const { fakeChrome } = require("./helpers/fake-chrome.js");

const STAGES = [
  { id: "s_new", name: "New", color: "green", active: true, count: 2, total: "300.00" },
  { id: "s_ok", name: "Confirmed", color: "blue", active: true, count: 1, total: "40.00" }];

function order(id, number, stage, extra = {}) {
  return Object.assign({ id, number, created_at: "2026-11-30T09:15:00Z", total: "100.00", currency: "MAD",
    origin: "local", sync_state: "synced", stage, customer: { id: "c_" + id, name: "Amina " + id, phone: "+212611000001" },
    created_by: { id: "ag_1", name: "Salma" } }, extra);
}

function setup(locale = "en", answers = {}) {
  const win = new JSDOM("<!doctype html><html><body></body></html>", { url: "chrome-extension://x/pipeline.html" }).window;
  const i18n = createI18n(fakeChrome({ locale }).i18n);
  const sent = [];
  const opened = [];
  const timers = [];
  const send = async (message) => {
    sent.push(message);
    const answer = answers[message.type];
    return typeof answer === "function" ? answer(message) : answer;
  };
  const page = createPipelinePage(win.document, { t: i18n.t, dir: i18n.dir(), send, openUrl: (u) => opened.push(u),
    now: () => new Date("2026-11-30T15:00:00").getTime(), setTimer: (fn) => { timers.push(fn); return timers.length; }, clearTimer: () => {} });
  return { win, doc: win.document, page, sent, opened, timers };
}

test("stages with counts and totals, orders newest first, filters sent to the helper, paged by cursor", async () => {
  const pages = {
    undefined: { orders: [order("o_3", "WA-000003", STAGES[0]), order("o_2", "WA-000002", STAGES[1])], next: "2", stages: STAGES },
    2: { orders: [order("o_1", "WA-000001", STAGES[0])], next: null },
  };
  const { doc, page, sent, timers } = setup("en", { pipeline: (m) => ({ ok: true, data: pages[m.cursor] }) });
  await page.reload();
  const tabs = Array.from(doc.querySelectorAll(".tab"));
  assert.deepEqual(tabs.map((b) => [b.querySelector(".name").textContent, b.querySelector(".count").textContent]),
    [["All", "3"], ["New", "2"], ["Confirmed", "1"]]);
  assert.equal(tabs[1].querySelector(".sum").textContent, "300.00\u00a0DH"); // as the order form writes it
  assert.deepEqual(Array.from(doc.querySelectorAll("tbody .num")).map((n) => n.textContent), ["WA-000003", "WA-000002"]);
  assert.match(doc.querySelector("tbody tr .created").textContent, /by Salma/);
  doc.querySelector(".more").click();
  await new Promise((r) => setImmediate(r));
  assert.equal(doc.querySelectorAll("tbody tr").length, 3);
  assert.equal(doc.querySelector(".more").hidden, true);

  doc.querySelector(".filter.mine").click();
  doc.querySelector(".filter.today").click();
  tabs[2].click();
  const search = doc.querySelector("input.search");
  search.value = " 0611 ";
  search.dispatchEvent(new doc.defaultView.Event("input"));
  timers.pop()();
  await new Promise((r) => setImmediate(r));
  const last = sent[sent.length - 1];
  assert.deepEqual({ stage: last.stage, mine: last.mine, q: last.q, since: last.since, cursor: last.cursor },
    { stage: "s_ok", mine: true, q: "0611", since: localMidnight(new Date("2026-11-30T15:00:00").getTime()), cursor: undefined });
});

test("moving from the menu; a stage message makes 'open the chat' carry it in the click-to-chat link", async () => {
  let current = order("o_1", "WA-000001", STAGES[0]);
  const { doc, page, sent, opened } = setup("en", {
    pipeline: () => ({ ok: true, data: { orders: [current], next: null, stages: STAGES } }),
    "move-order": () => {
      current = order("o_1", "WA-000001", STAGES[1]);
      return { ok: true, data: Object.assign({}, current, { moved: true, stage_message: "Bonjour Amina, commande confirmée" }) };
    },
  });
  await page.reload();
  doc.querySelector("tbody .badge").click();
  const choices = Array.from(doc.querySelectorAll('.menu [role="menuitemradio"]'));
  assert.deepEqual(choices.map((c) => c.getAttribute("aria-checked")), ["true", "false"]);
  choices[1].click();
  await new Promise((r) => setImmediate(r));
  await new Promise((r) => setImmediate(r));
  const move = sent.find((m) => m.type === "move-order");
  assert.equal(move.stageId, "s_ok");
  assert.match(move.moveId, /^mv-/);
  assert.match(doc.querySelector(".status").textContent, /moved to Confirmed/);
  const open = doc.querySelector("tbody .open");
  assert.equal(open.textContent, "Open the chat with the message");
  open.click();
  assert.deepEqual(opened, ["https://web.whatsapp.com/send?phone=212611000001&text=Bonjour%20Amina%2C%20commande%20confirm%C3%A9e"]);
  assert.equal(sent.filter((m) => m.type === "move-order").length, 1, "nothing is sent on the seller's behalf");
});

test("a refused move shows under its order; Arabic lays the page out right to left", async () => {
  const refused = order("o_1", "WA-000001", STAGES[1], { stage_issue: { code: "stage_conflict", message: "Sendocki had moved this order meanwhile" } });
  const { doc, page } = setup("ar", { pipeline: () => ({ ok: true, data: { orders: [refused], next: null, stages: STAGES } }) });
  await page.reload();
  assert.equal(doc.documentElement.dir, "rtl");
  assert.equal(doc.querySelector("h1").textContent, "مسار الطلبات");
  assert.match(doc.querySelector("tbody .issue").textContent, /moved this order meanwhile/);
  assert.equal(chatLink("", "x"), null);
});

test("amounts as the order form writes them, in the page's language", async () => {
  for (const [locale, stageSum, orderSum] of [["fr", "300,00\u00a0DH", "100,00\u00a0DH"], ["ar", "\u2068300,00\u00a0درهم\u2069", "\u2068100,00\u00a0درهم\u2069"]]) {
    const { doc, page } = setup(locale, { pipeline: () => ({ ok: true, data: { orders: [order("o_1", "WA-000001", STAGES[0])], next: null, stages: STAGES } }) });
    await page.reload();
    assert.equal(doc.querySelectorAll(".tab")[1].querySelector(".sum").textContent, stageSum, locale);
    assert.equal(doc.querySelector("tbody tr .sum").textContent, orderSum, locale);
  }
});
