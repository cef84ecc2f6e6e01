// Service worker: the only code that calls the local helper (Chrome blocks loopback requests
// from the WhatsApp page and its content scripts). It holds the pairing token; content scripts
// and the options page reach the helper through messages answered by src/worker/router.js.
"use strict";

importScripts("src/worker/token-store.js", "src/worker/helper-link.js", "src/worker/submissions.js",
  "src/worker/thumbnails.js", "src/worker/router.js");

const workerModules = self.SendockiWorker;
const storage = chrome.storage.local;
const secrets = workerModules.tokenStore.createTokenStore(indexedDB);
const link = workerModules.helperLink.createHelperLink({ storage, secrets, fetchImpl: (url, init) => fetch(url, init) });
const submissions = workerModules.submissions.createSubmissions({ storage, link, newKey: () => crypto.randomUUID() });
const thumbnails = workerModules.thumbnails.createThumbnails({ link });
const readMessages = (lang) => fetch(chrome.runtime.getURL(`_locales/${lang}/messages.json`)).then((r) => r.json());
const router = workerModules.router.createRouter({
  link, submissions, thumbnails, extensionId: chrome.runtime.id, LinkError: workerModules.helperLink.LinkError, readMessages,
});

chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
  if (message && message.type === "ping") {
    sendResponse({ ok: true, version: chrome.runtime.getManifest().version });
    return false;
  }
  router.handle(message, sender).then(sendResponse);
  return true; // answered asynchronously
});

chrome.runtime.onInstalled.addListener(() => { submissions.prune().catch(() => {}); });
// Moves a token an older version left in storage.local now, not at the first helper call.
link.settings().catch(() => {});

// The pipeline view: an extension page, opened by the keyboard shortcut (manifest "commands").
function openPipeline() {
  chrome.tabs.create({ url: chrome.runtime.getURL("pipeline.html") });
}
chrome.commands.onCommand.addListener((command) => { if (command === "open-pipeline") openPipeline(); });
