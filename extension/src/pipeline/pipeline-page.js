// The pipeline view (an extension page): the orders by stage with each stage's count and total,
// filters (mine, today, a stage, search by name, phone or order number), moving an order, and
// "open the chat" with the stage's message ready (WhatsApp's click-to-chat link: the text is in
// the box, the seller presses send). Pages of 50 by cursor; every helper call goes through the
// service worker (`send`), which keeps the token.
(function (root) {
  "use strict";

  const isNode = typeof module !== "undefined" && module.exports;
  const format = isNode ? require("../ui/format.js") : root.Sendocki.ui.format;
  const { elementMaker } = isNode ? require("../ui/dom.js") : root.Sendocki.ui.dom;
  const COLOURS = { green: "#25d366", orange: "#ff9f43", yellow: "#ffd279", blue: "#53bdeb", purple: "#a17fe0",
    red: "#f15c6d", gray: "#8696a0", grey: "#8696a0" };
  const PAGE = 50;
  const SEARCH_DELAY_MS = 250;

  // https://web.whatsapp.com/send?phone=…&text=…: opens the chat with the text in its box.
  function chatLink(phone, text) {
    const digits = String(phone || "").replace(/\D/g, "");
    if (!digits) return null;
    let url = "https://web.whatsapp.com/send?phone=" + digits;
    if (text) url += "&text=" + encodeURIComponent(text);
    return url;
  }

  function localMidnight(now) {
    const day = new Date(now);
    day.setHours(0, 0, 0, 0);
    return day.toISOString();
  }

  function newMoveId() {
    return "mv-" + Math.random().toString(36).slice(2) + Date.now().toString(36);
  }

  function createPipelinePage(doc, { t, dir, send, openUrl, now, setTimer, clearTimer }) {
    const clock = now || Date.now;
    const later = setTimer || ((fn, ms) => setTimeout(fn, ms));
    const cancel = clearTimer || ((id) => clearTimeout(id));
    const state = { stage: null, mine: false, today: false, q: "", orders: [], next: null, stages: [],
      currency: "MAD", loading: false, seq: 0, menuFor: null, ready: {} };
    let searchTimer = null;

    const $ = (sel) => doc.querySelector(sel);
    const el = elementMaker(doc);

    function build() {
      doc.documentElement.dir = dir;
      doc.documentElement.lang = t("pipelineLang");
      doc.title = t("pipelineTitle");
      const body = doc.body;
      body.textContent = "";
      const header = el("header", "bar");
      header.append(el("h1", "", t("pipelineTitle")));
      const search = el("input", "search");
      search.type = "search";
      search.placeholder = t("pipelineSearch");
      search.setAttribute("aria-label", t("pipelineSearch"));
      search.addEventListener("input", () => {
        cancel(searchTimer);
        searchTimer = later(() => { state.q = search.value.trim(); reload(); }, SEARCH_DELAY_MS);
      });
      const mine = toggle("mine", t("pipelineMine"));
      const today = toggle("today", t("pipelineToday"));
      const refresh = el("button", "refresh", t("pipelineRefresh"));
      refresh.type = "button";
      refresh.addEventListener("click", pullNow);
      header.append(search, mine, today, refresh);
      const status = el("p", "status");
      status.setAttribute("role", "status");
      status.setAttribute("aria-live", "polite");
      const tabs = el("nav", "stages");
      tabs.setAttribute("aria-label", t("pipelineStages"));
      const list = el("table", "orders");
      const more = el("button", "more", t("pipelineMore"));
      more.type = "button";
      more.hidden = true;
      more.addEventListener("click", loadMore);
      body.append(header, status, tabs, list, more);
    }

    function toggle(name, label) {
      const button = el("button", "filter " + name, label);
      button.type = "button";
      button.setAttribute("aria-pressed", "false");
      button.addEventListener("click", () => {
        state[name] = !state[name];
        button.setAttribute("aria-pressed", String(state[name]));
        reload();
      });
      return button;
    }

    function params(cursor) {
      return { type: "pipeline", stage: state.stage || undefined, mine: state.mine, q: state.q || undefined,
        since: state.today ? localMidnight(clock()) : undefined, limit: PAGE, cursor };
    }

    function say(text) { $(".status").textContent = text || ""; }

    async function reload() {
      const seq = ++state.seq;
      state.loading = true;
      const answer = await send(params());
      if (seq !== state.seq) return; // a newer filter won
      state.loading = false;
      if (!answer || !answer.ok) { say(problemText(answer)); return; }
      state.orders = answer.data.orders;
      state.next = answer.data.next;
      state.stages = answer.data.stages || state.stages;
      if (state.orders[0]) state.currency = state.orders[0].currency;
      say(state.orders.length ? "" : t("pipelineEmpty"));
      render();
    }

    async function loadMore() {
      if (!state.next || state.loading) return;
      const seq = state.seq;
      state.loading = true;
      const answer = await send(params(state.next));
      state.loading = false;
      if (seq !== state.seq || !answer || !answer.ok) return;
      state.orders = state.orders.concat(answer.data.orders);
      state.next = answer.data.next;
      render();
    }

    async function pullNow() {
      say(t("pipelinePulling"));
      const answer = await send({ type: "pull" });
      if (!answer || !answer.ok) { say(problemText(answer)); return; }
      await reload();
      say(t("pipelinePulled"));
    }

    function problemText(answer) {
      if (!answer) return t("stateOffline", [""]);
      const problem = answer.problem || {};
      const field = problem.errors && problem.errors[0];
      return (field && field.message) || problem.detail || problem.title || t("stateOffline", [""]);
    }

    function when(iso) {
      try {
        return new Date(iso).toLocaleString(t("pipelineLang"), { dateStyle: "short", timeStyle: "short" });
      } catch (_) {
        return iso.slice(0, 16).replace("T", " ");
      }
    }

    function badge(stage, tag) {
      const node = el(tag || "span", "badge", stage ? stage.name : "");
      node.style.background = COLOURS[stage && stage.color] || COLOURS.gray;
      node.dataset.color = (stage && stage.color) || "";
      return node;
    }

    function renderTabs() {
      const tabs = $(".stages");
      tabs.textContent = "";
      const total = state.stages.reduce((sum, s) => sum + s.count, 0);
      const all = tabButton(null, t("pipelineAll"), total, null);
      tabs.appendChild(all);
      for (const stage of state.stages) tabs.appendChild(tabButton(stage.id, stage.name, stage.count, stage));
    }

    function tabButton(id, name, count, stage) {
      const button = el("button", "tab");
      button.type = "button";
      button.dataset.stage = id || "";
      button.setAttribute("aria-pressed", String(state.stage === id));
      if (stage) {
        const dot = el("span", "dot");
        dot.style.background = COLOURS[stage.color] || COLOURS.gray;
        button.appendChild(dot);
      }
      button.append(el("span", "name", name), el("span", "count", String(count)));
      if (stage) button.appendChild(el("span", "sum", format.money(stage.total || "0", state.currency, t("pipelineLang"))));
      button.addEventListener("click", () => { state.stage = id; reload(); });
      return button;
    }

    function render() {
      renderTabs();
      const table = $(".orders");
      table.textContent = "";
      const head = el("tr");
      for (const key of ["pipelineOrder", "pipelineCustomer", "pipelineStage", "pipelineTotal", "pipelineCreated", ""]) {
        head.appendChild(el("th", "", key ? t(key) : ""));
      }
      const thead = el("thead");
      thead.appendChild(head);
      const tbody = el("tbody");
      for (const order of state.orders) tbody.appendChild(row(order));
      table.append(thead, tbody);
      $(".more").hidden = !state.next;
    }

    function row(order) {
      const tr = el("tr");
      tr.dataset.order = order.id;
      const number = el("td", "num", order.number);
      if (order.external_number && order.external_number !== order.number) number.appendChild(el("div", "muted", order.external_number));
      const customer = el("td", "customer");
      customer.append(el("div", "", order.customer.name), el("div", "muted phone", order.customer.phone || ""));
      const stageCell = el("td", "stage");
      const stageButton = badge(order.stage, "button");
      stageButton.type = "button";
      stageButton.setAttribute("aria-haspopup", "menu");
      stageButton.setAttribute("aria-expanded", String(state.menuFor === order.id));
      stageButton.title = t("panelMoveTo");
      stageButton.addEventListener("click", () => { state.menuFor = state.menuFor === order.id ? null : order.id; render(); });
      stageCell.appendChild(stageButton);
      if (state.menuFor === order.id) stageCell.appendChild(menu(order));
      if (order.stage_issue && order.stage_issue.message) stageCell.appendChild(el("div", "issue", order.stage_issue.message));
      const total = el("td", "sum", format.money(order.total || "0", order.currency || state.currency, t("pipelineLang")));
      const created = el("td", "created");
      created.append(el("div", "", when(order.created_at)));
      if (order.created_by) created.appendChild(el("div", "muted", t("pipelineBy", [order.created_by.name])));
      const actions = el("td", "actions");
      const ready = state.ready[order.id];
      const open = el("button", ready ? "open primary" : "open", ready ? t("pipelineOpenWithMessage") : t("pipelineOpenChat"));
      open.type = "button";
      open.disabled = !order.customer.phone;
      open.addEventListener("click", () => {
        const url = chatLink(order.customer.phone, ready);
        if (url) openUrl(url);
      });
      actions.appendChild(open);
      tr.append(number, customer, stageCell, total, created, actions);
      return tr;
    }

    function menu(order) {
      const list = el("ul", "menu");
      list.setAttribute("role", "menu");
      for (const stage of state.stages.filter((s) => s.active)) {
        const item = el("li");
        const choose = el("button");
        choose.type = "button";
        choose.setAttribute("role", "menuitemradio");
        choose.setAttribute("aria-checked", String(order.stage.id === stage.id));
        choose.dataset.stage = stage.id;
        const dot = el("span", "dot");
        dot.style.background = COLOURS[stage.color] || COLOURS.gray;
        choose.append(dot, el("span", "", stage.name));
        choose.addEventListener("click", () => move(order, stage));
        item.appendChild(choose);
        list.appendChild(item);
      }
      return list;
    }

    async function move(order, stage) {
      state.menuFor = null;
      render();
      const answer = await send({ type: "move-order", orderId: order.id, stageId: stage.id, moveId: newMoveId() });
      if (!answer || !answer.ok) { say(t("panelMoveFailed", [order.number, problemText(answer)])); return; }
      const moved = answer.data;
      if (moved.stage_message) state.ready[order.id] = moved.stage_message;
      else delete state.ready[order.id];
      await reload();
      say(moved.stage_message ? t("pipelineMovedReady", [moved.number, moved.stage.name]) : t("panelMoved", [moved.number, moved.stage.name]));
    }

    build();
    return { reload, state, chatLink };
  }

  const api = { createPipelinePage, chatLink, localMidnight, COLOURS };
  if (isNode) module.exports = api;
  else {
    root.Sendocki = root.Sendocki || {};
    root.Sendocki.pipelinePage = api;
  }
})(globalThis);
