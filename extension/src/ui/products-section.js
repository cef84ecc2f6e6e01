// The dialog's "Products" section: search as you type (by name or reference, through the worker),
// lines with variant pickers and quantity steppers, free products, a live total that the seller
// may change (a discount), shown beside the catalog total and the difference.
(function (root) {
  "use strict";

  // Required under node --test; in the page, loaded before this file (manifest.json).
  const isNode = typeof module !== "undefined" && module.exports;
  const { money, productLine, thumbnail, deliveryLine } = isNode ? {
    money: require("./money.js"),
    productLine: require("./product-line.js"),
    thumbnail: require("./thumbnail.js"),
    deliveryLine: require("./delivery-line.js"),
  } : root.Sendocki;
  const { elementMaker } = isNode ? require("./dom.js") : root.Sendocki.ui.dom;
  // Short enough that results show within 100 ms of the last keystroke, long enough to skip
  // the intermediate words of a fast typist.
  const SEARCH_DEBOUNCE_MS = 25;
  const SEARCH_LIMIT = 8;

  function createProductsSection(dialog, { t, doc, win, send, currency, money: showMoney, signedMoney, currencyLabel, decimalComma }) {
    // Amounts as the seller writes them in their language (src/ui/format.js), plain otherwise;
    // a difference's sign stays on its amount's side in Arabic too.
    const show = showMoney || ((cents) => money.show(cents, currency));
    const signed = signedMoney || ((cents) => money.signed(cents, currency));
    const element = elementMaker(doc);
    const section = dialog.addSection("products", t("sectionProducts"));
    dialog.shadow.appendChild(element("style", "", thumbnail.CSS + deliveryLine.CSS));
    const thumbs = thumbnail.createThumbnails(send);
    const search = dialog.addField(section, { id: "product-search", label: t("productSearch"), type: "search" });
    const results = element("ul", "results");
    results.setAttribute("role", "listbox");
    results.setAttribute("aria-label", t("sectionProducts"));
    const lines = element("div", "lines");
    const addFree = element("button", "link", "+ " + t("addFree"));
    addFree.type = "button";
    section.append(results, lines, addFree);

    const totals = element("div", "totals");
    const catalogLabel = element("span", "muted", t("catalogTotal"));
    const catalogValue = element("span", "muted catalog-total");
    const totalLabel = element("label", "", t("total"));
    totalLabel.setAttribute("for", "sendocki-total");
    const total = element("input");
    total.id = "sendocki-total";
    total.inputMode = "decimal";
    const diffLabel = element("span", "muted", t("difference"));
    const diffValue = element("span", "diff");
    // The Total field says its currency, like every other amount.
    const totalBox = element("span", "amount-box");
    totalBox.append(total, element("span", "currency", currencyLabel || currency));
    totals.append(catalogLabel, catalogValue, totalLabel, totalBox, diffLabel, diffValue);
    section.appendChild(totals);

    const state = { lines: [], found: [], totalEdited: false, seq: 0, timer: null, uid: 0, productsCents: 0 };
    const timings = [];

    function recompute() {
      // Products first: the delivery line's fee may depend on their total (free above).
      let products = 0;
      let delivery = 0;
      for (const line of state.lines) if (line.kind !== "delivery") products += line.refresh();
      for (const line of state.lines) if (line.kind === "delivery") delivery += line.refresh(products);
      state.productsCents = products;
      const catalog = products + delivery;
      catalogValue.textContent = show(catalog);
      if (!state.totalEdited) total.value = money.typed(catalog, decimalComma);
      const typed = money.parse(total.value);
      const diff = typed === null ? 0 : typed - catalog;
      diffValue.textContent = signed(diff);
      diffValue.classList.toggle("minus", diff < 0);
      diffLabel.hidden = diffValue.hidden = diff === 0;
      return catalog;
    }

    function addLine(options) {
      return adopt((uid) => {
        const line = productLine.createLine(doc, Object.assign({ t, currency, money: show, uid, onChange: recompute, onRemove: removeLine }, options));
        if (options.product) line.el.querySelector(".line-head").prepend(thumbs.element(doc, options.product));
        return line;
      });
    }

    // A line made elsewhere (the delivery line), kept last.
    function adopt(make) {
      state.uid += 1;
      const line = make(state.uid, recompute, removeLine);
      const delivery = state.lines.findIndex((l) => l.kind === "delivery");
      if (delivery >= 0 && line.kind !== "delivery") {
        state.lines.splice(delivery, 0, line);
        lines.insertBefore(line.el, state.lines[delivery + 1].el);
      } else {
        state.lines.push(line);
        lines.appendChild(line.el);
      }
      recompute();
      return line;
    }

    /** @param {any} line @param {{ keepFocus?: boolean }} [options] */
    function removeLine(line, { keepFocus } = {}) {
      state.lines = state.lines.filter((l) => l !== line);
      line.el.remove();
      recompute();
      if (!keepFocus) search.focus();
    }

    function renderResults(found) {
      results.textContent = "";
      state.found = found;
      if (!found) return;
      if (!found.length) {
        results.appendChild(element("li", "empty", t("noResults")));
        return;
      }
      for (const product of found) {
        const li = element("li");
        const button = element("button");
        button.type = "button";
        button.setAttribute("role", "option");
        const left = element("span", "label", product.name + " ");
        left.appendChild(element("span", "sku", product.sku || ""));
        const price = element("span", "price", show(money.parse(product.price) || 0));
        button.append(thumbs.element(doc, product), left, price);
        button.addEventListener("click", dialog.guard.onTrusted(() => pick(product)));
        li.appendChild(button);
        results.appendChild(li);
      }
    }

    function pick(product) {
      const line = addLine({ product });
      renderResults(null);
      search.value = "";
      line.focus();
    }

    async function runSearch(q, typedAt) {
      const seq = ++state.seq;
      const answer = await send({ type: "search", q, limit: SEARCH_LIMIT });
      if (seq !== state.seq) return; // a later keystroke already asked again
      if (!answer.ok) {
        results.textContent = "";
        results.appendChild(element("li", "empty", t("searchUnavailable")));
        return;
      }
      renderResults(answer.data.results || []);
      // Shown = the frame after the list changed; measured in the content script's own clock.
      win.requestAnimationFrame(() => timings.push({ q, ms: win.performance.now() - typedAt }));
    }

    search.addEventListener("input", (event) => {
      win.clearTimeout(state.timer);
      const q = search.value.trim();
      if (!q) { state.seq += 1; renderResults(null); return; }
      const typedAt = event.timeStamp || win.performance.now();
      state.timer = win.setTimeout(() => runSearch(q, typedAt), SEARCH_DEBOUNCE_MS);
    });
    search.addEventListener("keydown", (event) => {
      if (event.key === "Enter") {
        event.preventDefault();
        if (state.found && state.found.length && dialog.guard.trusted(event)) pick(state.found[0]);
      }
    });
    // Lines are added by the seller's own click or Enter only (src/ui/page-guard.js).
    addFree.addEventListener("click", dialog.guard.onTrusted(() => addLine({ free: true }).focus()));
    total.addEventListener("input", () => { state.totalEdited = total.value.trim() !== ""; recompute(); });

    function payload() {
      const catalog = recompute();
      const typed = money.parse(total.value);
      const out = { lines: state.lines.map((l) => l.payload()) };
      if (state.totalEdited && (typed === null || typed !== catalog)) out.total = typed === null ? total.value.trim() : money.wire(typed);
      return out;
    }

    function fieldFor(path) {
      if (path === "total") return total;
      if (path === "lines") return search;
      const match = /^lines\[(\d+)\](?:\.(\w+))?/.exec(path);
      if (!match) return null;
      const line = state.lines[Number(match[1])];
      return line ? line.fieldFor(match[2]) : search;
    }

    // From the chat: a product name searched as if typed; a quantity for the last line.
    function searchFor(text) {
      search.value = text;
      search.dispatchEvent(new search.ownerDocument.defaultView.Event("input", { bubbles: true }));
      return search;
    }
    function setQuantity(n) {
      const line = state.lines.filter((l) => l.kind !== "delivery").pop();
      if (!line) return null;
      line.qty.value = String(n);
      line.qty.dispatchEvent(new line.qty.ownerDocument.defaultView.Event("input", { bubbles: true }));
      return line.qty;
    }

    recompute();
    return {
      payload, fieldFor, addLine, adopt, removeLine, recompute, searchFor, setQuantity, timings, search, total,
      get lines() { return state.lines; },
      productsCents: () => state.productsCents,
    };
  }

  const api = { createProductsSection, SEARCH_DEBOUNCE_MS };
  if (isNode) module.exports = api;
  else root.Sendocki = Object.assign(root.Sendocki || {}, { productsSection: api });
})(globalThis);
