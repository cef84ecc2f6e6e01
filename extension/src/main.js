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

  // Read on each chat reading: WhatsApp writes it after the seller logs in.
  const own = () => {
    try { return NS.ownAccount.readOwnAccount(root.localStorage); } catch (_) { return {}; }
  };

  const controller = NS.controller.createController({
    win: root,
    doc: root.document,
    i18n: NS.i18n.createI18n(root.chrome.i18n),
    contextAlive,
    phoneMemory: NS.phoneMemory.createPhoneMemory(root.chrome.storage && root.chrome.storage.local),
    own,
    onReading: NS.diagnostics.storeReading(root.chrome.storage && root.chrome.storage.local),
    send: NS.messaging.createMessenger(root.chrome.runtime).send,
  });
  NS.active = controller;
  controller.start();
})(globalThis);
