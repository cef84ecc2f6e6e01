// ISOLATED side of the probe bridge. Messages come through window.postMessage, which the page
// can forge too: only well-shaped plain data is kept, and it is treated as a hint the adapter
// cross-checks against the page.
(function (root) {
  "use strict";

  const S = (typeof module !== "undefined" && module.exports) ? require("./selectors.js") : root.Sendocki.selectors;
  const NS = "sendocki-probe";
  const CHAT_ID = /^[0-9A-Za-z.-]{1,64}@(c\.us|lid|g\.us|newsletter|broadcast|bot)$/;
  const PHONE = /^\+\d{6,15}$/;

  function str(value, max) {
    return typeof value === "string" && value.length <= max ? value : null;
  }

  function sanitize(raw) {
    if (!raw || typeof raw !== "object") return null;
    const chatId = str(raw.chatId, 80);
    return {
      chatId: chatId && CHAT_ID.test(chatId) ? chatId : null,
      // "react": the id came from React's props (source D), "model" from the chat collection (A).
      chatIdFrom: raw.chatIdFrom === "react" ? "react" : "model",
      aliases: Array.isArray(raw.aliases) ? raw.aliases.filter((a) => typeof a === "string" && CHAT_ID.test(a)).slice(0, 4) : [],
      title: str(raw.title, 200),
      name: str(raw.name, 200),
      verifiedName: str(raw.verifiedName, 200),
      pushname: str(raw.pushname, 200),
      phone: typeof raw.phone === "string" && PHONE.test(raw.phone) ? raw.phone : null,
      phoneSource: raw.phoneSource === "lid-cache" ? "lid-cache" : null,
      me: typeof raw.me === "string" && /^\d{6,15}@c\.us$/.test(raw.me) ? raw.me : null,
      meLid: typeof raw.meLid === "string" && /^\d{6,20}@lid$/.test(raw.meLid) ? raw.meLid : null,
      waVersion: str(raw.waVersion, 40),
      loader: str(raw.loader, 20),
    };
  }

  function createProbeBridge(win, onState) {
    let latest = null;

    function onMessage(event) {
      const data = event && event.data;
      if (event.source !== win || !data || data.ns !== NS || data.type !== "state") return;
      const state = sanitize(data.state);
      if (!state) return;
      latest = state;
      if (onState) onState(state);
    }

    return {
      start() { win.addEventListener("message", onMessage); },
      stop() { win.removeEventListener("message", onMessage); },
      latest() { return latest; },
      // Ask the probe for a fresh reading, e.g. after a chat switch seen in the DOM.
      request() { win.postMessage({ ns: NS, type: "request", reactRoots: S.SELECTORS.reactChatRoots }, win.location.origin); },
    };
  }

  const api = { createProbeBridge, sanitize, NS };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else root.Sendocki = Object.assign(root.Sendocki || {}, { probeBridge: api });
})(globalThis);
