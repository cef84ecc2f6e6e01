// Starts the pipeline view with the browser's language and the service worker as its helper link.
(function () {
  "use strict";

  const t = (key, subs) => chrome.i18n.getMessage(key, subs) || key;
  const dir = t("textDirection") === "rtl" ? "rtl" : "ltr";
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
  const page = Sendocki.pipelinePage.createPipelinePage(document, { t, dir, send, openUrl });
  if (window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches) document.documentElement.dataset.theme = "dark";
  page.reload();
})();
