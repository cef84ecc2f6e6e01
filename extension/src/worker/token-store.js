// The pairing token, in the extension origin's IndexedDB, opened by worker code only. Content
// scripts run in the WhatsApp page's origin: they can read chrome.storage.local but not this
// database. It survives browser restarts, which chrome.storage.session would not.
(function (root) {
  "use strict";

  const DB_NAME = "sendocki-worker";
  const STORE = "secrets";
  const TOKEN = "helperToken";

  function createTokenStore(idb) {
    let opening = null;

    function open() {
      if (!opening) {
        opening = new Promise((resolve, reject) => {
          const request = idb.open(DB_NAME, 1);
          request.onupgradeneeded = () => request.result.createObjectStore(STORE);
          request.onsuccess = () => {
            const db = request.result;
            // A closed connection (e.g. the profile's storage cleared) is reopened on next use.
            db.onclose = () => { opening = null; };
            db.onversionchange = () => { db.close(); opening = null; };
            resolve(db);
          };
          request.onerror = () => { opening = null; reject(request.error); };
        });
      }
      return opening;
    }

    async function run(mode, action) {
      const db = await open();
      return new Promise((resolve, reject) => {
        const tx = db.transaction(STORE, mode);
        const request = action(tx.objectStore(STORE));
        // Resolved on commit, so a token written here is on disk before pairing reports success.
        tx.oncomplete = () => resolve(request.result);
        tx.onerror = () => reject(tx.error);
        tx.onabort = () => reject(tx.error);
      });
    }

    return {
      get: () => run("readonly", (store) => store.get(TOKEN)).then((value) => value || null),
      set: (token) => run("readwrite", (store) => store.put(String(token), TOKEN)).then(() => undefined),
      clear: () => run("readwrite", (store) => store.delete(TOKEN)).then(() => undefined),
    };
  }

  const api = { createTokenStore, DB_NAME, STORE, TOKEN };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else root.SendockiWorker = Object.assign(root.SendockiWorker || {}, { tokenStore: api });
})(globalThis);
