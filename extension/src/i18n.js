// Wording through chrome.i18n (browser language: en, fr, ar); Arabic lays out right to left.
(function (root) {
  "use strict";

  function createI18n(i18nApi) {
    function t(key, subs) {
      try {
        const text = i18nApi && i18nApi.getMessage(key, subs === undefined ? undefined : [].concat(subs).map(String));
        if (text) return text;
      } catch (_) { /* context invalidated: fall back to the key */ }
      return key;
    }
    // From the chosen messages themselves: Chrome's @@bidi_dir follows its own UI language,
    // which may differ from the language the extension's words were picked in.
    function dir() {
      const own = t("textDirection");
      if (own === "rtl" || own === "ltr") return own;
      return t("@@bidi_dir") === "rtl" ? "rtl" : "ltr";
    }
    return { t, dir };
  }

  const api = { createI18n };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else {
    root.Sendocki = root.Sendocki || {};
    root.Sendocki.i18n = api;
  }
})(globalThis);
