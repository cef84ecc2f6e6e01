// The seller's own account, from what WhatsApp keeps in the page's localStorage (readable from the
// content script's world): "last-wid-md" = "<digits>:<device>@c.us" (still read by WhatsApp in
// 2026), "WALid" = the own LID when present (shape not documented: any "<digits>[:<device>]@lid").
// The probe adds WAWebUserPrefsMeUser.getMaybeMePnUser / getMaybeMeLidUser (adapter.js merges).
(function (root) {
  "use strict";

  const isNode = typeof module !== "undefined" && module.exports;
  const selectors = isNode ? require("./selectors.js") : root.Sendocki.selectors;
  const OWN_ID = /^(\d{6,20})(?::\d+)?@(c\.us|s\.whatsapp\.net|lid)$/;

  function unquote(value) {
    let text = String(value || "").trim();
    try { const parsed = JSON.parse(text); if (typeof parsed === "string") text = parsed; } catch (_) { /* stored unquoted */ }
    return text.trim();
  }

  // "+<digits>" from a phone id, "<digits>@lid" from a LID; null for anything else.
  function ownIdOf(value, server) {
    const match = OWN_ID.exec(unquote(value));
    if (!match) return null;
    const isLid = match[2] === "lid";
    if (server === "lid") return isLid ? match[1] + "@lid" : null;
    return isLid ? null : "+" + match[1];
  }

  function readOwnAccount(storage) {
    const read = (key) => { try { return storage ? storage.getItem(key) : null; } catch (_) { return null; } };
    const phone = ownIdOf(read(selectors.STORAGE_KEYS.ownPhone), "c.us");
    const lid = ownIdOf(read(selectors.STORAGE_KEYS.ownLid), "lid");
    return { phone, lid, phoneFrom: phone ? "last-wid-md" : null, lidFrom: lid ? "WALid" : null };
  }

  const api = { readOwnAccount, ownIdOf };
  if (isNode) module.exports = api;
  else {
    root.Sendocki = root.Sendocki || {};
    root.Sendocki.ownAccount = api;
  }
})(globalThis);
