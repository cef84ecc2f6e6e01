// Money as whole cents (integers), never floats: "149.00" on the wire, "149,5" typed by a seller.
(function (root) {
  "use strict";

  function parse(text) {
    if (text === null || text === undefined) return null;
    const clean = String(text).trim().replace(/[\s\u00a0\u202f]/g, "").replace(",", ".");
    const match = /^(-?)(\d+)(?:\.(\d{0,2}))?$/.exec(clean);
    if (!match) return null;
    const cents = Number(match[2]) * 100 + Number(((match[3] || "") + "00").slice(0, 2));
    return match[1] ? -cents : cents;
  }

  function wire(cents) {
    const sign = cents < 0 ? "-" : "";
    const abs = Math.abs(cents);
    return sign + Math.floor(abs / 100) + "." + String(abs % 100).padStart(2, "0");
  }

  function show(cents, currency) {
    return wire(cents) + (currency ? " " + currency : "");
  }

  // An amount as the seller types it into a field: "149.50", or "149,50" in the languages that
  // write a decimal comma (French, Arabic).
  function typed(cents, decimalComma) {
    return decimalComma ? wire(cents).replace(".", ",") : wire(cents);
  }

  function signed(cents, currency) {
    return (cents > 0 ? "+" : cents < 0 ? "−" : "") + show(Math.abs(cents), currency);
  }

  const api = { parse, wire, show, signed, typed };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else root.Sendocki = Object.assign(root.Sendocki || {}, { money: api });
})(globalThis);
