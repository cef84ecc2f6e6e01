// Amounts, dates and numbers the way a Moroccan seller writes them in each language
// (docs/extension-ui.md, "Local conventions"): "150.00 DH" in English, "150,00 DH" in French,
// "150,00 درهم" in Arabic, always with Latin digits; inside Arabic text numbers and phone numbers
// are isolated left to right so "+212…" never turns into "…212+".
(function (root) {
  "use strict";

  const isNode = typeof module !== "undefined" && module.exports;
  const wireMoney = isNode ? require("./money.js") : root.Sendocki.money;

  const LOCALES = { en: "en-MA", fr: "fr-FR", ar: "ar-MA" };
  const CURRENCY_WORDS = { MAD: { en: "DH", fr: "DH", ar: "درهم" } };
  const LRI = "\u2066";
  const FSI = "\u2068";
  const PDI = "\u2069";
  const formatters = new Map();

  function numberFormat(lang) {
    if (!formatters.has(lang)) {
      formatters.set(lang, new Intl.NumberFormat(LOCALES[lang] || LOCALES.en,
        { minimumFractionDigits: 2, maximumFractionDigits: 2, numberingSystem: "latn" }));
    }
    return formatters.get(lang);
  }

  // Left-to-right island (phone numbers, references) inside Arabic text; other languages run
  // left to right already and keep the text as it is (copy-paste stays clean).
  function ltr(text, lang) {
    if (lang && lang !== "ar") return String(text);
    return LRI + String(text) + PDI;
  }

  // Its own direction, whatever surrounds it (a Latin address in an Arabic line).
  function isolate(text) {
    return FSI + String(text) + PDI;
  }

  function currencyWord(currency, lang) {
    const words = CURRENCY_WORDS[currency || "MAD"];
    return words ? (words[lang] || words.en) : String(currency || "");
  }

  // cents (integer) or a wire amount ("149.00"): formatted from the decimal string, never a float.
  function money(amount, currency, lang) {
    const cents = typeof amount === "number" ? amount : wireMoney.parse(amount);
    if (cents === null || cents === undefined) return "";
    const number = numberFormat(lang).format(wireMoney.wire(cents)).replace(/^\u200e/, "");
    const text = number + "\u00a0" + currencyWord(currency, lang);
    return lang === "ar" ? isolate(text) : text;
  }

  function signedMoney(cents, currency, lang) {
    const sign = cents > 0 ? "+" : cents < 0 ? "−" : "";
    return (lang === "ar" ? LRI + sign + PDI : sign) + money(Math.abs(cents), currency, lang);
  }

  // "12 mars", "Mar 12", "12 مارس"; the year only when it is not this year's.
  function shortDate(iso, lang, now) {
    const when = new Date(iso);
    if (Number.isNaN(when.getTime())) return "";
    /** @type {Intl.DateTimeFormatOptions} */
    const options = { day: "numeric", month: "short", numberingSystem: "latn" };
    if (when.getFullYear() !== (now || new Date()).getFullYear()) options.year = "numeric";
    return new Intl.DateTimeFormat(LOCALES[lang] || LOCALES.en, options).format(when);
  }

  // French puts a no-break space before ":" (and ; ! ?); the others put none.
  function labelled(label, value, lang) {
    return label + (lang === "fr" ? "\u00a0: " : ": ") + value;
  }

  const api = { money, signedMoney, shortDate, ltr, isolate, labelled, currencyWord, LOCALES };
  if (isNode) module.exports = api;
  else root.Sendocki = Object.assign(root.Sendocki || {}, { ui: Object.assign((root.Sendocki || {}).ui || {}, { format: api }) });
})(globalThis);
