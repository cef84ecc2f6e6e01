// Keeps the cart mounted for the open chat. One MutationObserver on #app (fallback body) and one
// on the theme class: their callbacks only schedule; an idempotent ensureMounted() then runs at
// most once per frame, reads the header's title, notices chat switches (a new epoch for the
// probe) and puts the cart where it belongs, or takes it away where no order can be made.
(function (root) {
  "use strict";

  // Required under node --test; in the page, loaded before this file (manifest.json).
  const isNode = typeof module !== "undefined" && module.exports;
  const { selectors, adapter, probeEpochs, storedPhones, cartPlacement } = isNode ? {
    selectors: require("../whatsapp/selectors.js"),
    adapter: require("../whatsapp/adapter.js"),
    probeEpochs: require("./probe-epochs.js"),
    storedPhones: require("./stored-phones.js"),
    cartPlacement: require("./cart-placement.js"),
  } : root.Sendocki;

  // Backup for requestAnimationFrame, which pauses in hidden tabs.
  const FALLBACK_DELAY_MS = 100;
  // After a chat switch the probe answers within a frame or two; a page where it never answered
  // waits this long once, then no more (the DOM decides alone).
  const PROBE_WAIT_MS = 400;
  const now = probeEpochs.now;

  // onChatSwitch(chat): another chat (or kind of chat) is open; onPlaced(main, header): the cart
  // stands, whatever sits beside it may follow; onContextLost(): the extension was reloaded.
  function createMountKeeper({ win, doc, i18n, contextAlive, own, onReading, probeWaitMs, stats, instanceId, guard,
    onCartClick, onChatSwitch, onPlaced, onContextLost }) {
    let observer = null;
    let themeObserver = null;
    let scheduled = null;
    let chat = null;
    let lastHeader = null;
    let lastTitle = null;
    // Something the chat's reading depends on arrived: read it again even with the same header.
    let probeDirty = false;
    let idbDirty = false;
    let stopped = false;
    const epochs = probeEpochs.createProbeEpochs({
      win, stats, waitMs: typeof probeWaitMs === "number" ? probeWaitMs : PROBE_WAIT_MS,
      onAnswer(state) {
        stats.waVersion = state.waVersion;
        stats.loader = state.loader;
        probeDirty = true;
        schedule();
      },
      onWaitOver: () => schedule(),
    });
    const phones = storedPhones.createStoredPhones({
      win, epoch: () => epochs.current, openChat: () => chat, stopped: () => stopped,
      onFound() {
        idbDirty = true;
        schedule();
      },
    });
    const cart = cartPlacement.createCartPlacement({ win, doc, label: i18n.t("cartLabel"), instanceId, stats, guard,
      onClick: onCartClick });

    function schedule() {
      if (scheduled || stopped) return;
      const run = () => {
        if (!scheduled) return;
        cancelScheduled();
        ensureMounted();
      };
      scheduled = {
        frame: win.requestAnimationFrame ? win.requestAnimationFrame(run) : null,
        timer: win.setTimeout(run, FALLBACK_DELAY_MS),
      };
    }

    function cancelScheduled() {
      if (!scheduled) return;
      win.cancelAnimationFrame && win.cancelAnimationFrame(scheduled.frame);
      win.clearTimeout(scheduled.timer);
      scheduled = null;
    }

    function onMutations() {
      const start = now(win);
      schedule();
      stats.observerCalls += 1;
      stats.observerMs += now(win) - start;
    }

    function currentTitle() {
      const header = selectors.findHeader(doc);
      return adapter.readTitle(doc, header && header.el).text;
    }

    function readChat() {
      return adapter.describeChat(doc, { probe: epochs.latest(), epoch: epochs.current, waitForProbe: epochs.waiting(),
        own: (typeof own === "function" ? own() : own) || {}, idbPhones: phones.phones });
    }

    function onChatChange(next) {
      const previousKey = chat && chat.chatKey;
      const previousKind = chat && chat.kind;
      chat = next;
      if (previousKey !== next.chatKey || previousKind !== next.kind) {
        if (previousKey !== next.chatKey) stats.chatSwitches += 1;
        onChatSwitch(next);
      }
      if (next.kind === "pending") stats.pendingShown += 1;
      probeDirty = false;
      idbDirty = false;
      phones.lookUp(next);
    }

    // Which tier and source matched, for the compatibility line (no names, no numbers).
    function record(next) {
      if (!next || next.kind === "pending" || next.kind === "none" || next.kind === "login") return;
      const latest = epochs.latest();
      const reading = { kind: next.kind, tiers: next.tiers || null, anchorTier: stats.anchorTier, waVersion: next.waVersion || stats.waVersion,
        loader: stats.loader, modules: (latest && latest.modules) || null };
      const key = JSON.stringify(reading);
      if (stats.lastReading && stats.lastReadingKey === key) return;
      stats.lastReading = reading;
      stats.lastReadingKey = key;
      if (onReading) { try { onReading(reading, doc); } catch (_) { /* diagnostics are best effort */ } }
    }

    function ensureMounted() {
      const start = now(win);
      try {
        if (!contextAlive()) return onContextLost();
        const main = selectors.findMain(doc);
        if (!main) {
          if (lastTitle !== null) epochs.begin();
          const next = readChat();
          if (!chat || chat.kind !== next.kind) onChatChange(next);
          lastHeader = null;
          lastTitle = null;
          return cart.unmount();
        }
        const header = selectors.findHeader(doc);
        const title = adapter.readTitle(doc, header && header.el).text;
        const headerEl = header ? header.el : null;
        // A new title is another chat; a new header with the same title may be a re-render of the
        // same chat (the cart stays) or another chat of the same name: the probe is asked again.
        if (title !== lastTitle) epochs.begin();
        else if (headerEl !== lastHeader) epochs.askAgain();
        const pending = chat && chat.kind === "pending";
        if (headerEl !== lastHeader || title !== lastTitle || probeDirty || idbDirty || pending || !chat || (chat.hasRowKey === false && chat.keySource === "title")) {
          lastHeader = headerEl;
          lastTitle = title;
          onChatChange(readChat());
        }
        stats.headerTier = header ? header.tier : null;
        if (!chat.cart) { cart.unmount(); stats.anchorTier = null; return record(chat); }
        if (header) cart.inHeader(header.el, selectors.pageTheme(doc));
        else cart.floating(main);
        record(chat);
        onPlaced(main, headerEl);
      } finally {
        stats.ensureRuns += 1;
        stats.ensureMs += now(win) - start;
      }
    }

    // A floating cart follows the chat's corner.
    function onResize() {
      if (stats.floating) schedule();
    }

    function start() {
      epochs.start();
      const target = selectors.first(doc, selectors.SELECTORS.app) || doc.body;
      observer = new win.MutationObserver(onMutations);
      observer.observe(target, { childList: true, subtree: true });
      // The theme is a class on <body>/<html>: watched apart, so the row observer stays childList-only.
      themeObserver = new win.MutationObserver(schedule);
      for (const el of [doc.documentElement, doc.body]) {
        if (el) themeObserver.observe(el, { attributes: true, attributeFilter: ["class"] });
      }
      win.addEventListener("resize", onResize);
      ensureMounted();
    }

    function stop() {
      stopped = true;
      if (observer) observer.disconnect();
      if (themeObserver) themeObserver.disconnect();
      epochs.stop();
      win.removeEventListener("resize", onResize);
      cancelScheduled();
      cart.unmount();
    }

    return {
      start, stop, ensureMounted, readChat, currentTitle,
      hostTags: [cartPlacement.TAG],
      get chat() { return chat; },
      get cartHost() { return cart.host; },
      get cartButton() { return cart.button; },
    };
  }

  const api = { createMountKeeper };
  if (isNode) module.exports = api;
  else root.Sendocki = Object.assign(root.Sendocki || {}, { mountKeeper: api });
})(globalThis);
