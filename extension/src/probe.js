// MAIN-world probe: read-only look at WhatsApp's own state (active chat id, LID -> phone from the
// local cache, contact names), posted to the content script as plain JSON.
// It never sends, never calls the server, never patches anything; every access is
// capability-checked and wrapped, and a failure simply means "no data" (the DOM path remains).
(function (root) {
  "use strict";

  const NS = "sendocki-probe";
  const RETRY_MS = 1000;
  const MAX_TRIES = 120;

  function createProbe(win) {
    let collection = null;
    let subscribed = false;
    let tries = 0;
    let timer = null;

    function requireModule(name) {
      try {
        if (typeof win.require !== "function") return null;
        return win.require(name) || null;
      } catch (_) {
        return null; // unknown or not yet registered (modules load lazily)
      }
    }

    function findChatCollection() {
      const collections = requireModule("WAWebCollections");
      if (collections && collections.Chat && typeof collections.Chat.getActive === "function") return collections.Chat;
      const chats = requireModule("WAWebChatCollection");
      const candidate = chats && (chats.ChatCollection || chats.default);
      return candidate && typeof candidate.getActive === "function" ? candidate : null;
    }

    function serialize(wid) {
      try {
        if (!wid) return null;
        if (typeof wid === "string") return wid;
        if (typeof wid._serialized === "string") return wid._serialized;
        if (wid.user && wid.server) return String(wid.user) + "@" + String(wid.server);
      } catch (_) { /* fall through */ }
      return null;
    }

    function phoneOfWid(wid) {
      const id = serialize(wid);
      const match = id && /^(\d{6,15})@(c\.us|s\.whatsapp\.net)$/.exec(id);
      return match ? "+" + match[1] : null;
    }

    // LID -> phone from WhatsApp's local cache only; never an on-demand server look-up.
    function phoneForLid(chatId, contact) {
      const api = requireModule("WAWebApiContact");
      if (api && typeof api.getPhoneNumber === "function") {
        try {
          const phone = phoneOfWid(api.getPhoneNumber(chatId));
          if (phone) return { phone, phoneSource: "lid-cache" };
        } catch (_) { /* mapping unknown */ }
      }
      try {
        const phone = contact && phoneOfWid(contact.phoneNumber);
        if (phone) return { phone, phoneSource: "lid-cache" };
      } catch (_) { /* no contact model */ }
      return null;
    }

    function text(value) {
      return typeof value === "string" ? value.slice(0, 200) : null;
    }

    function readState() {
      const state = { chatId: null, aliases: [], title: null, name: null, verifiedName: null, pushname: null,
        phone: null, phoneSource: null, waVersion: null, loader: null };
      try { state.waVersion = text(win.Debug && win.Debug.VERSION); } catch (_) { /* absent */ }
      state.loader = typeof win.__d === "function" && typeof win.require === "function" ? "meta" : "none";
      collection = collection || findChatCollection();
      if (!collection) return state;
      let chat = null;
      try { chat = collection.getActive(); } catch (_) { return state; }
      if (!chat) return state;
      let contact = null;
      try {
        state.chatId = serialize(chat.id);
        state.title = text(chat.formattedTitle);
        contact = chat.contact || null;
      } catch (_) { return state; }
      if (contact) {
        try {
          state.name = text(contact.name);
          state.verifiedName = text(contact.verifiedName);
          state.pushname = text(contact.pushname);
          const pn = serialize(contact.phoneNumber);
          if (pn && pn !== state.chatId) state.aliases.push(pn);
        } catch (_) { /* partial contact */ }
      }
      if (state.chatId && state.chatId.endsWith("@lid")) {
        const mapped = phoneForLid(chat.id, contact);
        if (mapped) Object.assign(state, mapped);
      }
      return state;
    }

    function post() {
      let state;
      try { state = readState(); } catch (_) { return; }
      win.postMessage({ ns: NS, type: "state", state }, win.location ? win.location.origin : "*");
    }

    function subscribe() {
      if (subscribed || !collection || typeof collection.on !== "function") return;
      try {
        collection.on("change:active", post);
        subscribed = true;
      } catch (_) { /* events unavailable: the content script still pulls on chat switch */ }
    }

    function attempt() {
      timer = null;
      collection = collection || findChatCollection();
      if (collection) {
        subscribe();
        post();
        return;
      }
      tries += 1;
      if (tries < MAX_TRIES) timer = win.setTimeout(attempt, RETRY_MS);
    }

    function onMessage(event) {
      const data = event && event.data;
      if (event.source !== win || !data || data.ns !== NS || data.type !== "request") return;
      post();
    }

    function start() {
      win.addEventListener("message", onMessage);
      attempt();
    }

    function stop() {
      win.removeEventListener("message", onMessage);
      if (timer) win.clearTimeout(timer);
      if (subscribed && collection && typeof collection.off === "function") {
        try { collection.off("change:active", post); } catch (_) { /* ignore */ }
      }
    }

    return { start, stop, readState };
  }

  if (typeof module !== "undefined" && module.exports) {
    module.exports = { createProbe, NS };
  } else if (!root.__sendockiProbeStarted) {
    Object.defineProperty(root, "__sendockiProbeStarted", { value: true });
    createProbe(root).start();
  }
})(typeof globalThis !== "undefined" ? globalThis : this);
