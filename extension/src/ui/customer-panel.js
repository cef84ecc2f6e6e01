// The customer panel for the open chat: the card, number of orders, total spent, the orders
// newest first with their stage as a coloured badge; and the "Order … created" notice. Its own
// host on document.body, placed over the chat's top corner (mirrored in Arabic), folded to one
// line until the seller opens it. The helper answers 20 orders a page: "Show more" appends the
// next (older) page through `loadMore(card, cursor)`. A badge is a button: its menu lists the
// workspace's active stages and `onMove(order, stage)` moves the order; a move Sendocki refused
// (it had moved the order meanwhile) shows under the order until the next move.
(function (root) {
  "use strict";

  const isNode = typeof module !== "undefined" && module.exports;
  const wireMoney = isNode ? require("./money.js") : root.Sendocki.money;
  const format = isNode ? require("./format.js") : root.Sendocki.ui.format;
  const pageGuard = isNode ? require("./page-guard.js") : root.Sendocki.ui.pageGuard;
  const { elementMaker } = isNode ? require("./dom.js") : root.Sendocki.ui.dom;
  const TAG = "sendocki-customer-panel";
  const NOTICE_MS = 8000;
  const COLOURS = { green: "#25d366", orange: "#ff9f43", yellow: "#ffd279", blue: "#53bdeb", purple: "#a17fe0",
    red: "#f15c6d", gray: "#8696a0", grey: "#8696a0" };
  const CSS = `
:host{all:initial;position:fixed;z-index:2147483000;font:13px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;
 --panel:#fff;--text:#111b21;--muted:#667781;--line:#e9edef;--green:#008069}
:host([data-theme=dark]){--panel:#233138;--text:#e9edef;--muted:#8696a0;--line:#2a3942;--green:#00a884}
.box{width:300px;background:var(--panel);color:var(--text);border-radius:10px;box-shadow:0 2px 8px rgba(11,20,26,.2);overflow:hidden}
.box:empty{display:none}
.toggle{display:flex;width:100%;align-items:center;gap:8px;padding:8px 12px;border:0;background:transparent;color:inherit;font:inherit;text-align:start;cursor:pointer}
.toggle .who{flex:1;font-weight:500;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.count{color:var(--muted)}
.body{padding:0 12px 10px;border-top:1px solid var(--line)}
.stats{display:flex;gap:16px;margin:8px 0}.stats div{display:flex;flex-direction:column}.stats b{font-size:15px;font-weight:500}
.muted{color:var(--muted);font-size:12px}
ol{list-style:none;margin:0;padding:0;max-height:260px;overflow:auto}
li{display:flex;align-items:center;gap:8px;padding:6px 0;border-top:1px solid var(--line)}
li .what{display:flex;flex-wrap:wrap;gap:0 8px;min-width:0;flex:1}
li .num{font-weight:500}li .items{flex-basis:100%;overflow:hidden;text-overflow:ellipsis;white-space:nowrap;color:var(--muted);font-size:12px}
li .sum{white-space:nowrap}
.sum,.total-spent{unicode-bidi:plaintext}
.stage{padding:1px 8px;border:0;border-radius:10px;font:inherit;font-size:11px;font-weight:500;color:#111b21}
button.stage{cursor:pointer}button.stage:focus-visible{outline:2px solid var(--green);outline-offset:1px}
li{flex-wrap:wrap}.issue{flex-basis:100%;color:#c0392b;font-size:12px}:host([data-theme=dark]) .issue{color:#f15c6d}
.menu{flex-basis:100%;list-style:none;margin:4px 0 0;padding:4px;border:1px solid var(--line);border-radius:8px;max-height:none}
.menu li{border:0;padding:0}.menu button{display:flex;width:100%;align-items:center;gap:8px;padding:5px 8px;border:0;border-radius:6px;background:transparent;color:inherit;font:inherit;text-align:start;cursor:pointer}
.menu button:hover,.menu button:focus-visible{background:var(--line);outline:none}.menu .dot{width:10px;height:10px;border-radius:50%}
.menu button[aria-checked=true]{font-weight:600}
.more{display:block;width:100%;margin-top:6px;padding:6px;border:0;border-radius:6px;background:transparent;color:var(--green);font:inherit;font-weight:500;cursor:pointer}
.more:hover{background:var(--line)}.more:disabled{color:var(--muted);cursor:default}
[hidden]{display:none!important}
.notice{white-space:pre-line;margin-top:8px;padding:8px 12px;border-radius:8px;background:#d9fdd3;color:#005c4b;box-shadow:0 2px 8px rgba(11,20,26,.2)}
:host([data-theme=dark]) .notice{background:#005c4b;color:#d9fdd3}
.notice:empty{display:none}
`;

  // Short item summary of a history row: "2× Sac cuir", "+1 more" for the rest.
  function itemSummary(order, t) {
    const lines = order.lines || [];
    if (!lines.length) return "";
    const first = lines[0];
    const head = (first.quantity > 1 ? first.quantity + "× " : "") + first.name;
    return lines.length > 1 ? head + " " + t("panelMoreItems", String(lines.length - 1)) : head;
  }

  function createCustomerPanel(doc, { t, dir, lang, loadMore, onMove, guard = pageGuard.PRODUCTION }) {
    const language = lang || (dir === "rtl" ? "ar" : "en");
    const money = (amount, currency) => format.money(wireMoney.parse(amount) || 0, currency, language);
    const host = doc.createElement(TAG);
    const shadow = guard.attachRoot(host);
    shadow.innerHTML = "<style>" + CSS + "</style><div class=\"box\" role=\"region\"></div><p class=\"notice\" role=\"status\"></p>";
    const box = shadow.querySelector(".box");
    const notice = shadow.querySelector(".notice");
    box.setAttribute("aria-label", t("panelShow"));
    box.setAttribute("dir", dir);
    notice.setAttribute("dir", dir);
    let open = false;
    let noticeTimer = null;
    let current = null;
    let loadingMore = false;
    let menuFor = null; // the order id whose stage menu is open

    const el = elementMaker(doc);

    function render() {
      // Rebuilt on each change: keep where the seller had scrolled the list to.
      const oldList = box.querySelector("ol");
      const scrolled = oldList ? oldList.scrollTop : 0;
      box.textContent = "";
      if (!current) return;
      const { card, orders, currency } = current;
      const toggle = el("button", "toggle");
      toggle.type = "button";
      toggle.setAttribute("aria-expanded", String(open));
      const shownPhone = card.phone_national || card.phone || "";
      toggle.append(el("span", "who", card.name || format.ltr(shownPhone, language)), el("span", "count orders-count", t("panelOrdersCount", String(card.stats.orders))), el("span", "", open ? "▴" : "▾"));
      toggle.addEventListener("click", () => { open = !open; render(); });
      box.appendChild(toggle);
      if (!open) return;
      const body = el("div", "body");
      // The number as a Moroccan agent reads it (06…), left to right even in Arabic.
      const phoneLine = el("div", "muted phone", format.ltr(shownPhone, language));
      phoneLine.title = card.phone || "";
      body.appendChild(phoneLine);
      const stats = el("div", "stats");
      const spent = el("div");
      spent.append(el("span", "muted", t("panelTotalSpent")), el("b", "total-spent", money(card.stats.total_spent, currency)));
      stats.append(spent);
      body.appendChild(stats);
      const list = el("ol");
      list.setAttribute("aria-label", t("panelOrders"));
      if (!orders.length) body.appendChild(el("p", "muted", t("panelNoOrders")));
      const movable = onMove && (current.stages || []).some((s) => s.active !== false);
      for (const order of orders) {
        const item = el("li");
        item.dataset.order = order.id || "";
        const stage = el(movable ? "button" : "span", "stage", order.stage ? order.stage.name : "");
        stage.style.background = COLOURS[order.stage && order.stage.color] || COLOURS.gray;
        stage.dataset.color = (order.stage && order.stage.color) || "";
        if (movable) {
          stage.type = "button";
          stage.setAttribute("aria-haspopup", "menu");
          stage.setAttribute("aria-expanded", String(menuFor === order.id));
          stage.title = t("panelMoveTo");
          stage.addEventListener("click", () => { menuFor = menuFor === order.id ? null : order.id; render(); focusMenu(); });
        }
        // Date, what was ordered, total and stage: enough to tell orders apart at a glance.
        const what = el("div", "what");
        what.append(el("span", "num", format.ltr(order.number, language)), el("span", "date muted", format.shortDate(order.created_at, language)),
          el("span", "items", itemSummary(order, t)));
        item.append(what, el("span", "sum", money(order.total, order.currency || currency)), stage);
        if (order.stage_issue && order.stage_issue.message) item.appendChild(el("span", "issue", order.stage_issue.message));
        if (movable && menuFor === order.id) item.appendChild(stageMenu(order));
        list.appendChild(item);
      }
      body.appendChild(list);
      if (current.next && loadMore) {
        const more = el("button", "more", t("panelShowMore"));
        more.type = "button";
        more.disabled = loadingMore;
        more.addEventListener("click", showMore);
        body.appendChild(more);
      }
      box.appendChild(body);
      list.scrollTop = scrolled;
    }

    function stageMenu(order) {
      const menu = el("ul", "menu");
      menu.setAttribute("role", "menu");
      menu.setAttribute("aria-label", t("panelMoveTo"));
      for (const stage of current.stages.filter((s) => s.active !== false)) {
        const entry = el("li");
        const choose = el("button");
        choose.type = "button";
        choose.setAttribute("role", "menuitemradio");
        choose.setAttribute("aria-checked", String(!!order.stage && order.stage.id === stage.id));
        choose.dataset.stage = stage.id;
        const dot = el("span", "dot");
        dot.style.background = COLOURS[stage.color] || COLOURS.gray;
        choose.append(dot, el("span", "", stage.name));
        // A move changes the order in Sendocki: the seller's own click only (src/ui/page-guard.js).
        choose.addEventListener("click", guard.onTrusted(() => { menuFor = null; render(); onMove(order, stage); }));
        entry.appendChild(choose);
        menu.appendChild(entry);
      }
      menu.addEventListener("keydown", (event) => {
        if (event.key === "Escape") { menuFor = null; render(); }
      });
      return menu;
    }

    function focusMenu() {
      const first = shadow.querySelector(".menu button[aria-checked=true]") || shadow.querySelector(".menu button");
      if (first) first.focus();
    }

    async function showMore() {
      const shown = current;
      if (!shown || !shown.next || loadingMore) return;
      loadingMore = true;
      render();
      let page = null;
      try { page = await loadMore(shown.card, shown.next); } catch (_) { /* helper unreachable: the button stays */ }
      // Another chat (or a reload after a creation) replaced what was shown: this page is stale.
      if (current !== shown) return;
      loadingMore = false;
      if (page && Array.isArray(page.orders)) {
        current = Object.assign({}, shown, { orders: shown.orders.concat(page.orders), next: page.next || null });
      }
      render();
      const again = shadow.querySelector(".more");
      if (again) again.focus();
    }

    // `header`: the chat's header element, found by the caller (whatsapp/selectors.js).
    function place(main, win, header) {
      if (!main) return;
      const rect = main.getBoundingClientRect();
      const top = header ? header.getBoundingClientRect().bottom : rect.top + 60;
      host.style.top = Math.round(top + 8) + "px";
      if (dir === "rtl") { host.style.left = Math.round(rect.left + 12) + "px"; host.style.removeProperty("right"); }
      else { host.style.right = Math.round(win.innerWidth - rect.right + 12) + "px"; host.style.removeProperty("left"); }
    }

    function mountIfNeeded() {
      const needed = !!current || !!notice.textContent;
      if (needed && !host.isConnected) doc.body.appendChild(host);
      if (!needed && host.isConnected) host.remove();
    }

    function show(data) {
      if (!current || !data || current.card.id !== data.card.id) menuFor = null;
      current = data;
      loadingMore = false;
      render();
      mountIfNeeded();
    }

    function clear() {
      current = null;
      loadingMore = false;
      open = false;
      render();
      mountIfNeeded();
    }

    function announce(text, win) {
      notice.textContent = text;
      mountIfNeeded();
      win.clearTimeout(noticeTimer);
      noticeTimer = win.setTimeout(() => { notice.textContent = ""; mountIfNeeded(); }, NOTICE_MS);
    }

    function setTheme(theme) {
      host.setAttribute("data-theme", theme === "dark" ? "dark" : "light");
    }

    return { host, shadow, show, clear, announce, place, setTheme, expand() { open = true; render(); },
      get data() { return current; } };
  }

  const api = { TAG, createCustomerPanel, COLOURS };
  if (isNode) module.exports = api;
  else root.Sendocki = Object.assign(root.Sendocki || {}, { customerPanel: api });
})(globalThis);
