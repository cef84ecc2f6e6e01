// Chat ids (JIDs) and phone numbers. A LID ("<digits>@lid") is a conversation key, never a
// phone: its ~15 digits pass naive phone checks, so every parser here rejects it explicitly.
(function (root) {
  "use strict";

  const cleanText = (typeof module !== "undefined" && module.exports)
    ? require("./text.js").cleanText
    : root.Sendocki.text.cleanText;

  const JID = /^([0-9A-Za-z.-]+?)(?::\d+)?@(c\.us|s\.whatsapp\.net|lid|g\.us|newsletter|broadcast|bot)$/;
  const KIND_BY_SERVER = {
    "c.us": "user", "s.whatsapp.net": "user", lid: "user",
    "g.us": "group", newsletter: "channel", broadcast: "broadcast", bot: "bot",
  };
  // Message-row data-id: "<fromMe>_<chatJid>_<msgId>[_<authorJid>]".
  const ROW_ID = /^(true|false)_([^_\s]+@[a-z.]+)_([^_\s]+)(?:_([^_\s]+@[a-z.]+))?$/;

  function parseJid(value) {
    const match = JID.exec(String(value || "").trim());
    if (!match) return null;
    const server = match[2] === "s.whatsapp.net" ? "c.us" : match[2];
    return { user: match[1], server, kind: KIND_BY_SERVER[match[2]], serialized: match[1] + "@" + server };
  }

  function chatJidFromRowId(dataId) {
    const match = ROW_ID.exec(String(dataId || "").trim());
    return match ? parseJid(match[2]) : null;
  }

  // Digits of a JID that is a phone-number id; null for LIDs, groups, channels and the rest.
  function phoneFromJid(value) {
    const jid = typeof value === "string" ? parseJid(value) : value;
    if (!jid || jid.server !== "c.us" || !/^\d{6,15}$/.test(jid.user)) return null;
    return "+" + jid.user;
  }

  // Loose phone text as shown or typed: "+212 6 12-34 56 78", "00212612345678", "06 12 34 56 78".
  // Returns "+<digits>" for international forms, bare digits for national ones, or null.
  // E.164 formatting with the workspace's region is the helper's job (libphonenumber).
  function normalizePhone(value) {
    const text = cleanText(value).replace(/[\s\-.()/]/g, "");
    if (/@/.test(text)) return null;
    let match = /^\+(\d{6,15})$/.exec(text) || /^00(\d{6,15})$/.exec(text);
    if (match) return "+" + match[1];
    match = /^0\d{5,13}$/.exec(text);
    return match ? match[0] : null;
  }

  // A chat title is a phone only when written in international form; a name made of digits or a
  // bare LID shown as a title must not pass.
  function phoneFromTitle(title) {
    const text = cleanText(title);
    if (!/^(\+|00)/.test(text) || /[^\d\s+\-().]/.test(text)) return null;
    return normalizePhone(text);
  }

  const api = { parseJid, chatJidFromRowId, phoneFromJid, normalizePhone, phoneFromTitle };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else root.Sendocki = Object.assign(root.Sendocki || {}, { phone: api });
})(globalThis);
