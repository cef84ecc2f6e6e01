// MAIN-world probe: read-only look at WhatsApp's own state (active chat id, LID -> phone from the
// local cache, contact names), posted to the content script as plain JSON. When the chat
// collection cannot be found, the chat id is read from React's props on the chat's elements.
// Chrome runs it at document_start; it stays a single file so the page sees no helper globals.
// It never sends, never calls the server, never patches anything; every access is
// capability-checked and wrapped, and a failure simply means "no data" (the DOM path remains).
(function (root) {
  "use strict";

  const NS = "sendocki-probe";
  const RETRY_MS = 1000;
  const MAX_TRIES = 120;
  // Parents of an element's fiber looked at for a `chat` prop; enough for WhatsApp's nesting,
  // bounded so a changed or cyclic tree costs nothing.
  const MAX_FIBER_STEPS = 30;
  const CHAT_ID = /^[0-9A-Za-z.-]{1,64}@(c\.us|lid|g\.us|newsletter|broadcast|bot)$/;

  function createProbe(win) {
    let collection = null;
    let subscribed = false;
    let tries = 0;
    let timer = null;
    let reactRoots = []; // selectors sent by the content script (src/selectors.js)

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

    function chatIdOfProps(props) {
      const chat = props && typeof props === "object" ? props.chat : null;
      const id = chat && typeof chat === "object" ? serialize(chat.id) : null;
      return id && CHAT_ID.test(id) ? id : null;
    }

    // Source D: React keeps the component tree on DOM nodes (`__reactFiber$<random>`,
    // `__reactProps$<random>`); a parent of #main or the header gets the open chat as a `chat` prop.
    function chatIdOfElement(el) {
      let keys;
      try { keys = Object.keys(el); } catch (_) { return null; }
      const propsKey = keys.find((k) => k.startsWith("__reactProps$"));
      const fiberKey = keys.find((k) => k.startsWith("__reactFiber$") || k.startsWith("__reactInternalInstance$"));
      try {
        const id = propsKey ? chatIdOfProps(el[propsKey]) : null;
        if (id) return id;
      } catch (_) { /* unreadable props */ }
      try {
        let fiber = fiberKey ? el[fiberKey] : null;
        for (let step = 0; fiber && typeof fiber === "object" && step < MAX_FIBER_STEPS; step += 1) {
          const id = chatIdOfProps(fiber.memoizedProps);
          if (id) return id;
          fiber = fiber.return;
        }
      } catch (_) { /* React internals changed */ }
      return null;
    }

    function reactChatId() {
      for (const css of reactRoots) {
        try {
          const el = win.document && win.document.querySelector(css);
          const id = el ? chatIdOfElement(el) : null;
          if (id) return id;
        } catch (_) { /* invalid selector or no document yet */ }
      }
      return null;
    }

    // The seller's own ids, so the adapter can tell the self-chat when localStorage lacks
    // "last-wid-md". Local prefs only.
    function readMe(state) {
      const prefs = requireModule("WAWebUserPrefsMeUser");
      if (!prefs) return;
      /** @type {Array<[string, string[], string]>} state field, WhatsApp's getters, server */
      const sources = [["me", ["getMaybeMeUser", "getMeUser"], "c.us"], ["meLid", ["getMaybeMeLidUser", "getMeLidUser"], "lid"]];
      for (const [field, names, server] of sources) {
        for (const name of names) {
          try {
            const id = typeof prefs[name] === "function" ? serialize(prefs[name]()) : null;
            const match = id && /^(\d{6,20})(?::\d+)?@(c\.us|s\.whatsapp\.net|lid)$/.exec(id);
            const found = match && (match[2] === "lid" ? "lid" : "c.us") === server ? match[1] + "@" + server : null;
            if (found) { state[field] = found; break; }
          } catch (_) { /* not logged in yet, or renamed */ }
        }
      }
    }

    function text(value) {
      return typeof value === "string" ? value.slice(0, 200) : null;
    }

    function readState() {
      const state = { chatId: null, chatIdFrom: null, aliases: [], title: null, name: null, verifiedName: null,
        pushname: null, phone: null, phoneSource: null, waVersion: null, loader: null, me: null, meLid: null };
      try { state.waVersion = text(win.Debug && win.Debug.VERSION); } catch (_) { /* absent */ }
      state.loader = typeof win.__d === "function" && typeof win.require === "function" ? "meta" : "none";
      const active = readActive(state);
      readMe(state);
      if (!state.chatId) {
        // Key only: React's props give no number beyond the id's own digits.
        state.chatId = reactChatId();
        if (state.chatId) state.chatIdFrom = "react";
      }
      if (state.chatId && state.chatId.endsWith("@lid")) {
        const mapped = phoneForLid(active ? active.wid : state.chatId, active ? active.contact : null);
        if (mapped) Object.assign(state, mapped);
      }
      return state;
    }

    // Source A: the chat collection's active model. Fills `state`; returns the model's id and contact.
    function readActive(state) {
      collection = collection || findChatCollection();
      if (!collection) return null;
      let chat;
      try { chat = collection.getActive(); } catch (_) { return null; }
      if (!chat) return null;
      let contact;
      try {
        state.chatId = serialize(chat.id);
        state.chatIdFrom = state.chatId ? "model" : null;
        state.title = text(chat.formattedTitle);
        contact = chat.contact || null;
      } catch (_) { return null; }
      if (contact) {
        try {
          state.name = text(contact.name);
          state.verifiedName = text(contact.verifiedName);
          state.pushname = text(contact.pushname);
          const pn = serialize(contact.phoneNumber);
          if (pn && pn !== state.chatId) state.aliases.push(pn);
        } catch (_) { /* partial contact */ }
      }
      return state.chatId ? { wid: chat.id, contact } : null;
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
      if (Array.isArray(data.reactRoots)) {
        reactRoots = data.reactRoots.filter((css) => typeof css === "string" && css.length <= 100).slice(0, 4);
      }
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
})(globalThis);
