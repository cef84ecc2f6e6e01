// The order's delivery line: when the City names a city (any spelling: "Casa", "الدار البيضاء"),
// the helper's fee for it is added as a line of its own kind. The agent may change the fee or
// remove the line (it stays removed for that city); free above the workspace's amount follows
// the products' total live. Without a change the helper prices the line itself at creation.
(function (root) {
  "use strict";

  const isNode = typeof module !== "undefined" && module.exports;
  const money = isNode ? require("./money.js") : root.Sendocki.money;
  const lineFrame = isNode ? require("./line-frame.js") : root.Sendocki.ui.lineFrame;
  const elementMaker = isNode ? require("./dom.js").elementMaker : root.Sendocki.ui.dom.elementMaker;
  const QUOTE_DEBOUNCE_MS = 250;
  const CSS = `
.line[data-kind=delivery] .line-head .name{font-weight:500}
.delivery-fee{display:flex;align-items:center;gap:8px;margin-top:6px}
.delivery-fee label{margin:0;flex:none}
.delivery-fee input{width:110px;min-height:30px;padding:4px 10px;text-align:end}
.delivery-fee .hint{margin:0;flex:1}
.truck{flex:none;width:32px;height:32px;display:inline-flex;align-items:center;justify-content:center;border-radius:6px;background:var(--badge);color:var(--badge-text)}
.truck svg{width:18px;height:18px}
`;
  const TRUCK = '<svg viewBox="0 0 24 24" aria-hidden="true"><path fill="currentColor" d="M3 5h11a1 1 0 0 1 1 1v2h3.4a1 1 0 0 1 .8.4l2.6 3.5a1 1 0 0 1 .2.6V16a1 1 0 0 1-1 1h-1.2a2.5 2.5 0 0 1-4.6 0H9.8a2.5 2.5 0 0 1-4.6 0H3a1 1 0 0 1-1-1V6a1 1 0 0 1 1-1zm12 5v3h4.5l-2.2-3H15zM7.5 15.5a1 1 0 1 0 0 2 1 1 0 0 0 0-2zm9 0a1 1 0 1 0 0 2 1 1 0 0 0 0-2z"/></svg>';

  // One delivery line, shaped like a product line for the products section (refresh, payload).
  function createDeliveryLine(doc, { t, uid, onChange, onRemove, lang, money: showMoney, decimalComma }) {
    const show = showMoney || ((cents) => money.show(cents, "MAD"));
    const element = elementMaker(doc);
    const icon = element("span", "truck");
    icon.innerHTML = TRUCK; // a constant
    const total = element("span", "line-total");
    const { box: el, title } = lineFrame.createLineFrame(doc, {
      kind: "delivery", removeLabel: t("deliveryRemove"), onRemove: () => onRemove(line), before: [icon], after: [total],
    });
    const feeRow = element("div", "delivery-fee");
    const label = element("label", "", t("deliveryFee"));
    const fee = element("input");
    fee.id = "sendocki-delivery-fee-" + uid;
    fee.inputMode = "decimal";
    label.setAttribute("for", fee.id);
    const hint = element("p", "hint");
    feeRow.append(label, fee, hint);
    el.appendChild(feeRow);

    let quoted = null; // the helper's answer: {city, fee, due, free_above, rule}
    let edited = false;
    fee.addEventListener("input", () => { edited = fee.value.trim() !== ""; onChange(line); });

    // The fee the table asks for, given the products' total (free above the amount).
    function tableCents(productsCents) {
      if (!quoted) return 0;
      const freeAbove = money.parse(quoted.free_above);
      if (freeAbove !== null && productsCents >= freeAbove) return 0;
      return money.parse(quoted.fee) || 0;
    }

    function update(quote, productsCents) {
      quoted = quote;
      // The city in the form's language when the shipped table knows it ("الدار البيضاء").
      const names = quote.city_names || {};
      title.textContent = t("deliveryLine", names[lang] || quote.city || "");
      refresh(productsCents);
    }

    let productsNow = 0;
    function refresh(productsCents) {
      if (typeof productsCents === "number") productsNow = productsCents;
      const table = tableCents(productsNow);
      if (!edited) fee.value = money.typed(table, decimalComma);
      const freeAbove = quoted && money.parse(quoted.free_above);
      hint.textContent = freeAbove !== null && freeAbove !== undefined
        ? (table === 0 && !edited ? t("deliveryFreeNow") : t("deliveryFreeAbove", show(freeAbove)))
        : "";
      const cents = money.parse(fee.value);
      total.textContent = show(cents === null ? 0 : cents);
      return cents === null ? 0 : cents;
    }

    function payload() {
      const out = { kind: "delivery", quantity: 1 };
      if (edited) {
        const cents = money.parse(fee.value);
        out.unit_price = cents === null ? fee.value.trim() : money.wire(cents);
      }
      return out;
    }

    const line = {
      el, kind: "delivery", free: false, refresh, payload, update, fee,
      get city() { return quoted && quoted.city; },
      get edited() { return edited; },
      fieldFor() { return fee; },
      focus() { fee.focus(); },
    };
    return line;
  }

  // Watches City (typed, or filled from a saved address) and keeps the delivery line in step.
  function attachDelivery({ doc, win, t, send, products, cityInput, chooser, lang, money: showMoney, decimalComma }) {
    let line = null;
    let removedFor = null; // the city key whose line the agent removed
    let seq = 0;
    let timer = null;
    let lastCity = null;

    async function quote() {
      const city = cityInput.value.trim();
      if (city === lastCity && (line || !city)) return;
      lastCity = city;
      const mine = ++seq;
      if (!city) { drop(); return; }
      const answer = await send({ type: "delivery-quote", city, productsTotal: money.wire(products.productsCents()) });
      if (mine !== seq) return; // a newer city was typed meanwhile
      if (!answer.ok || !answer.data || !answer.data.rule) { drop(); return; }
      const key = answer.data.city_key || city.toLowerCase();
      if (removedFor === key) return;
      removedFor = null;
      if (!line) {
        line = products.adopt((uid, onChange, onRemove) => createDeliveryLine(doc, {
          t, uid, onChange, lang, money: showMoney, decimalComma,
          onRemove: (l) => { removedFor = key; line = null; onRemove(l); },
        }));
      }
      line.update(answer.data, products.productsCents());
      products.recompute();
    }

    function drop() {
      if (line && !line.edited) {
        products.removeLine(line, { keepFocus: true });
        line = null;
      }
    }

    function later() {
      win.clearTimeout(timer);
      timer = win.setTimeout(quote, QUOTE_DEBOUNCE_MS);
    }

    cityInput.addEventListener("input", later);
    cityInput.addEventListener("change", () => { win.clearTimeout(timer); quote(); });
    // A saved address fills City without an input event.
    if (chooser) chooser.addEventListener("change", () => win.setTimeout(quote, 0));

    return {
      refresh: () => { win.clearTimeout(timer); return quote(); },
      get line() { return line; },
    };
  }

  const api = { createDeliveryLine, attachDelivery, CSS, QUOTE_DEBOUNCE_MS };
  if (isNode) module.exports = api;
  else root.Sendocki = Object.assign(root.Sendocki || {}, { deliveryLine: api });
})(globalThis);
