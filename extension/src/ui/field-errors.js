// The helper's field errors in the seller's language: each carries a stable `code` and its
// `params`; the message key is "fe_<code>". A code this version does not know (a newer helper)
// gets a plain "Check this field." in the same language, never the helper's English wording.
(function (root) {
  "use strict";

  function describe(error, t, has) {
    const code = error && typeof error.code === "string" ? error.code : "";
    const key = "fe_" + code;
    if (code && /^\w+$/.test(code) && has(key)) return t(key, Object.assign({}, error.params || {}));
    return t("fe_unknown");
  }

  const api = { describe };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else root.Sendocki = Object.assign(root.Sendocki || {}, { ui: Object.assign((root.Sendocki || {}).ui || {}, { fieldErrors: api }) });
})(globalThis);
