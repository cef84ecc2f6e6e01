// Starts the pipeline view in the seller's language (as the settings page picks it) with the
// service worker as its helper link.
(async function () {
  "use strict";

  const NS = globalThis.Sendocki;
  const i18n = await NS.ui.pageI18n.localize(document);
  const send = (message) => chrome.runtime.sendMessage(message);
  // Opens the chat in the WhatsApp Web tab when there is one, in a new tab otherwise.
  async function openUrl(url) {
    const [tab] = await chrome.tabs.query({ url: "https://web.whatsapp.com/*" });
    if (tab) {
      await chrome.tabs.update(tab.id, { url, active: true });
      await chrome.windows.update(tab.windowId, { focused: true });
    } else {
      await chrome.tabs.create({ url });
    }
  }
  if (window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches) document.documentElement.dataset.theme = "dark";
  const page = NS.pipelinePage.createPipelinePage(document, { t: i18n.t, dir: i18n.dir(), send, openUrl });
  page.reload();
})();
