// The customer's open orders in the order dialog ("Open order WA-000123, 12 min ago, by Salma —
// New"), from the resolve answer: made here, in Sendocki's web app or by a teammate. A warning,
// like the stock warning, never a refusal: creating another order takes one explicit
// confirmation (the first click on the button asks, the second creates).
(function (root) {
  "use strict";

  const CSS = `
.open-orders{margin:0;padding:8px 12px;border-radius:8px;background:#fff4d6;color:#5c4300;font-size:13px}
:host([data-theme=dark]) .open-orders{background:#3d3322;color:#ffe2a8}
.open-orders[hidden]{display:none}.open-orders ul{margin:4px 0 0;padding-inline-start:18px}
.open-orders.asking{outline:2px solid #f0b429}`;

  function ago(iso, now, locale) {
    const minutes = Math.round((now - Date.parse(iso)) / 60000);
    const format = new Intl.RelativeTimeFormat(locale, { numeric: "auto" });
    if (Math.abs(minutes) < 60) return format.format(-minutes, "minute");
    const hours = Math.round(minutes / 60);
    if (Math.abs(hours) < 24) return format.format(-hours, "hour");
    return format.format(-Math.round(hours / 24), "day");
  }

  function describe(order, t, now) {
    const when = ago(order.created_at, now, t("pipelineLang"));
    const stage = order.stage ? order.stage.name : "";
    return order.created_by
      ? t("openOrderBy", [order.number, when, order.created_by.name, stage])
      : t("openOrder", [order.number, when, stage]);
  }

  function createOpenOrdersNotice(dialog, { t, doc, now }) {
    const clock = now || Date.now;
    const style = doc.createElement("style");
    style.textContent = CSS;
    dialog.shadow.appendChild(style);
    const box = doc.createElement("div");
    box.className = "open-orders";
    box.hidden = true;
    box.setAttribute("role", "status");
    dialog.banner.parentNode.insertBefore(box, dialog.banner);
    let orders = [];
    let asked = false;

    function show(card) {
      orders = (card && card.open_orders) || [];
      asked = false;
      box.classList.remove("asking");
      box.textContent = "";
      box.hidden = !orders.length;
      dialog.submitButton.textContent = t("createOrder");
      if (!orders.length) return;
      box.appendChild(doc.createTextNode(t("openOrdersTitle", [String(orders.length)])));
      const list = doc.createElement("ul");
      for (const order of orders) {
        const item = doc.createElement("li");
        item.textContent = describe(order, t, clock());
        list.appendChild(item);
      }
      box.appendChild(list);
    }

    // True when the click may create: no open order, or the seller already confirmed once.
    function confirmed() {
      if (!orders.length || asked) return true;
      asked = true;
      box.classList.add("asking");
      dialog.submitButton.textContent = t("createAnother");
      return false;
    }

    return { show, confirmed, get asking() { return asked; }, box };
  }

  const api = { createOpenOrdersNotice, describe, ago };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else {
    root.Sendocki = root.Sendocki || {};
    root.Sendocki.openOrders = api;
  }
})(globalThis);
