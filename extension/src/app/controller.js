// The content script's two halves, wired: app/mount-keeper.js keeps the cart on the open chat and
// says when the chat changes; app/chat-session.js holds what belongs to that chat (the draft, the
// panel, what follows an order). One stats object for both, read by the tests and diagnostics.
(function (root) {
  "use strict";

  const isNode = typeof module !== "undefined" && module.exports;
  const mountKeeper = isNode ? require("./mount-keeper.js") : root.Sendocki.mountKeeper;
  const chatSession = isNode ? require("./chat-session.js") : root.Sendocki.chatSession;

  function newStats() {
    return { observerCalls: 0, observerMs: 0, ensureRuns: 0, ensureMs: 0, chatSwitches: 0,
      mounts: 0, createToShown: [], anchorTier: null, headerTier: null, waVersion: null, loader: null, floating: false,
      probeRequests: 0, pendingShown: 0, lastReading: null };
  }

  // `guard`: src/ui/page-guard.js (closed roots, trusted events only when absent).
  function createController({ win, doc, i18n, contextAlive, phoneMemory, own, send, onReading, probeWaitMs, guard }) {
    // Marks this copy's hosts: an earlier copy (before an extension reload) may have left its own.
    const instanceId = Math.random().toString(36).slice(2, 10);
    const stats = newStats();
    let stopped = false;
    const keeper = mountKeeper.createMountKeeper({
      win, doc, i18n, contextAlive, own, onReading, probeWaitMs, stats, instanceId, guard,
      onCartClick: () => session.openDialog(),
      onChatSwitch: (chat) => session.followChat(chat),
      onPlaced: (main, header) => session.placePanel(main, header),
      onContextLost: () => teardown(),
    });
    const session = chatSession.createChatSession({
      win, doc, i18n, send, phoneMemory, stats, contextAlive, guard,
      openChat: () => keeper.chat,
      readChat: () => keeper.readChat(),
      currentTitle: () => keeper.currentTitle(),
      onContextLost: () => teardown(),
    });

    function removeStaleHosts() {
      for (const stale of doc.querySelectorAll([...keeper.hostTags, ...session.hostTags].join(", "))) {
        if (stale.getAttribute("data-sendocki-instance") !== instanceId) stale.remove();
      }
    }

    function start() {
      removeStaleHosts();
      session.start();
      keeper.start();
    }

    function teardown() {
      if (stopped) return;
      stopped = true;
      keeper.stop();
      session.stop();
    }

    return {
      start, teardown, stats,
      ensureMounted: () => keeper.ensureMounted(),
      openDialog: () => session.openDialog(),
      get chat() { return keeper.chat; },
      get cartHost() { return keeper.cartHost; },
      get cartButton() { return keeper.cartButton; },
      get dialog() { return session.dialog; },
      get form() { return session.form; },
      panel: session.panel,
      take: session.take,
      get stopped() { return stopped; },
    };
  }

  const api = { createController };
  if (isNode) module.exports = api;
  else root.Sendocki = Object.assign(root.Sendocki || {}, { controller: api });
})(globalThis);
