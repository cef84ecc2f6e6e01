// Wording of the extension's own pages (settings, toolbar popup) in the seller's language: the
// setting, else the language WhatsApp Web was last seen in, else Chrome's. An extension page may
// read its own _locales files directly.
(function (root) {
  "use strict";

  const NS = root.Sendocki;

  async function localize(doc) {
    const i18n = NS.i18n.createI18n(root.chrome.i18n);
    const language = NS.ui.language;
    let stored = {};
    try { stored = await root.chrome.storage.local.get([language.SETTING, language.SEEN_PAGE]); } catch (_) { /* defaults */ }
    const lang = language.pick({ setting: stored[language.SETTING], page: stored[language.SEEN_PAGE], browser: root.chrome.i18n.getUILanguage().slice(0, 2) });
    try {
      const table = await (await root.fetch(root.chrome.runtime.getURL(`_locales/${lang}/messages.json`))).json();
      i18n.use(lang, table);
    } catch (_) { /* Chrome's own language stays */ }
    for (const el of doc.querySelectorAll("[data-i18n]")) el.textContent = i18n.t(el.dataset.i18n);
    doc.documentElement.lang = lang;
    doc.documentElement.dir = i18n.dir();
    return i18n;
  }

  NS.ui = Object.assign(NS.ui || {}, { pageI18n: { localize } });
})(globalThis);
