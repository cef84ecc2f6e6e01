// What the extension's own pages (toolbar popup, settings) share: their elements by id, and the
// message to the service worker through the same messenger as the content script, so a worker
// that is restarting reads as "offline" instead of an error the page never shows.
(function (root) {
  "use strict";

  const NS = root.Sendocki;
  const byId = (id) => root.document.getElementById(id);
  const send = NS.messaging.createMessenger(root.chrome.runtime).send;

  NS.ui = Object.assign(NS.ui || {}, { extensionPage: { byId, send } });
})(globalThis);
