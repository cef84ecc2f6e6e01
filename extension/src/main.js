// Content-script entry (ISOLATED world, document_idle): wires the modules loaded before it.
(function (root) {
  "use strict";

  const NS = root.Sendocki;
  if (!NS || NS.active) return; // injected twice into the same world

  function contextAlive() {
    try {
      return !!(root.chrome && root.chrome.runtime && root.chrome.runtime.id);
    } catch (_) {
      return false; // "Extension context invalidated" after an update or reload
    }
  }

  let ownPhone = null;
  try { ownPhone = NS.adapter.ownPhoneFromStorage(root.localStorage.getItem("last-wid-md")); } catch (_) { /* no access */ }

  const controller = NS.controller.createController({
    win: root,
    doc: root.document,
    i18n: NS.i18n.createI18n(root.chrome.i18n),
    contextAlive,
    phoneMemory: NS.phoneMemory.createPhoneMemory(root.chrome.storage && root.chrome.storage.local),
    ownPhone,
    send: NS.messaging.createMessenger(root.chrome.runtime).send,
  });
  NS.active = controller;
  controller.start();
})(globalThis);
