// Loads a saved WhatsApp Web page into jsdom at web.whatsapp.com, with its capture metadata.
"use strict";

const fs = require("node:fs");
const path = require("node:path");
const { JSDOM } = require("jsdom");

const FIXTURES = path.join(__dirname, "..", "fixtures");
const META = /<!-- sendocki-fixture: (\{.*?\}) -->/s;

// The 2026 pages, then the older flavours kept for the fallbacks ("older/<name>").
function fixtureNames({ older = true } = {}) {
  const html = (dir) => fs.readdirSync(path.join(FIXTURES, dir)).filter((f) => f.endsWith(".html")).map((f) => f.slice(0, -5)).sort();
  return html(".").concat(older ? html("older").map((n) => "older/" + n) : []);
}

function readFixture(name) {
  const html = fs.readFileSync(path.join(FIXTURES, name + ".html"), "utf8");
  const match = META.exec(html);
  if (!match) throw new Error("fixture " + name + " has no sendocki-fixture metadata");
  return { html, meta: JSON.parse(match[1]) };
}

// jsdom's postMessage leaves event.source empty; the browser sets it to the posting window,
// which is what the probe bridge checks.
function withPostMessageSource(win) {
  win.postMessage = (data) => {
    win.setTimeout(() => win.dispatchEvent(new win.MessageEvent("message", { data, source: win })), 0);
  };
  return win;
}

// Every window loadFixture opened and closeFixtures has not closed yet.
const openWindows = new Set();

function loadFixture(name) {
  const { html, meta } = readFixture(name);
  const dom = new JSDOM(html, { url: "https://web.whatsapp.com/", pretendToBeVisual: true });
  const win = withPostMessageSource(dom.window);
  openWindows.add(win);
  for (const [key, value] of Object.entries(meta.localStorage || {})) win.localStorage.setItem(key, value);
  return { dom, win, doc: win.document, meta };
}

// Parsed fragment of another fixture's #main, to simulate WhatsApp rendering another chat.
function mainOf(name, doc) {
  const { html } = readFixture(name);
  const other = new JSDOM(html).window.document.getElementById("main");
  return other ? doc.importNode(other, true) : null;
}

// Wait until the observer's scheduled work (animation frame, or its timeout backup) has run.
function settle(win) {
  return new Promise((resolve) => win.requestAnimationFrame(() => win.requestAnimationFrame(() => setTimeout(resolve, 0))));
}

// Closing a window clears its timers: a page's retry loop (the probe tries for 2 minutes) would
// otherwise keep the test process alive long after the last test.
function closeFixtures() {
  for (const win of openWindows) win.close();
  openWindows.clear();
}

module.exports = {
  withPostMessageSource, FIXTURES, fixtureNames, readFixture, loadFixture, closeFixtures, mainOf, settle,
};
