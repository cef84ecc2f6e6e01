// Source C: the number WhatsApp keeps in its own IndexedDB for a chat known only by its LID.
// Read once per chat switch and per chat (a chat re-described on every row mutation must not
// reopen the database each time); WhatsApp may write a new contact's record just after the chat
// opens, so an empty answer is asked again, twice at most, later each time. A result is stored
// under its own chat key, so a chat the seller switched away from never gets it.
(function (root) {
  "use strict";

  const idbContacts = (typeof module !== "undefined" && module.exports)
    ? require("../whatsapp/idb-contacts.js")
    : root.Sendocki.idbContacts;
  const RETRIES = 2;
  const RETRY_MS = 400;

  // epoch(): the current chat switch; openChat(): the chat on screen now; onFound(): a number
  // arrived, read the chat again.
  function createStoredPhones({ win, epoch, openChat, stopped, onFound }) {
    // Per LID chat key: the number, or "" while reading or when WhatsApp stored none.
    const phones = new Map();
    const askedInEpoch = new Map();

    function stillOpen(key, askedIn) {
      const chat = openChat();
      return askedIn === epoch() && !!chat && chat.chatKey === key;
    }

    function lookUp(target, attempt) {
      const key = target.chatKey;
      const tries = attempt || 0;
      if (!target.cart || !/@lid$/.test(key) || target.phone || phones.get(key)) return;
      if (!tries && askedInEpoch.get(key) === epoch()) return;
      askedInEpoch.set(key, epoch());
      phones.set(key, "");
      let idb = null;
      try { idb = win.indexedDB; } catch (_) { /* storage blocked */ }
      if (!idb) return;
      const askedIn = epoch();
      idbContacts.lookupPhone(idb, key).then((phone) => {
        if (stopped()) return;
        if (phone) {
          phones.set(key, phone);
          onFound();
        } else if (tries < RETRIES && stillOpen(key, askedIn)) {
          win.setTimeout(() => { if (!stopped() && stillOpen(key, askedIn)) lookUp(openChat(), tries + 1); },
            RETRY_MS * (tries + 1));
        }
      });
    }

    return { phones, lookUp };
  }

  const api = { createStoredPhones };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else root.Sendocki = Object.assign(root.Sendocki || {}, { storedPhones: api });
})(globalThis);
