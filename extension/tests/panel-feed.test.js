"use strict";
// A move from the panel that fails is said in the seller's language, never in the helper's
// English wording: the field error by its code, the connection's state, else a plain refusal.
const test = require("node:test");
const assert = require("node:assert/strict");
const { JSDOM } = require("jsdom");
const { createPanelFeed } = require("../src/app/panel-feed.js");
const { createPageGuard } = require("../src/ui/page-guard.js");
const { createI18n } = require("../src/ui/i18n.js");
const { fakeChrome } = require("./helpers/fake-chrome.js");

const ORDER = { id: "o_1", number: "WA-000007" };
const STAGE = { id: "s_old", name: "Ancienne" };

async function failedMove(answer) {
  const win = new JSDOM("<!doctype html><body></body>", { url: "https://web.whatsapp.com/" }).window;
  const i18n = createI18n(fakeChrome({ locale: "fr" }).i18n);
  const feed = createPanelFeed({ win, doc: win.document, i18n, send: async () => answer,
    workspace: { ensure: async () => null }, openChat: () => null, guard: createPageGuard({ acceptSyntheticEvents: true }) });
  await feed.moveOrder(ORDER, STAGE);
  const text = feed.panel.shadow.querySelector(".notice").textContent;
  win.close();
  return text;
}

test("a refused move names the reason in French, from the helper's code", async () => {
  const text = await failedMove({ ok: false, state: "problem", problem: { title: "Invalid move", code: "validation_failed",
    errors: [{ field: "stage_id", code: "stage_inactive", params: { name: "Ancienne" }, message: "stage 'Ancienne' is not active" }] } });
  assert.equal(text, "La commande WA-000007 n’a pas été déplacée\u00a0: L’étape «\u00a0Ancienne\u00a0» n’est plus utilisée.");
});

test("a move while the app is not running says so; an unknown refusal says it was refused", async () => {
  assert.equal(await failedMove({ ok: false, state: "offline" }),
    "La commande WA-000007 n’a pas été déplacée\u00a0: L’application Sendocki ne tourne pas sur cet ordinateur.");
  assert.equal(await failedMove({ ok: false, state: "problem", problem: { title: "Order gone", code: "not_found" } }),
    "La commande WA-000007 n’a pas été déplacée\u00a0: l’application Sendocki l’a refusé");
});
