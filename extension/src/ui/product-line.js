// One line of the order: a catalog product with a picker per variant attribute (size, colour...),
// a quantity stepper and its stock (warned when short); or a free product (name, price, quantity),
// not tracked in stock. Each line reports its payload and its catalog and applied amounts in cents.
(function (root) {
  "use strict";

  const isNode = typeof module !== "undefined" && module.exports;
  const money = isNode ? require("./money.js") : root.Sendocki.money;
  const lineFrame = isNode ? require("./line-frame.js") : root.Sendocki.ui.lineFrame;
  const MAX_QUANTITY = 999;

  function attributeNames(variants) {
    const names = [];
    for (const v of variants) for (const k of Object.keys(v.attributes || {})) if (!names.includes(k)) names.push(k);
    return names;
  }

  function createLine(doc, { t, product, free, currency, money: showMoney, onChange, onRemove, uid }) {
    const show = showMoney || ((cents) => money.show(cents, currency));
    const { box: el, title } = lineFrame.createLineFrame(doc, {
      kind: free ? "free" : "catalog", removeLabel: t("removeLine"), onRemove: () => onRemove(line),
    });

    function labelled(input, text, id) {
      const box = doc.createElement("div");
      const label = doc.createElement("label");
      input.id = "sendocki-" + id;
      label.setAttribute("for", input.id);
      label.textContent = text;
      box.append(label, input);
      return box;
    }

    const variants = (product && product.variants) || [];
    const attrs = attributeNames(variants);
    const selects = {};
    // The variant the search matched (e.g. "sac noir"), in stock if possible.
    let variant = variants.find((v) => v.matched && (v.available || 0) > 0) || variants.find((v) => (v.available || 0) > 0)
      || variants[0] || null;

    let freeName = null;
    let freePrice = null;
    if (free) {
      title.textContent = t("freeTag");
      title.classList.add("sku");
      const fields = doc.createElement("div");
      fields.className = "free-fields";
      freeName = doc.createElement("input");
      freeName.dir = "auto";
      freePrice = doc.createElement("input");
      freePrice.inputMode = "decimal";
      fields.append(labelled(freeName, t("freeName"), "free-name-" + uid), labelled(freePrice, t("freePrice"), "free-price-" + uid));
      el.appendChild(fields);
      for (const input of [freeName, freePrice]) input.addEventListener("input", () => onChange(line));
    } else {
      title.textContent = product.name;
      if (attrs.length && variants.length > 1) {
        const box = doc.createElement("div");
        box.className = "attrs";
        for (const attr of attrs) {
          const select = doc.createElement("select");
          const values = [...new Set(variants.map((v) => (v.attributes || {})[attr]).filter((x) => x !== undefined))];
          if (values.length < 2) continue; // nothing to choose
          for (const value of values) {
            const o = doc.createElement("option");
            o.value = o.textContent = value;
            select.appendChild(o);
          }
          select.addEventListener("change", () => pickVariant(attr));
          selects[attr] = select;
          box.appendChild(labelled(select, attr.charAt(0).toUpperCase() + attr.slice(1), "attr-" + uid + "-" + attr));
        }
        el.appendChild(box);
      }
    }

    const foot = doc.createElement("div");
    foot.className = "line-foot";
    const stepper = doc.createElement("div");
    stepper.className = "stepper";
    const minus = doc.createElement("button");
    const plus = doc.createElement("button");
    const qty = doc.createElement("input");
    minus.type = plus.type = "button";
    minus.textContent = "−";
    plus.textContent = "+";
    minus.setAttribute("aria-label", t("decrease"));
    plus.setAttribute("aria-label", t("increase"));
    qty.type = "text";
    qty.inputMode = "numeric";
    qty.value = "1";
    qty.setAttribute("aria-label", t("quantity"));
    qty.id = "sendocki-qty-" + uid;
    stepper.append(minus, qty, plus);
    const stock = doc.createElement("span");
    stock.className = "stock";
    const total = doc.createElement("span");
    total.className = "line-total";
    foot.append(stepper, stock, total);
    el.appendChild(foot);

    function quantity() {
      const n = Number(qty.value);
      return Number.isInteger(n) ? n : NaN;
    }
    function step(delta) {
      const n = quantity();
      qty.value = String(Math.min(MAX_QUANTITY, Math.max(1, (Number.isNaN(n) ? 1 : n) + delta)));
      onChange(line);
    }
    minus.addEventListener("click", () => step(-1));
    plus.addEventListener("click", () => step(1));
    qty.addEventListener("input", () => onChange(line));

    // The variant matching every picked value; else the first one with the value just picked.
    function pickVariant(changed) {
      const wanted = {};
      for (const [attr, select] of Object.entries(selects)) wanted[attr] = select.value;
      const exact = variants.find((v) => attrs.every((a) => (v.attributes || {})[a] === wanted[a] || !(a in (v.attributes || {}))));
      variant = exact || variants.find((v) => (v.attributes || {})[changed] === wanted[changed]) || variant;
      syncSelects();
      onChange(line);
    }
    function syncSelects() {
      if (!variant) return;
      for (const [attr, select] of Object.entries(selects)) {
        if ((variant.attributes || {})[attr] !== undefined) select.value = variant.attributes[attr];
      }
    }
    syncSelects();

    function unitCents() {
      if (free) return money.parse(freePrice.value);
      return money.parse((variant && variant.price) || product.price);
    }
    function available() {
      if (free) return null;
      if (variant && typeof variant.available === "number") return variant.available;
      return typeof product.available === "number" ? product.available : null;
    }

    // Re-render this line's stock warning and amount; returns its cents.
    function refresh() {
      const n = quantity();
      const unit = unitCents();
      const left = available();
      if (left === null) {
        stock.textContent = "";
        stock.classList.remove("short");
      } else {
        const short = !Number.isNaN(n) && n > left;
        stock.textContent = short ? "⚠ " + t("stockShort", left) : t("stockAvailable", left);
        stock.classList.toggle("short", short);
      }
      const cents = unit !== null && !Number.isNaN(n) ? unit * n : 0;
      total.textContent = show(cents);
      return cents;
    }

    function payload() {
      if (free) {
        return { kind: "free", name: freeName.value.trim(), unit_price: freePrice.value.trim() === "" ? null : (money.parse(freePrice.value) === null ? freePrice.value.trim() : money.wire(money.parse(freePrice.value))), quantity: quantity() };
      }
      const out = { kind: "catalog", quantity: quantity() };
      if (variant && variant.id) out.variant_id = variant.id;
      else out.sku = product.sku;
      return out;
    }

    const line = {
      el, free: !!free, refresh, payload, get variant() { return variant; }, get product() { return product; },
      qty, freeName, freePrice,
      fieldFor(rest) {
        if (rest === "quantity") return qty;
        if (rest === "name" && free) return freeName;
        if (rest === "unit_price" && free) return freePrice;
        return free ? freeName : stepper;
      },
      focus() { (free ? freeName : qty).focus(); },
    };
    return line;
  }

  const api = { createLine, attributeNames };
  if (isNode) module.exports = api;
  else root.Sendocki = Object.assign(root.Sendocki || {}, { productLine: api });
})(globalThis);
