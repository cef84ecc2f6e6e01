// A stand-in for WhatsApp's module registry (window.require / __d, Debug.VERSION), built from a
// fixture's "waState". Used by the node tests and injected into pages by the browser tests.
// mode: "present" (modules answer), "missing" (nothing registered), "throwing" (every access throws).
(function (root) {
  "use strict";

  function wid(serialized) {
    const at = serialized.indexOf("@");
    return { user: serialized.slice(0, at), server: serialized.slice(at + 1), _serialized: serialized,
      toString() { return serialized; } };
  }

  function installFakeWhatsApp(win, waState, options) {
    const mode = (options && options.mode) || "present";
    const lidMap = Object.assign({}, waState.lidMap || {});
    const listeners = [];

    function makeChat(active) {
      if (!active) return null;
      const contact = Object.assign({}, active.contact || {});
      if (contact.phoneNumber) contact.phoneNumber = wid(contact.phoneNumber);
      return { id: wid(active.id), formattedTitle: active.formattedTitle, contact };
    }

    let active = makeChat(waState.active);
    const Chat = {
      getActive() {
        if (mode === "throwing") throw new Error("getActive failed");
        return active;
      },
      on(event, callback) { if (event === "change:active") listeners.push(callback); },
      off(event, callback) {
        const index = listeners.indexOf(callback);
        if (index >= 0) listeners.splice(index, 1);
      },
    };
    const modules = {
      WAWebCollections: { Chat },
      WAWebApiContact: {
        getPhoneNumber(id) {
          if (mode === "throwing") throw new Error("getPhoneNumber failed");
          const pn = lidMap[id && id._serialized ? id._serialized : String(id)];
          return pn ? wid(pn) : null;
        },
      },
    };

    win.Debug = { VERSION: waState.version };
    win.__d = function define() {};
    win.require = function require(name) {
      if (mode === "throwing") throw new Error("registry failure");
      if (mode === "missing" || !(name in modules)) throw new Error('Requiring unknown module "' + name + '"');
      return modules[name];
    };

    return {
      modules,
      listenerCount: () => listeners.length,
      // What WhatsApp does when the seller opens another chat.
      switchTo(nextActive, nextLidMap) {
        if (nextLidMap) Object.assign(lidMap, nextLidMap);
        active = makeChat(nextActive);
        for (const listener of listeners.slice()) listener(active);
      },
    };
  }

  if (typeof module !== "undefined" && module.exports) module.exports = { installFakeWhatsApp };
  else root.installFakeWhatsApp = installFakeWhatsApp;
})(typeof globalThis !== "undefined" ? globalThis : this);
