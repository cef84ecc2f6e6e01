// Wording in the seller's language (en, fr, ar). Chrome's own chrome.i18n follows Chrome's UI
// language only, so the extension loads the chosen language's _locales file itself (through the
// worker, see src/ui/language.js) and words everything from that table; until it is loaded, or
// for a key it lacks, chrome.i18n answers. Arabic lays out right to left.
(function (root) {
  "use strict";

  const LANGUAGES = ["en", "fr", "ar"];

  // Chrome's placeholder rule: $NAME$ -> the placeholder's content, "$1" -> the first
  // substitution. A plain object of parameters fills $name$ by name (field errors carry names).
  function render(entry, subs) {
    if (!entry || typeof entry.message !== "string") return "";
    const named = subs && typeof subs === "object" && !Array.isArray(subs) ? subs : null;
    const values = named ? [] : [].concat(subs === undefined ? [] : subs).map(String);
    return entry.message.replace(/\$(\w+)\$/g, (whole, name) => {
      const key = name.toLowerCase();
      if (named) return Object.prototype.hasOwnProperty.call(named, key) ? String(named[key]) : "";
      const placeholder = entry.placeholders && entry.placeholders[key];
      return placeholder ? String(placeholder.content).replace(/\$(\d)/g, (_, n) => values[n - 1] || "") : "";
    }).replace(/\$\$/g, "$");
  }

  function createI18n(i18nApi, options) {
    let table = (options && options.table) || null;
    let lang = (options && options.lang) || null;

    function fromChrome(key, subs) {
      try {
        // Named parameters go to Chrome positionally: placeholders are declared in name order.
        const named = subs && typeof subs === "object" && !Array.isArray(subs);
        const values = named ? Object.keys(subs).sort().map((k) => String(subs[k])) : subs === undefined ? undefined : [].concat(subs).map(String);
        const text = i18nApi && i18nApi.getMessage(key, values);
        if (text) return text;
      } catch (_) { /* context invalidated: fall back to the key */ }
      return "";
    }

    function t(key, subs) {
      if (table && table[key]) return render(table[key], subs);
      return fromChrome(key, subs) || key;
    }
    // Whether a message exists (field-error codes the extension does not know fall back).
    function has(key) {
      return !!((table && table[key]) || fromChrome(key));
    }
    // From the chosen messages themselves: Chrome's @@bidi_dir follows its own UI language,
    // which may differ from the language the extension's words were picked in.
    function dir() {
      const own = t("textDirection");
      if (own === "rtl" || own === "ltr") return own;
      return t("@@bidi_dir") === "rtl" ? "rtl" : "ltr";
    }
    function language() {
      if (lang) return lang;
      const ui = fromChrome("@@ui_locale").slice(0, 2);
      return LANGUAGES.includes(ui) ? ui : (dir() === "rtl" ? "ar" : "en");
    }
    function use(nextLang, nextTable) {
      lang = nextLang;
      table = nextTable;
    }
    return { t, has, dir, use, get lang() { return language(); } };
  }

  const api = { createI18n, render, LANGUAGES };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else root.Sendocki = Object.assign(root.Sendocki || {}, { i18n: api });
})(globalThis);
