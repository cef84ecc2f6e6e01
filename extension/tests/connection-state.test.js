"use strict";
// The connection as the popup and the settings page show it: one mapping, one fallback, one
// start command (both pages used to carry their own copy).
const test = require("node:test");
const assert = require("node:assert/strict");
const { JSDOM } = require("jsdom");
const { stateTextKey, readConnection, showStartCommand } = require("../src/ui/connection-state.js");
const { loadMessages } = require("./helpers/fake-chrome.js");

test("each state the worker reports has its words; an unknown one reads as not running", () => {
  const en = loadMessages("en");
  for (const state of ["paired", "unpaired", "offline", "wrong-helper"]) assert.ok(en[stateTextKey(state)], state);
  assert.equal(stateTextKey("wrong-helper"), "stateWrongHelper");
  assert.equal(stateTextKey("something-new"), "stateOffline");
  assert.equal(stateTextKey(undefined), "stateOffline");
});

test("no answer from the worker, or a failed one, reads as offline", async () => {
  assert.deepEqual(await readConnection(async () => undefined), { state: "offline", port: "" });
  assert.deepEqual(await readConnection(async () => ({ ok: false, state: "offline" })), { state: "offline", port: "" });
  const info = { state: "paired", port: 47615, demo: false };
  assert.equal(await readConnection(async (message) => (message.type === "state" ? { ok: true, data: info } : null)), info);
});

function page() {
  return new JSDOM('<div id="start" hidden><code id="start-command"></code></div>').window.document;
}

test("offline: the start command for this system and port is shown", async () => {
  const doc = page();
  await showStartCommand(doc, { getPlatformInfo: async () => ({ os: "win" }) }, { state: "offline", port: 47616 });
  assert.equal(doc.getElementById("start").hidden, false);
  assert.match(doc.getElementById("start-command").textContent, /sendocki-helper\.exe" serve --port 47616$/);
});

test("connected: the start box is hidden and the system is not asked", async () => {
  const doc = page();
  doc.getElementById("start").hidden = false;
  const runtime = { getPlatformInfo: async () => { throw new Error("not asked while connected"); } };
  await showStartCommand(doc, runtime, { state: "paired", port: 47615 });
  assert.equal(doc.getElementById("start").hidden, true);
  assert.equal(doc.getElementById("start-command").textContent, "");
});
