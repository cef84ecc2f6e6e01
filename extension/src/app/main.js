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

  const i18n = NS.i18n.createI18n(root.chrome.i18n);
  const storage = root.chrome.storage && root.chrome.storage.local;
  const send = NS.messaging.createMessenger(root.chrome.runtime).send;
  const OPEN_ROOTS_KEY = "developer.openShadowRoots";
  NS.active = { starting: true };

  // The developer flag (src/ui/page-guard.js): a page cannot write chrome.storage, and nothing in
  // the extension sets it; the browser tests do, through the worker, to reach inside our hosts.
  // Anything but `true` keeps the roots closed. Read beside the language: no later mount.
  function readOpenShadowRoots() {
    if (!storage) return Promise.resolve(false);
    return storage.get(OPEN_ROOTS_KEY).then((got) => !!got && got[OPEN_ROOTS_KEY] === true, () => false);
  }

  function start(openShadowRoots) {
    const controller = NS.controller.createController({
      win: root,
      doc: root.document,
      i18n,
      contextAlive,
      phoneMemory: NS.phoneMemory.createPhoneMemory(storage),
      own,
      onReading: NS.diagnostics.storeReading(storage),
      send,
      // Trusted events only, always: the synthetic-events option is for the node tests alone.
      guard: NS.ui.pageGuard.createPageGuard({ openShadowRoots }),
    });
    NS.active = controller;
    controller.start();
  }

  // The seller's language first (one local message to the worker), then the cart.
  const language = NS.ui.language.apply({
    i18n, storage, send,
    page: NS.selectors.pageLanguage(root.document),
    browser: String(root.navigator.language || "").slice(0, 2),
  }).catch(() => {});
  Promise.all([readOpenShadowRoots(), language]).then(([openShadowRoots]) => start(openShadowRoots));
})(globalThis);
