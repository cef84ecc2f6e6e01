// MAIN-world probe: a read-only look at WhatsApp's own state, posted to the content script as
// plain JSON. On the 2026 page this is the only place the chat id and the number exist (message
// rows carry bare message ids), so every module path has a fallback:
//   chat id: the chat collection's active chat, and React's `chat` prop on #main read at the same
//            moment (the DOM's chat: it wins when the two disagree during a switch);
//   number:  the chat's own Wid (@c.us) or its contact's phoneNumber (store-pn), the contact
//            collection (contact), WAWebApiContact.getPhoneNumber with a real Wid built by
//            WAWebWidFactory.createWid (lid-cache; it throws on a string);
//   own ids: WAWebUserPrefsMeUser.getMaybeMePnUser / getMaybeMeLidUser (getMaybeMeUser before 2025-09).
// Modules register lazily and module finders broke on some 2026 builds: missing modules are looked
// up again on each request (chat switch), when new scripts finish loading (PerformanceObserver),
// and on a bounded back-off timer; one look-up is a handful of guarded `require` calls.
// Chrome runs it at document_start; it stays a single file so the page sees no helper globals.
// It never sends, never calls the server, never patches anything; a failure means "no data".
(function (root) {
  "use strict";

  const NS = "sendocki-probe";
  const FIRST_RETRY_MS = 250;
  const MAX_RETRY_MS = 5000;
  const MAX_TRIES = 60; // about 4 minutes of back-off, then only requests and script loads retry
  const MIN_LOOKUP_GAP_MS = 100; // script-load bursts trigger at most one look-up per gap
  // Parents of an element's fiber looked at for a `chat` prop (about 4 in 2026), bounded so a
  // changed or cyclic tree costs nothing.
  const MAX_FIBER_STEPS = 30;
  const CHAT_ID = /^[0-9A-Za-z.-]{1,64}@(c\.us|lid|g\.us|newsletter|broadcast|bot)$/;
  const PHONE_ID = /^(\d{6,15})@(c\.us|s\.whatsapp\.net)$/;
  const OWN_ID = /^(\d{6,20})(?::\d+)?@(c\.us|s\.whatsapp\.net|lid)$/;

  // Module paths, best first: [module name, export holding the object or function].
  const PATHS = {
    chats: [["WAWebChatCollection", "ChatCollection"], ["WAWebCollections", "Chat"], ["WAWebChatCollection", "default"]],
    contacts: [["WAWebContactCollection", "ContactCollection"], ["WAWebCollections", "Contact"]],
    apiContact: [["WAWebApiContact", null]],
    widFactory: [["WAWebWidFactory", null]],
    me: [["WAWebUserPrefsMeUser", null], ["WAWebUserPrefs", null]],
  };
  const CHECKS = {
    chats: (m) => typeof m.getActive === "function",
    contacts: (m) => typeof m.get === "function",
    apiContact: (m) => typeof m.getPhoneNumber === "function",
    widFactory: (m) => typeof m.createWid === "function",
    me: (m) => typeof m.getMaybeMePnUser === "function" || typeof m.getMaybeMeUser === "function" || typeof m.getMeUserOrThrow === "function",
  };

  function createProbe(win) {
    const found = { chats: null, contacts: null, apiContact: null, widFactory: null, me: null };
    let subscribed = false;
    let tries = 0;
    let timer = null;
    let lastLookup = -Infinity;
    let scripts = null; // PerformanceObserver of script loads
    let lookups = 0;
    let reactRoots = []; // selectors sent by the content script (whatsapp/selectors.js)

    function now() {
      try { return win.performance.now(); } catch (_) { return Date.now(); }
    }

    function requireModule(name) {
      try {
        if (typeof win.require !== "function") return null;
        return win.require(name) || null;
      } catch (_) {
        return null; // unknown or not yet registered (modules load lazily)
      }
    }

    function lookUpMissing() {
      lastLookup = now();
      lookups += 1;
      for (const kind of Object.keys(PATHS)) {
        if (found[kind]) continue;
        for (const [name, field] of PATHS[kind]) {
          const mod = requireModule(name);
          let candidate;
          try { candidate = mod && (field ? mod[field] : mod); } catch (_) { candidate = null; }
          let ok;
          try { ok = !!candidate && CHECKS[kind](candidate); } catch (_) { ok = false; }
          if (ok) { found[kind] = candidate; break; }
        }
      }
      subscribe();
      return allFound();
    }

    function allFound() {
      return Object.keys(found).every((kind) => !!found[kind]);
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

    // A real Wid for WhatsApp's own functions (getPhoneNumber calls wid.equals: a string throws).
    function toWid(value) {
      try {
        if (value && typeof value === "object" && typeof value.equals === "function") return value;
        const id = serialize(value);
        if (id && found.widFactory) return found.widFactory.createWid(id) || null;
      } catch (_) { /* factory changed or refused the id */ }
      return null;
    }

    function phoneOfWid(wid) {
      const match = PHONE_ID.exec(serialize(wid) || "");
      return match ? "+" + match[1] : null;
    }

    function chatOfProps(props) {
      const chat = props && typeof props === "object" ? props.chat : null;
      if (!chat || typeof chat !== "object") return null;
      const id = serialize(chat.id);
      return id && CHAT_ID.test(id) ? { id, chat } : null;
    }

    // React keeps the component tree on DOM nodes (`__reactFiber$<random>`, `__reactProps$<random>`);
    // a component above #main gets the open chat as its `chat` prop.
    function chatOfElement(el) {
      let keys;
      try { keys = Object.keys(el); } catch (_) { return null; }
      const propsKey = keys.find((k) => k.startsWith("__reactProps$"));
      const fiberKey = keys.find((k) => k.startsWith("__reactFiber$") || k.startsWith("__reactInternalInstance$"));
      try {
        const hit = propsKey ? chatOfProps(el[propsKey]) : null;
        if (hit) return hit;
      } catch (_) { /* unreadable props */ }
      try {
        let fiber = fiberKey ? el[fiberKey] : null;
        for (let step = 0; fiber && typeof fiber === "object" && step < MAX_FIBER_STEPS; step += 1) {
          const hit = chatOfProps(fiber.memoizedProps);
          if (hit) return hit;
          fiber = fiber.return;
        }
      } catch (_) { /* React internals changed */ }
      return null;
    }

    function reactChat() {
      for (const css of reactRoots) {
        try {
          const el = win.document && win.document.querySelector(css);
          const hit = el ? chatOfElement(el) : null;
          if (hit) return hit;
        } catch (_) { /* invalid selector or no document yet */ }
      }
      return null;
    }

    function activeChat() {
      if (!found.chats) return null;
      try {
        const chat = found.chats.getActive();
        const id = chat ? serialize(chat.id) : null;
        return id && CHAT_ID.test(id) ? { id, chat } : null;
      } catch (_) {
        return null;
      }
    }

    // The number of a 1:1 chat, sources in order; each one guarded on its own.
    function phoneOf(id, chat) {
      const own = phoneOfWid(id);
      if (own) return { phone: own, phoneSource: "store-pn" };
      if (!id.endsWith("@lid")) return null;
      try {
        const pn = chat && chat.contact ? phoneOfWid(chat.contact.phoneNumber) : null;
        if (pn) return { phone: pn, phoneSource: "store-pn" };
      } catch (_) { /* partial chat model */ }
      const wid = toWid(chat ? chat.id : id) || toWid(id);
      if (found.contacts) {
        try {
          const contact = found.contacts.get(wid || id);
          const pn = contact ? phoneOfWid(contact.phoneNumber) : null;
          if (pn) return { phone: pn, phoneSource: "contact" };
        } catch (_) { /* collection changed */ }
      }
      if (found.apiContact && wid) {
        try {
          const pn = phoneOfWid(found.apiContact.getPhoneNumber(wid));
          if (pn) return { phone: pn, phoneSource: "lid-cache" };
        } catch (_) { /* mapping unknown, or the function changed */ }
      }
      return null;
    }

    function text(value) {
      return typeof value === "string" ? value.slice(0, 200) : null;
    }

    function ownId(prefs, names, server) {
      for (const name of names) {
        try {
          if (typeof prefs[name] !== "function") continue;
          const match = OWN_ID.exec(serialize(prefs[name]()) || "");
          if (match && (match[2] === "lid") === (server === "lid")) return { id: match[1] + "@" + server, from: name };
        } catch (_) { /* not logged in yet, or renamed */ }
      }
      return null;
    }

    function readMe(state) {
      const prefs = found.me;
      if (!prefs) return;
      const pn = ownId(prefs, ["getMaybeMePnUser", "getMaybeMeUser", "getMeUserOrThrow"], "c.us");
      const lid = ownId(prefs, ["getMaybeMeLidUser", "getMeLidUserOrThrow"], "lid");
      if (pn) { state.me = pn.id; state.meFrom = pn.from; }
      if (lid) { state.meLid = lid.id; state.meLidFrom = lid.from; }
    }

    function readState(epoch) {
      const state = { epoch: typeof epoch === "number" ? epoch : null, chatId: null, chatIdFrom: null,
        modelChatId: null, reactChatId: null, title: null, name: null, verifiedName: null, pushname: null,
        phone: null, phoneSource: null, waVersion: null, loader: null, me: null, meFrom: null, meLid: null,
        meLidFrom: null, modules: {} };
      try { state.waVersion = text(win.Debug && win.Debug.VERSION); } catch (_) { /* absent */ }
      state.loader = typeof win.__d === "function" && typeof win.require === "function" ? "meta" : "none";
      for (const kind of Object.keys(found)) state.modules[kind] = !!found[kind];
      readMe(state);
      const model = activeChat();
      const react = reactChat();
      state.modelChatId = model ? model.id : null;
      state.reactChatId = react ? react.id : null;
      // React's prop belongs to the #main on screen right now: it wins when the two disagree.
      const page = react || model;
      if (!page) return state;
      state.chatId = page.id;
      state.chatIdFrom = react ? "react" : "model";
      const chat = page.chat;
      try {
        state.title = text(chat.formattedTitle);
        const contact = chat.contact || null;
        if (contact) {
          state.name = text(contact.name);
          state.verifiedName = text(contact.verifiedName);
          state.pushname = text(contact.pushname);
        }
      } catch (_) { /* partial chat model */ }
      const phone = /@(c\.us|lid)$/.test(page.id) ? phoneOf(page.id, chat) : null;
      if (phone) Object.assign(state, phone);
      return state;
    }

    function post(epoch) {
      let state;
      try { state = readState(epoch); } catch (_) { return; }
      win.postMessage({ ns: NS, type: "state", state }, win.location ? win.location.origin : "*");
    }

    function onActiveChange() {
      post(null);
    }

    function subscribe() {
      if (subscribed || !found.chats || typeof found.chats.on !== "function") return;
      try {
        found.chats.on("change:active", onActiveChange);
        subscribed = true;
      } catch (_) { /* events unavailable: the content script still asks on each chat switch */ }
    }

    // Back-off timer: found everything, or gave up after MAX_TRIES.
    function attempt() {
      timer = null;
      const done = lookUpMissing();
      if (found.chats || found.widFactory) post(null);
      if (done) return stopWatchingScripts();
      tries += 1;
      if (tries < MAX_TRIES) timer = win.setTimeout(attempt, Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.min(tries, 5)));
    }

    // A finished script may have registered modules: look again, at most once per gap.
    function onScripts(list) {
      let script;
      try { script = list.getEntries().some((e) => e.initiatorType === "script"); } catch (_) { script = true; }
      if (!script || allFound() || now() - lastLookup < MIN_LOOKUP_GAP_MS) return;
      const before = found.chats;
      lookUpMissing();
      if (!before && found.chats) post(null);
      if (allFound()) stopWatchingScripts();
    }

    function watchScripts() {
      try {
        if (typeof win.PerformanceObserver !== "function") return;
        scripts = new win.PerformanceObserver(onScripts);
        scripts.observe({ type: "resource", buffered: false });
      } catch (_) { scripts = null; }
    }

    function stopWatchingScripts() {
      if (scripts) { try { scripts.disconnect(); } catch (_) { /* gone */ } scripts = null; }
    }

    function onMessage(event) {
      const data = event && event.data;
      if (event.source !== win || !data || data.ns !== NS || data.type !== "request") return;
      if (Array.isArray(data.reactRoots)) {
        reactRoots = data.reactRoots.filter((css) => typeof css === "string" && css.length <= 100).slice(0, 4);
      }
      // A chat switch: modules that were missing may be registered by now.
      if (!allFound()) lookUpMissing();
      post(Number.isSafeInteger(data.epoch) ? data.epoch : null);
    }

    function start() {
      win.addEventListener("message", onMessage);
      watchScripts();
      attempt();
    }

    function stop() {
      win.removeEventListener("message", onMessage);
      if (timer) win.clearTimeout(timer);
      stopWatchingScripts();
      if (subscribed && found.chats && typeof found.chats.off === "function") {
        try { found.chats.off("change:active", onActiveChange); } catch (_) { /* ignore */ }
      }
    }

    return { start, stop, readState, lookUpMissing, get lookups() { return lookups; }, get tries() { return tries; } };
  }

  if (typeof module !== "undefined" && module.exports) {
    module.exports = { createProbe, NS };
  } else if (!root.__sendockiProbeStarted) {
    Object.defineProperty(root, "__sendockiProbeStarted", { value: true });
    createProbe(root).start();
  }
})(globalThis);
