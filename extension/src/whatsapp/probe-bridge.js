// ISOLATED side of the probe bridge. Messages come through window.postMessage, which the page
// can forge too: only well-shaped plain data is kept, and it is treated as a hint the adapter
// cross-checks against the page.
(function (root) {
  "use strict";

  const selectors = (typeof module !== "undefined" && module.exports) ? require("./selectors.js") : root.Sendocki.selectors;
  const NS = "sendocki-probe";
  const CHAT_ID = /^[0-9A-Za-z.-]{1,64}@(c\.us|lid|g\.us|newsletter|broadcast|bot)$/;
  const PHONE = /^\+\d{6,15}$/;

  function str(value, max) {
    return typeof value === "string" && value.length <= max ? value : null;
  }

  const PHONE_SOURCES = ["store-pn", "contact", "lid-cache"];
  const MODULES = ["chats", "contacts", "apiContact", "widFactory", "me"];

  function chatId(value) {
    const id = str(value, 80);
    return id && CHAT_ID.test(id) ? id : null;
  }

  function pick(value, allowed) {
    return allowed.includes(value) ? value : null;
  }

  function sanitize(raw) {
    if (!raw || typeof raw !== "object") return null;
    const modules = {};
    for (const name of MODULES) modules[name] = !!(raw.modules && raw.modules[name] === true);
    const phone = typeof raw.phone === "string" && PHONE.test(raw.phone) ? raw.phone : null;
    return {
      epoch: Number.isSafeInteger(raw.epoch) ? raw.epoch : null,
      chatId: chatId(raw.chatId),
      // "react": the id came from React's props of the #main on screen, "model" from the collection.
      chatIdFrom: pick(raw.chatIdFrom, ["react", "model"]),
      modelChatId: chatId(raw.modelChatId),
      reactChatId: chatId(raw.reactChatId),
      title: str(raw.title, 200),
      name: str(raw.name, 200),
      verifiedName: str(raw.verifiedName, 200),
      pushname: str(raw.pushname, 200),
      phone,
      phoneSource: phone ? pick(raw.phoneSource, PHONE_SOURCES) : null,
      me: typeof raw.me === "string" && /^\d{6,15}@c\.us$/.test(raw.me) ? raw.me : null,
      meFrom: str(raw.meFrom, 40),
      meLid: typeof raw.meLid === "string" && /^\d{6,20}@lid$/.test(raw.meLid) ? raw.meLid : null,
      meLidFrom: str(raw.meLidFrom, 40),
      waVersion: str(raw.waVersion, 40),
      loader: str(raw.loader, 20),
      modules,
    };
  }

  // `epochOf()` is the controller's chat-switch counter: each reading remembers the switch it
  // arrived in, so a reading for the previous chat is never taken for the current one.
  function createProbeBridge(win, onState, epochOf) {
    let latest = null;
    let received = 0;

    function onMessage(event) {
      const data = event && event.data;
      if (event.source !== win || !data || data.ns !== NS || data.type !== "state") return;
      const state = sanitize(data.state);
      if (!state) return;
      state.receivedInEpoch = epochOf ? epochOf() : 0;
      received += 1;
      latest = state;
      if (onState) onState(state);
    }

    return {
      start() { win.addEventListener("message", onMessage); },
      stop() { win.removeEventListener("message", onMessage); },
      latest() { return latest; },
      get received() { return received; },
      // Ask the probe for a fresh reading, e.g. after a chat switch seen in the DOM.
      request(epoch) {
        win.postMessage({ ns: NS, type: "request", epoch, reactRoots: selectors.SELECTORS.reactChatRoots }, win.location.origin);
      },
    };
  }

  const api = { createProbeBridge, sanitize, NS };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else root.Sendocki = Object.assign(root.Sendocki || {}, { probeBridge: api });
})(globalThis);
