// Numbers the seller confirmed, remembered per chat key, so a chat whose number WhatsApp hides
// resolves the next time. LIDs and anything that is not a phone are refused.
(function (root) {
  "use strict";

  const normalizePhone = (typeof module !== "undefined" && module.exports)
    ? require("../whatsapp/phone.js").normalizePhone
    : root.Sendocki.phone.normalizePhone;
  const PREFIX = "phone:";

  function createPhoneMemory(storageArea) {
    async function recall(chatKey) {
      if (!storageArea || !chatKey) return null;
      const key = PREFIX + chatKey;
      const stored = await storageArea.get(key);
      return normalizePhone(stored && stored[key]) || null;
    }
    async function remember(chatKey, phone) {
      const normalized = normalizePhone(phone);
      if (!storageArea || !chatKey || !normalized) return false;
      await storageArea.set({ [PREFIX + chatKey]: normalized });
      return true;
    }
    return { recall, remember };
  }

  const api = { createPhoneMemory };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else root.Sendocki = Object.assign(root.Sendocki || {}, { phoneMemory: api });
})(globalThis);
