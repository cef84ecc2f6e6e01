// Which language the seller reads: the one chosen in the settings ("uiLanguage"), else WhatsApp
// Web's own interface language (its page's lang), else Chrome's, else English. The words come
// from that language's _locales file, which the worker reads from the extension's package
// (a content script cannot ask chrome.i18n for another language than Chrome's).
(function (root) {
  "use strict";

  const SUPPORTED = ["en", "fr", "ar"];
  const SETTING = "uiLanguage";      // "auto" (default) | "en" | "fr" | "ar"
  const SEEN_PAGE = "waLanguage";    // WhatsApp's language, for the popup and settings pages

  function pick({ setting, page, browser }) {
    if (SUPPORTED.includes(setting)) return setting;
    if (SUPPORTED.includes(page)) return page;
    if (SUPPORTED.includes(browser)) return browser;
    return "en";
  }

  async function readSetting(storage) {
    try {
      const stored = await storage.get(SETTING);
      return (stored && stored[SETTING]) || "auto";
    } catch (_) {
      return "auto";
    }
  }

  // Picks the language and loads its words into `i18n`; the words already there stay on any failure.
  async function apply({ i18n, storage, send, page, browser }) {
    const setting = storage ? await readSetting(storage) : "auto";
    const lang = pick({ setting, page, browser });
    if (storage && page) {
      try { await storage.set({ [SEEN_PAGE]: page }); } catch (_) { /* storage unavailable */ }
    }
    const answer = await send({ type: "messages", lang });
    if (answer && answer.ok && answer.data && typeof answer.data === "object") i18n.use(lang, answer.data);
    return lang;
  }

  const api = { pick, apply, SUPPORTED, SETTING, SEEN_PAGE };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else root.Sendocki = Object.assign(root.Sendocki || {}, { ui: Object.assign((root.Sendocki || {}).ui || {}, { language: api }) });
})(globalThis);
