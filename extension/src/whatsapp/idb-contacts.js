// Source C: a chat's phone from WhatsApp's own IndexedDB (database "model-storage", store
// "contact", field "phoneNumber"; the schema is undocumented and may change).
// Read from the ISOLATED world: content scripts share the page origin's IndexedDB, so this works
// even when WhatsApp's module loader changes and the MAIN-world probe (A, B) finds nothing, and the
// result never crosses the page-forgeable bridge.
// Read-only: one readonly transaction, the database closed right after; never creates the database
// (WhatsApp's own upgrade would then start from a wrong version). Any surprise means null.
(function (root) {
  "use strict";

  const phones = (typeof module !== "undefined" && module.exports) ? require("./phone.js") : root.Sendocki.phone;

  const DB_NAME = "model-storage";
  const STORE = "contact";
  const LID_INDEX = "lid"; // not seen documented; used only if WhatsApp declares it
  const GIVE_UP_MS = 3000; // a blocked or stuck open must not leave a look-up pending forever
  const DIGITS = /^\+?(\d{6,15})$/;

  // "212612345678@c.us", a wid-like {_serialized} or {user, server}, or plain digits; never a LID.
  function phoneOfRecord(record, key) {
    let value;
    try {
      if (!record || typeof record !== "object") return null;
      value = record.phoneNumber;
      if (value && typeof value === "object") {
        value = typeof value._serialized === "string" ? value._serialized
          : value.user && value.server ? String(value.user) + "@" + String(value.server) : null;
      }
    } catch (_) {
      return null;
    }
    if (typeof value !== "string" || value.length > 40) return null;
    const text = value.trim();
    if (text.includes("@")) return phones.phoneFromJid(text); // rejects @lid, @g.us and the rest
    const match = DIGITS.exec(text);
    // Bare digits equal to the LID's own digits are the LID again, not a number.
    if (!match || String(key).startsWith(match[1] + "@")) return null;
    return "+" + match[1];
  }

  async function databaseExists(idb) {
    if (typeof idb.databases !== "function") return true; // the upgrade guard below still holds
    const list = await idb.databases();
    return Array.isArray(list) && list.some((db) => db && db.name === DB_NAME);
  }

  function readRecord(db, key) {
    return new Promise((resolve) => {
      if (!db.objectStoreNames || !db.objectStoreNames.contains(STORE)) return resolve(null);
      const tx = db.transaction(STORE, "readonly");
      const store = tx.objectStore(STORE);
      const byId = store.get(key);
      byId.onerror = () => resolve(null);
      byId.onsuccess = () => {
        if (byId.result || !store.indexNames || !store.indexNames.contains(LID_INDEX)) return resolve(byId.result || null);
        const byLid = store.index(LID_INDEX).get(key);
        byLid.onerror = () => resolve(null);
        byLid.onsuccess = () => resolve(byLid.result || null);
      };
    });
  }

  function openExisting(idb) {
    return new Promise((resolve) => {
      let settled = false;
      const done = (db) => {
        if (settled) { if (db) db.close(); return; }
        settled = true;
        resolve(db);
      };
      const request = idb.open(DB_NAME);
      const timer = setTimeout(() => done(null), GIVE_UP_MS);
      // Only a database that did not exist gets an upgrade without a version: undo the creation.
      request.onupgradeneeded = () => { try { request.transaction.abort(); } catch (_) { /* already gone */ } };
      request.onblocked = () => { clearTimeout(timer); done(null); };
      request.onerror = () => { clearTimeout(timer); done(null); };
      request.onsuccess = () => {
        clearTimeout(timer);
        const db = request.result;
        // WhatsApp upgrading its schema must never wait on us.
        db.onversionchange = () => db.close();
        done(db);
      };
    });
  }

  // The phone ("+<digits>") WhatsApp stored for the contact keyed `key` (a LID or a chat id), or null.
  async function lookupPhone(idb, key) {
    let db = null;
    try {
      if (!idb || typeof idb.open !== "function" || typeof key !== "string" || key.length > 80) return null;
      if (!(await databaseExists(idb))) return null;
      db = await openExisting(idb);
      if (!db) return null;
      return phoneOfRecord(await readRecord(db, key), key);
    } catch (_) {
      return null;
    } finally {
      if (db) { try { db.close(); } catch (_) { /* closed */ } }
    }
  }

  const api = { lookupPhone, phoneOfRecord, DB_NAME, STORE };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else root.Sendocki = Object.assign(root.Sendocki || {}, { idbContacts: api });
})(globalThis);
