// A stand-in for WhatsApp Web's own scripts as they behave in 2026, built from a fixture's
// "waState". Used by the node tests and injected into pages by the browser tests, where it runs
// as WhatsApp's scripts would: in the page, after the probe (document_start) started.
//  - a Meta-style module system: __d(name, deps, factory) registers, require(name) runs the
//    factory once and throws 'Requiring unknown module "X"' for anything not registered;
//    modules listed in waState.modules.missing never register, those in .late only when
//    registerLate() runs (a lazily loaded script, a drawer opened);
//  - Wid objects like WhatsApp's (user, server, _serialized, toString, equals, isLid...);
//    WAWebApiContact.getPhoneNumber(wid) calls wid.equals, so a string throws a TypeError;
//    WAWebWidFactory.createWid(string) builds one;
//  - ChatCollection (getActive, get, on/off "change:active"), ContactCollection (get by Wid or id),
//    WAWebUserPrefsMeUser (getMaybeMePnUser, getMaybeMeLidUser, getMeUserOrThrow), Debug.VERSION;
//  - React: #main gets __reactFiber$/__reactProps$ keys, the open chat model as the `chat` prop
//    four fiber levels up;
//  - IndexedDB "model-storage" with stores message, chat, contact, group-metadata;
//  - a Lexical-like composer: a paste of text/plain becomes one paragraph per line; insertText
//    flattens line breaks (as seen in 2026); Enter in the box counts as "sent".
// mode: "present" (default), "throwing" (every module access throws).
(function (root) {
  "use strict";

  const REACT_SUFFIX = "$fx" + "7k2q9";

  class Wid {
    constructor(serialized) {
      const text = String(serialized);
      const at = text.indexOf("@");
      if (at < 1) throw new Error("invalid wid: " + text);
      this.user = text.slice(0, at);
      this.server = text.slice(at + 1);
      this._serialized = text;
    }
    toString() { return this._serialized; }
    equals(other) {
      // As WhatsApp's: the other side must be a Wid (a string has no .server to compare).
      if (other == null || typeof other.equals !== "function") throw new TypeError("wid.equals is not a function");
      return other._serialized === this._serialized;
    }
    isLid() { return this.server === "lid"; }
    isUser() { return this.server === "c.us" || this.server === "lid"; }
    isGroup() { return this.server === "g.us"; }
    isNewsletter() { return this.server === "newsletter"; }
  }

  function asWid(value) {
    if (value instanceof Wid) return value;
    if (value && typeof value.equals === "function") return value;
    // What getPhoneNumber does first: ask the argument to compare itself.
    return value.equals(value);
  }

  function installFakeWhatsApp(win, waState, options) {
    const mode = (options && options.mode) || "present";
    const state = waState || {};
    const missing = new Set((state.modules && state.modules.missing) || []);
    const late = new Set((state.modules && state.modules.late) || []);
    const lidMap = Object.assign({}, state.lidMap || {});
    const listeners = [];
    const definitions = new Map();
    const instances = new Map();
    const counters = { sent: 0, requires: 0 };

    function makeContact(spec) {
      if (!spec) return null;
      const contact = Object.assign({}, spec);
      contact.id = new Wid(spec.id);
      if (spec.phoneNumber) contact.phoneNumber = new Wid(spec.phoneNumber);
      return contact;
    }

    const contacts = new Map();
    for (const spec of state.contacts || []) contacts.set(spec.id, makeContact(spec));
    const chats = new Map();
    for (const spec of state.chats || []) {
      const contact = spec.contact ? makeContact(Object.assign({ id: spec.id }, spec.contact)) : contacts.get(spec.id) || null;
      if (contact && !contacts.has(spec.id)) contacts.set(spec.id, contact);
      chats.set(spec.id, { id: new Wid(spec.id), formattedTitle: spec.formattedTitle, contact,
        isGroup: spec.id.endsWith("@g.us") });
    }
    let active = state.active ? chats.get(state.active) || null : null;

    function guard() {
      if (mode === "throwing") throw new Error("registry failure");
    }

    const ChatCollection = {
      getActive() { guard(); return active; },
      get(id) { guard(); return chats.get(String(id && id._serialized ? id._serialized : id)) || null; },
      on(event, callback) { if (event === "change:active") listeners.push(callback); },
      off(event, callback) {
        const index = listeners.indexOf(callback);
        if (index >= 0) listeners.splice(index, 1);
      },
    };
    const ContactCollection = {
      get(id) { guard(); return contacts.get(String(id && id._serialized ? id._serialized : id)) || null; },
    };
    const me = state.me || {};
    const factories = {
      WAWebChatCollection: () => ({ ChatCollection }),
      WAWebContactCollection: () => ({ ContactCollection }),
      WAWebApiContact: () => ({
        getPhoneNumber(wid) {
          guard();
          const real = asWid(wid);
          const pn = lidMap[real._serialized];
          return pn ? new Wid(pn) : null;
        },
      }),
      WAWebWidFactory: () => ({ createWid: (id) => new Wid(id) }),
      WAWebUserPrefsMeUser: () => ({
        getMaybeMePnUser: () => (me.pn ? new Wid(me.pn) : null),
        getMaybeMeLidUser: () => (me.lid ? new Wid(me.lid) : null),
        getMeUserOrThrow: () => { if (!me.pn) throw new Error("no me"); return new Wid(me.pn); },
      }),
    };
    // Tests replace a module's exports (a renamed or broken function).
    for (const [name, exports] of Object.entries((options && options.overrides) || {})) factories[name] = () => exports;
    if (state.modules && state.modules.collections) {
      factories.WAWebCollections = () => ({ Chat: ChatCollection, Contact: ContactCollection });
    }

    function define(name, deps, factory) {
      if (!definitions.has(name)) definitions.set(name, factory);
    }

    function requireModule(name) {
      counters.requires += 1;
      guard();
      if (!definitions.has(name)) throw new Error('Requiring unknown module "' + name + '"');
      if (!instances.has(name)) {
        const module = { exports: {} };
        const result = definitions.get(name)(win, requireModule, null, null, module, module.exports);
        instances.set(name, result || module.exports);
      }
      return instances.get(name);
    }

    function register(names) {
      for (const name of names) {
        if (factories[name] && !missing.has(name)) define(name, [], factories[name]);
      }
    }

    if (state.version) win.Debug = { VERSION: state.version };
    if (!(state.modules && state.modules.noLoader)) {
      win.__d = define;
      win.require = requireModule;
      register(Object.keys(factories).filter((name) => !late.has(name)));
    }

    // React: the wrapper above #main holds the open chat as its `chat` prop, four fibers up.
    function attachReact() {
      if (state.react === false) return;
      const main = win.document.getElementById("main");
      if (!main) return;
      const chatProp = active;
      const top = { memoizedProps: { chat: chatProp, children: null }, return: null };
      const fiber = { memoizedProps: { id: "main", className: "x" },
        return: { memoizedProps: { style: {} }, return: { memoizedProps: { onClick: null }, return: { memoizedProps: {}, return: top } } } };
      main["__reactFiber" + REACT_SUFFIX] = fiber;
      main["__reactProps" + REACT_SUFFIX] = { id: "main", className: "x" };
    }

    function fillIndexedDb() {
      const records = state.idbContacts;
      if (!records || !win.indexedDB) return Promise.resolve(false);
      return new Promise((resolve) => {
        const request = win.indexedDB.open("model-storage", 3);
        request.onupgradeneeded = () => {
          const db = request.result;
          for (const store of ["message", "chat", "contact", "group-metadata"]) {
            if (!db.objectStoreNames.contains(store)) db.createObjectStore(store, { keyPath: "id" });
          }
        };
        request.onerror = () => resolve(false);
        request.onsuccess = () => {
          const db = request.result;
          const tx = db.transaction("contact", "readwrite");
          for (const record of records) tx.objectStore("contact").put(record);
          tx.oncomplete = () => { db.close(); resolve(true); };
          tx.onerror = () => { db.close(); resolve(false); };
        };
      });
    }

    // A Lexical-like editor: paragraphs per pasted line; insertText flattens line breaks.
    function attachComposer() {
      const box = win.document.querySelector('#main [data-lexical-editor="true"]');
      if (!box || box.__fakeLexical) return;
      box.__fakeLexical = true;
      const paragraphs = () => Array.from(box.querySelectorAll("p"));
      const lastParagraph = () => {
        let p = paragraphs().pop();
        if (!p) { p = win.document.createElement("p"); box.appendChild(p); }
        return p;
      };
      const appendText = (p, text) => {
        const br = p.querySelector("br");
        if (br && p.childNodes.length === 1) br.remove();
        if (text) p.appendChild(win.document.createTextNode(text));
      };
      const newParagraph = () => {
        const p = win.document.createElement("p");
        p.className = "selectable-text copyable-text";
        p.appendChild(win.document.createElement("br"));
        box.appendChild(p);
        return p;
      };
      box.addEventListener("paste", (event) => {
        const data = event.clipboardData;
        const text = data ? data.getData("text/plain") : "";
        event.preventDefault();
        if (!text) return;
        text.split(/\r?\n/).forEach((line, i) => appendText(i === 0 ? lastParagraph() : newParagraph(), line));
      });
      box.addEventListener("beforeinput", (event) => {
        event.preventDefault();
        if (event.inputType === "insertText") appendText(lastParagraph(), String(event.data || "").replace(/\r?\n/g, " "));
        else if (event.inputType === "insertParagraph") newParagraph();
      });
      box.addEventListener("keydown", (event) => { if (event.key === "Enter" && !event.shiftKey) counters.sent += 1; });
    }

    // In a page this runs from <head>, before #main exists: React and the composer attach once
    // the document is parsed (WhatsApp renders before the content script's document_idle).
    if (win.document.readyState === "loading") {
      win.document.addEventListener("DOMContentLoaded", () => { attachReact(); attachComposer(); });
    } else {
      attachReact();
      attachComposer();
    }
    const idbReady = fillIndexedDb();

    return {
      Wid,
      modules: factories,
      counters,
      idbReady,
      listenerCount: () => listeners.length,
      // A lazily loaded script registered the modules held back.
      registerLate() { register(Array.from(late)); },
      // What WhatsApp does when the seller opens another chat: the active chat changes (listeners
      // fire), then #main is rendered again. `mainHtml`: the next chat's #main.
      switchTo(chatId, mainHtml, nextLidMap) {
        if (nextLidMap) Object.assign(lidMap, nextLidMap);
        active = chats.get(chatId) || null;
        for (const listener of listeners.slice()) listener(active);
        if (mainHtml !== undefined) {
          const main = win.document.getElementById("main");
          const holder = win.document.createElement("div");
          holder.innerHTML = mainHtml;
          const next = holder.firstElementChild;
          if (main && next) main.replaceWith(next);
          attachReact();
          attachComposer();
        }
      },
    };
  }

  if (typeof module !== "undefined" && module.exports) module.exports = { installFakeWhatsApp, Wid };
  else root.installFakeWhatsApp = installFakeWhatsApp;
})(typeof globalThis !== "undefined" ? globalThis : this);
