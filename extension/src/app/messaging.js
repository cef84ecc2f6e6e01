// The content script's only way to the helper: a message to the service worker, which holds the
// token and makes the call. A dead extension context reads as "helper unreachable", never a throw.
(function (root) {
  "use strict";

  function createMessenger(runtime) {
    async function send(message) {
      try {
        const answer = await runtime.sendMessage(message);
        return answer || { ok: false, state: "offline" };
      } catch (_) {
        return { ok: false, state: "offline" };
      }
    }
    return { send };
  }

  const api = { createMessenger };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else root.Sendocki = Object.assign(root.Sendocki || {}, { messaging: api });
})(globalThis);
