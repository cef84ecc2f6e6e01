// Service worker: the only code that will call the local helper (Chrome blocks loopback
// requests from the WhatsApp page and its content scripts). For now it answers a ping so the
// content script and tests can check the extension is alive.
"use strict";

chrome.runtime.onMessage.addListener((message, _sender, sendResponse) => {
  if (message && message.type === "ping") {
    sendResponse({ ok: true, version: chrome.runtime.getManifest().version });
  }
  return false;
});
