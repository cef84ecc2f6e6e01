// Keeps the cart mounted for the open chat. One MutationObserver on #app (fallback body): its
// callback only schedules; an idempotent ensureMounted() then runs at most once per frame.
// Chat switches reset the chat state and drop asynchronous results for a chat no longer open.
(function (root) {
  "use strict";

  const isNode = typeof module !== "undefined" && module.exports;
  const NS = isNode ? null : root.Sendocki;
  const S = isNode ? require("../whatsapp/selectors.js") : NS.selectors;
  const A = isNode ? require("../whatsapp/adapter.js") : NS.adapter;
  const C = isNode ? require("../ui/cart-button.js") : NS.cartButton;
  const D = isNode ? require("../ui/order-dialog.js") : NS.orderDialog;
  const B = isNode ? require("../whatsapp/probe-bridge.js") : NS.probeBridge;
  const F = isNode ? require("../ui/order-form.js") : NS.orderForm;
  const P = isNode ? require("../ui/customer-panel.js") : NS.customerPanel;
  const K = isNode ? require("../whatsapp/compose-box.js") : NS.composeBox;
  const H = isNode ? require("./shortcut.js") : NS.shortcut;
  const I = isNode ? require("../whatsapp/idb-contacts.js") : NS.idbContacts;
  const T = isNode ? require("../ui/take-from-chat.js") : NS.ui.takeFromChat;

  // Backup for requestAnimationFrame, which pauses in hidden tabs.
  const FALLBACK_DELAY_MS = 100;
  const FLOAT_MARGIN_PX = 12;
  const PULL_WATCH_MS = 20000;
  // After a chat switch the probe answers within a frame or two; a page where it never answered
  // waits this long once, then no more (the DOM decides alone).
  const PROBE_WAIT_MS = 400;
  const IDB_RETRIES = 2;
  const IDB_RETRY_MS = 400;

  function now(win) {
    return win.performance ? win.performance.now() : Date.now();
  }

  const offline = async () => ({ ok: false, state: "offline" });

  // `guard`: src/ui/page-guard.js (closed roots, trusted events only when absent).
  function createController({ win, doc, i18n, contextAlive, phoneMemory, own, send, onReading, probeWaitMs, guard }) {
    const probeWait = typeof probeWaitMs === "number" ? probeWaitMs : PROBE_WAIT_MS;
    const ask = send || offline;
    const instanceId = Math.random().toString(36).slice(2, 10);
    const stats = { observerCalls: 0, observerMs: 0, ensureRuns: 0, ensureMs: 0, chatSwitches: 0,
      mounts: 0, createToShown: [], anchorTier: null, headerTier: null, waVersion: null, loader: null, floating: false,
      probeRequests: 0, pendingShown: 0, lastReading: null };
    let observer = null;
    let themeObserver = null;
    let scheduled = null;
    let cart = null;
    let form = null;        // the order draft of the open chat, kept through Esc
    let workspace = null;   // fetched once per page
    let removeShortcut = null;
    let panelSeq = 0;
    // The panel's "Show more": the customer's next (older) page of orders.
    const loadMoreOrders = async (card, cursor) => {
      const page = await ask({ type: "orders", customer: card.id, cursor });
      return page.ok ? page.data : null;
    };
    const panel = P.createCustomerPanel(doc, { t: i18n.t, dir: i18n.dir(), lang: i18n.lang, loadMore: loadMoreOrders,
      onMove: (order, stage) => moveFromPanel(order, stage), guard });
    let lastPullAt = null;
    let pullWatch = null;
    // Text selected in a message goes into the form with one click (opening it if needed).
    const take = T.createTakeFromChat({
      doc, win, t: i18n.t, dir: i18n.dir(), theme: () => currentTheme(),
      enabled: () => !stopped && !!(chat && chat.cart),
      onTake: (kind, value) => takeIntoForm(kind, value), guard,
    });
    let chat = null;
    let lastHeader = null;
    let lastTitle = null;
    let probeDirty = false;
    let idbDirty = false;
    // Chat switches seen in the page; each probe request carries it, each reading remembers it.
    let epoch = 0;
    let epochStartedAt = 0;
    let probeEverAnswered = false;
    let probeSilent = false; // waited once in vain: the page has no working probe
    let waitTimer = null;
    // Source C per LID chat key: "" while reading or when WhatsApp stored no number (read once per
    // chat switch: a chat re-described on every row mutation must not reopen the database each time).
    const idbPhones = new Map();
    const idbAskedInEpoch = new Map();
    let themeKey = null;
    let stopped = false;
    let warnedFloating = false;
    const bridge = B.createProbeBridge(win, onProbeState, () => epoch);

    function onProbeState(state) {
      stats.waVersion = state.waVersion;
      stats.loader = state.loader;
      probeEverAnswered = true;
      probeSilent = false;
      probeDirty = true;
      schedule();
    }

    // A new chat on screen: ask the probe at once (never skipped: a stale flag once kept the
    // question from being asked), and hold the cart until it answers or the wait is over.
    function beginEpoch() {
      epoch += 1;
      epochStartedAt = now(win);
      stats.probeRequests += 1;
      bridge.request(epoch);
      win.clearTimeout(waitTimer);
      waitTimer = win.setTimeout(() => {
        waitTimer = null;
        if (!answeredThisEpoch() && !probeEverAnswered) probeSilent = true;
        schedule();
      }, probeWait);
    }

    function answeredThisEpoch() {
      const latest = bridge.latest();
      return !!latest && (latest.epoch === epoch || latest.receivedInEpoch === epoch);
    }

    function waitingForProbe() {
      if (probeSilent || answeredThisEpoch()) return false;
      return now(win) - epochStartedAt < probeWait;
    }

    function schedule() {
      if (scheduled || stopped) return;
      const run = () => {
        if (!scheduled) return;
        win.cancelAnimationFrame && win.cancelAnimationFrame(scheduled.frame);
        win.clearTimeout(scheduled.timer);
        scheduled = null;
        ensureMounted();
      };
      scheduled = {
        frame: win.requestAnimationFrame ? win.requestAnimationFrame(run) : null,
        timer: win.setTimeout(run, FALLBACK_DELAY_MS),
      };
    }

    function onMutations() {
      const start = now(win);
      schedule();
      stats.observerCalls += 1;
      stats.observerMs += now(win) - start;
    }

    function currentTheme() {
      const body = doc.body;
      const dark = (body && body.classList.contains("dark")) || doc.documentElement.classList.contains("dark");
      return dark ? "dark" : "light";
    }

    function ensureCart() {
      if (cart) return cart;
      cart = C.createCartHost(doc, { label: i18n.t("cartLabel"), instanceId, onClick: openDialog, guard });
      return cart;
    }

    function unmount() {
      if (cart && cart.host.isConnected) cart.host.remove();
    }

    function currentTitle() {
      const header = S.findHeader(doc);
      return A.readTitle(doc, header && header.el).text;
    }

    function readChat() {
      return A.describeChat(doc, { probe: bridge.latest(), epoch, waitForProbe: waitingForProbe(),
        own: (typeof own === "function" ? own() : own) || {}, idbPhones });
    }

    // The result is stored under its own key, so a chat switched away from never gets it.
    // WhatsApp may write a new contact's record just after the chat opens: an empty answer is
    // asked again, twice at most per chat switch, later each time.
    function lookUpStoredPhone(target, attempt) {
      const key = target.chatKey;
      const tries = attempt || 0;
      if (!target.cart || !/@lid$/.test(key) || target.phone || idbPhones.get(key)) return;
      if (!tries && idbAskedInEpoch.get(key) === epoch) return;
      idbAskedInEpoch.set(key, epoch);
      idbPhones.set(key, "");
      let idb = null;
      try { idb = win.indexedDB; } catch (_) { /* storage blocked */ }
      if (!idb) return;
      const askedIn = epoch;
      I.lookupPhone(idb, key).then((phone) => {
        if (stopped) return;
        if (phone) {
          idbPhones.set(key, phone);
          idbDirty = true;
          schedule();
        } else if (tries < IDB_RETRIES && askedIn === epoch && chat && chat.chatKey === key) {
          win.setTimeout(() => { if (!stopped && askedIn === epoch && chat && chat.chatKey === key) lookUpStoredPhone(chat, tries + 1); },
            IDB_RETRY_MS * (tries + 1));
        }
      });
    }

    function onChatChange(next) {
      const previousKey = chat && chat.chatKey;
      const previousKind = chat && chat.kind;
      chat = next;
      if (previousKey !== next.chatKey || previousKind !== next.kind) {
        if (previousKey !== next.chatKey) stats.chatSwitches += 1;
        // The draft belongs to one chat; it never carries over to another.
        if (form && form.chatKey !== next.chatKey) discardDraft();
        if (next.kind !== "pending") loadPanel(next);
      }
      if (next.kind === "pending") stats.pendingShown += 1;
      probeDirty = false;
      idbDirty = false;
      lookUpStoredPhone(next);
    }

    // Which tier and source matched, for the compatibility line (no names, no numbers).
    function record(next) {
      if (!next || next.kind === "pending" || next.kind === "none" || next.kind === "login") return;
      const reading = { kind: next.kind, tiers: next.tiers || null, anchorTier: stats.anchorTier, waVersion: next.waVersion || stats.waVersion,
        loader: stats.loader, modules: (bridge.latest() && bridge.latest().modules) || null };
      const key = JSON.stringify(reading);
      if (stats.lastReading && stats.lastReadingKey === key) return;
      stats.lastReading = reading;
      stats.lastReadingKey = key;
      if (onReading) { try { onReading(reading, doc); } catch (_) { /* diagnostics are best effort */ } }
    }

    function placeInHeader(header) {
      const slot = S.findActionSlot(header, S.findTitle(header));
      const host = ensureCart().host;
      if (host.parentNode !== slot.parent) {
        slot.parent.insertBefore(host, slot.before && slot.before.parentNode === slot.parent ? slot.before : null);
        stats.mounts += 1;
      }
      host.removeAttribute("data-floating");
      host.style.removeProperty("top");
      host.style.removeProperty("left");
      stats.anchorTier = slot.tier;
      stats.floating = false;
      const theme = currentTheme();
      if (themeKey !== theme + "|" + slot.tier || host.dataset.styledFor !== instanceId) {
        const neighbour = S.neighbourButton(slot);
        C.copyLook(win, host, neighbour, neighbour && S.first(neighbour, S.SELECTORS.avatarIcon));
        themeKey = theme + "|" + slot.tier;
        host.dataset.styledFor = instanceId;
      }
    }

    // Last resort when no header anchor exists: a fixed button over the chat's top corner.
    function placeFloating(main) {
      const host = ensureCart().host;
      if (host.parentNode !== doc.body) {
        doc.body.appendChild(host);
        stats.mounts += 1;
      }
      host.setAttribute("data-floating", "");
      const rect = main.getBoundingClientRect();
      const rtl = win.getComputedStyle(main).direction === "rtl";
      host.style.top = Math.round(rect.top + FLOAT_MARGIN_PX) + "px";
      host.style.left = Math.round(rtl ? rect.left + FLOAT_MARGIN_PX : rect.right - FLOAT_MARGIN_PX - 40) + "px";
      if (!stats.floating && !warnedFloating) {
        warnedFloating = true;
        // Self-diagnosis without personal data: the header anchors need a look on a live page.
        win.console.warn("Sendocki: no WhatsApp header anchor matched; the cart button floats.");
      }
      stats.anchorTier = "floating";
      stats.floating = true;
    }

    function ensureMounted() {
      const start = now(win);
      try {
        if (!contextAlive()) return teardown();
        const main = S.findMain(doc);
        if (!main) {
          if (lastTitle !== null) beginEpoch();
          const next = readChat();
          if (!chat || chat.kind !== next.kind) onChatChange(next);
          lastHeader = null;
          lastTitle = null;
          return unmount();
        }
        const header = S.findHeader(doc);
        const title = A.readTitle(doc, header && header.el).text;
        const headerEl = header ? header.el : null;
        // A new title is another chat; a new header with the same title may be a re-render of the
        // same chat (the cart stays) or another chat of the same name: the probe is asked again.
        if (title !== lastTitle) beginEpoch();
        else if (headerEl !== lastHeader) { stats.probeRequests += 1; bridge.request(epoch); }
        const pending = chat && chat.kind === "pending";
        if (headerEl !== lastHeader || title !== lastTitle || probeDirty || idbDirty || pending || !chat || (chat.hasRowKey === false && chat.keySource === "title")) {
          lastHeader = headerEl;
          lastTitle = title;
          onChatChange(readChat());
        }
        stats.headerTier = header ? header.tier : null;
        if (!chat.cart) { unmount(); stats.anchorTier = null; return record(chat); }
        if (header) placeInHeader(header.el);
        else placeFloating(main);
        record(chat);
        if (panel.host.isConnected) panel.place(main, win, header && header.el);
      } finally {
        stats.ensureRuns += 1;
        stats.ensureMs += now(win) - start;
      }
    }

    async function openDialog() {
      if (!contextAlive()) return teardown();
      const snapshot = readChat();
      if (!snapshot.cart) return;
      let resolved = snapshot;
      if (!snapshot.phone && phoneMemory) {
        let remembered = null;
        try {
          remembered = await phoneMemory.recall(snapshot.chatKey);
          // A number confirmed while the chat was known only by its title still belongs to it.
          if (!remembered && snapshot.titleKey && snapshot.titleKey !== snapshot.chatKey) remembered = await phoneMemory.recall(snapshot.titleKey);
        } catch (_) { /* storage unavailable */ }
        // The seller may have switched chats while storage answered: that result is stale.
        if (stopped || currentTitle() !== snapshot.title || readChat().chatKey !== snapshot.chatKey) return;
        resolved = A.withRemembered(snapshot, remembered);
      }
      // Esc kept the draft: the same chat gets it back as the seller left it.
      if (form && form.chatKey === resolved.chatKey && !form.created) {
        form.dialog.show();
        if (!form.details.filled) form.load();
        return form.dialog;
      }
      if (form) discardDraft();
      form = F.createOrderForm({
        doc, win, i18n, chat: resolved, theme: currentTheme(), send: ask, workspace, guard,
        onCreated: (order, done, clickedAt) => onOrderCreated(order, done, clickedAt),
      });
      form.load().then(() => { if (form && form.workspace) workspace = form.workspace; });
      return form.dialog;
    }

    async function takeIntoForm(kind, value) {
      if (!form || form.dialog.closed) await openDialog();
      if (form) await form.take(kind, value);
    }

    function discardDraft() {
      const old = form;
      form = null;
      if (old) old.dialog.close();
    }

    async function onOrderCreated(order, done, clickedAt) {
      const confirmedPhone = done.dialog.fields.phone.value.trim();
      if (form === done) form = null;
      done.dialog.close();
      panel.setTheme(currentTheme());
      // The form closes (the chat gets its full width back to check the message); the notice says
      // what is left to do; the caret waits in WhatsApp's message box, which is never sent.
      // The message's lines kept (Lexical paste, checked; fallbacks); "none": no box found.
      const inserted = order.automation_message ? K.insertIntoComposeBox(doc, order.automation_message) : null;
      stats.lastInsert = inserted;
      const placed = !!inserted && inserted.method !== "none";
      if (!placed) K.focusComposeBox(doc);
      panel.announce(i18n.t("orderCreated", order.number) + (placed ? "\n" + i18n.t("messageReady") : ""), win);
      // Click on "Create the order" to the notice painted (the frame after it was set).
      win.requestAnimationFrame(() => stats.createToShown.push(win.performance.now() - clickedAt));
      if (phoneMemory && !A.WHATSAPP_SOURCES.has(done.phoneSource) && confirmedPhone) {
        try { await phoneMemory.remember(done.chatKey, confirmedPhone); } catch (_) { /* storage unavailable */ }
      }
      if (chat && chat.chatKey === done.chatKey) loadPanel(chat);
    }

    async function ensureWorkspace() {
      if (workspace) return workspace;
      const answer = await ask({ type: "workspace" });
      if (answer.ok) workspace = answer.data;
      return workspace;
    }

    // A move from the panel's badge menu. The stage's message goes into this chat's message box
    // for the seller to read and send; nothing is sent. The move's id is its Idempotency-Key.
    async function moveFromPanel(order, stage) {
      const target = chat;
      const moveId = "mv-" + Math.random().toString(36).slice(2) + Date.now().toString(36);
      const answer = await ask({ type: "move-order", orderId: order.id, stageId: stage.id, moveId });
      if (!answer.ok) {
        const problem = answer.problem || {};
        const field = problem.errors && problem.errors[0];
        panel.announce(i18n.t("panelMoveFailed", [order.number, (field && field.message) || problem.title || answer.state]), win);
        return;
      }
      const moved = answer.data;
      if (moved.stage_message && chat && target && chat.chatKey === target.chatKey) {
        K.insertIntoComposeBox(doc, moved.stage_message);
        panel.announce(i18n.t("panelMovedMessage", [moved.number, moved.stage.name]), win);
      } else {
        panel.announce(i18n.t("panelMoved", [moved.number, moved.stage.name]), win);
      }
      if (chat && target && chat.chatKey === target.chatKey) loadPanel(chat);
    }

    // After a pull (the helper pulls every minute), stages may have moved in Sendocki: the panel
    // reloads when the helper's last pull time changes.
    async function watchPulls() {
      const status = await ask({ type: "status" });
      const at = status.ok && status.data.sync ? status.data.sync.last_pull_at : null;
      if (at && lastPullAt && at !== lastPullAt && chat && panel.data) loadPanel(chat);
      if (at) lastPullAt = at;
    }

    // The panel follows the open chat; an answer for a chat the seller already left is dropped.
    async function loadPanel(target) {
      const seq = ++panelSeq;
      if (!target || !target.cart || !send) { panel.clear(); return; }
      await ensureWorkspace();
      if (seq !== panelSeq) return;
      const resolved = await ask({ type: "resolve", phone: target.phone || "", conversation: target.chatKey, titleKey: otherTitleKey(target) });
      if (seq !== panelSeq) return;
      const card = resolved.ok && resolved.data.customers && resolved.data.customers[0];
      if (!card) { panel.clear(); return; }
      const history = await ask({ type: "orders", customer: card.id });
      if (seq !== panelSeq) return;
      panel.setTheme(currentTheme());
      panel.show({ card, orders: history.ok ? history.data.orders : card.recent_orders || [],
        next: history.ok ? history.data.next : null, currency: (workspace && workspace.currency) || "MAD",
        stages: (workspace && workspace.stages) || [] });
      const header = S.findHeader(doc);
      panel.place(S.findMain(doc), win, header && header.el);
    }

    function onResize() {
      if (stats.floating) schedule();
    }

    function start() {
      // An earlier copy of this script (before an extension reload) may have left its host.
      for (const stale of doc.querySelectorAll([C.TAG, D.TAG, P.TAG, T.TAG].join(", "))) {
        if (stale.getAttribute("data-sendocki-instance") !== instanceId) stale.remove();
      }
      bridge.start();
      const target = S.first(doc, S.SELECTORS.app) || doc.body;
      observer = new win.MutationObserver(onMutations);
      observer.observe(target, { childList: true, subtree: true });
      // The theme is a class on <body>/<html>: watched apart, so the row observer stays childList-only.
      themeObserver = new win.MutationObserver(schedule);
      for (const el of [doc.documentElement, doc.body]) {
        if (el) themeObserver.observe(el, { attributes: true, attributeFilter: ["class"] });
      }
      win.addEventListener("resize", onResize);
      removeShortcut = H.installShortcut(win, () => { if (chat && chat.cart) openDialog(); }, guard);
      if (send) pullWatch = win.setInterval(watchPulls, PULL_WATCH_MS);
      take.start();
      ensureMounted();
    }

    function teardown() {
      if (stopped) return;
      stopped = true;
      if (observer) observer.disconnect();
      if (themeObserver) themeObserver.disconnect();
      bridge.stop();
      win.clearTimeout(waitTimer);
      win.removeEventListener("resize", onResize);
      if (pullWatch) win.clearInterval(pullWatch);
      if (scheduled) {
        win.cancelAnimationFrame && win.cancelAnimationFrame(scheduled.frame);
        win.clearTimeout(scheduled.timer);
        scheduled = null;
      }
      unmount();
      if (removeShortcut) removeShortcut();
      take.stop();
      discardDraft();
      panel.clear();
      if (panel.host.isConnected) panel.host.remove();
    }

    return {
      start, teardown, ensureMounted, openDialog, stats,
      get chat() { return chat; },
      get cartHost() { return cart ? cart.host : null; },
      get cartButton() { return cart ? cart.button : null; },
      get dialog() { return form && !form.dialog.closed ? form.dialog : null; },
      get form() { return form; },
      panel, take,
      get stopped() { return stopped; },
    };
  }

  // The title key sent beside a real chat id, so the helper re-links what the title key holds.
  function otherTitleKey(chat) {
    return chat && chat.titleKey && chat.titleKey !== chat.chatKey ? chat.titleKey : undefined;
  }

  const api = { createController, otherTitleKey };
  if (isNode) module.exports = api;
  else root.Sendocki = Object.assign(root.Sendocki || {}, { controller: api });
})(globalThis);
