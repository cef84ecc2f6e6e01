// The whole order dialog for one chat: shell, sections, loading the workspace and the customer,
// and "Create the order" (one draft id per dialog, so the worker retries with one key; disabled
// while sending; the helper's field errors shown next to their fields).
(function (root) {
  "use strict";

  // Required under node --test; in the page, loaded before this file (manifest.json).
  const isNode = typeof module !== "undefined" && module.exports;
  const { orderDialog, customerSection, productsSection, detailsSection, openOrders: openOrdersNotice, deliveryLine } = isNode ? {
    orderDialog: require("./order-dialog.js"),
    customerSection: require("./customer-section.js"),
    productsSection: require("./products-section.js"),
    detailsSection: require("./details-section.js"),
    openOrders: require("./open-orders.js"),
    deliveryLine: require("./delivery-line.js"),
  } : root.Sendocki;
  const { otherTitleKey } = isNode ? require("../whatsapp/adapter.js") : root.Sendocki.adapter;
  const { format, fieldErrors, startCommand } = isNode ? {
    format: require("./format.js"),
    fieldErrors: require("./field-errors.js"),
    startCommand: require("./start-command.js"),
  } : root.Sendocki.ui;

  const STATE_MESSAGES = { offline: "errOffline", unpaired: "errUnpaired", "wrong-helper": "errWrongHelper" };

  function newDraftId(win) {
    if (win.crypto && win.crypto.randomUUID) return win.crypto.randomUUID();
    return Date.now().toString(36) + Math.random().toString(36).slice(2);
  }

  function createOrderForm({ doc, win, i18n, chat, theme, send, workspace, onClose, onCreated, guard }) {
    const t = i18n.t;
    const dialog = orderDialog.createOrderDialog(doc, { t, dir: i18n.dir(), chat, theme, guard, onClose: () => onClose && onClose(form) });
    const currency = (workspace && workspace.currency) || "MAD";
    const lang = i18n.lang;
    // Products come right after Name and Phone, then Delivery: docs/extension-ui.md says why.
    const products = productsSection.createProductsSection(dialog, {
      t, doc, win, send, currency, money: (cents) => format.money(cents, currency, lang),
      signedMoney: (cents) => format.signedMoney(cents, currency, lang),
      currencyLabel: format.currencyWord(currency, lang), decimalComma: lang !== "en",
    });
    const customer = customerSection.createCustomerSection(dialog, { t, doc });
    const details = detailsSection.createDetailsSection(dialog, { t, doc, workspace });
    const openOrders = openOrdersNotice.createOpenOrdersNotice(dialog, { t, doc });
    let openFor;              // the card whose open orders are shown
    const delivery = deliveryLine.attachDelivery({
      doc, win, t, send, products, cityInput: dialog.fields.city, chooser: dialog.fields.chooser, lang,
      money: (cents) => format.money(cents, currency, lang), decimalComma: lang !== "en",
    });
    const draftId = newDraftId(win);
    let sending = false;
    let created = null;
    let resolveSeq = 0;

    function say(text) {
      dialog.banner.textContent = text || "";
    }

    // Not running: say exactly how to start it on this computer.
    function sayState(answer) {
      const text = t(STATE_MESSAGES[answer.state] || "errOffline");
      if (answer.state !== "offline") return say(text);
      say(text + "\n" + t("popupStartHow") + "\n" + startCommand.startCommand(startCommand.osOf(win.navigator || {})));
    }

    async function resolveCustomer() {
      const seq = ++resolveSeq;
      const phone = dialog.fields.phone.value.trim();
      const answer = await send({ type: "resolve", phone, conversation: chat.chatKey, titleKey: otherTitleKey(chat) });
      if (seq !== resolveSeq) return null;
      if (!answer.ok) {
        if (answer.state !== "refused") sayState(answer);
        return null;
      }
      customer.apply(answer.data);
      showOpenOrders();
      delivery.refresh(); // a saved address may have filled City
      return answer.data;
    }

    async function load() {
      if (!details.filled) {
        const ws = await send({ type: "workspace" });
        if (!ws.ok) { sayState(ws); return false; }
        details.fill(ws.data);
        form.workspace = ws.data;
      }
      await resolveCustomer();
      return true;
    }

    dialog.fields.phone.addEventListener("change", () => { resolveCustomer(); });

    function showOpenOrders() {
      const card = customer.card;
      if (openFor === (card ? card.id : null)) return;
      openFor = card ? card.id : null;
      openOrders.show(card);
    }

    function clearErrors() {
      for (const p of dialog.shadow.querySelectorAll(".field-error")) p.remove();
      for (const el of dialog.shadow.querySelectorAll("[aria-invalid]")) el.removeAttribute("aria-invalid");
      say("");
    }

    function fieldFor(path) {
      return customer.fieldFor(path) || products.fieldFor(path) || details.fieldFor(path);
    }

    function showFieldError(el, message) {
      el.setAttribute("aria-invalid", "true");
      const p = doc.createElement("p");
      p.className = "field-error";
      p.textContent = message;
      const box = el.closest(".line") || el.closest(".field") || el.parentNode;
      if (box && box.classList && box.classList.contains("line")) box.appendChild(p);
      else el.insertAdjacentElement("afterend", p);
    }

    // Every text in the seller's language: the helper's codes, never its English wording.
    function showProblem(problem) {
      const errors = (problem && problem.errors) || [];
      const left = [];
      for (const error of errors) {
        const el = fieldFor(error.field);
        const text = fieldErrors.describe(error, t, i18n.has);
        if (el) showFieldError(el, text);
        else if (!left.includes(text)) left.push(text);
      }
      if (problem && problem.code === "idempotency_mismatch") say(t("errMismatch"));
      else if (left.length || !errors.length) say(t("errGeneric", left.join(" ") || t("fe_unknown")));
      const first = dialog.shadow.querySelector("[aria-invalid=true]");
      if (first && first.focus) first.focus();
    }

    function checkLocally(body) {
      let ok = true;
      if (!body.customer.phone && !body.customer.id) { showFieldError(dialog.fields.phone, t("errPhoneRequired")); ok = false; }
      if (!body.lines.length) { showFieldError(products.search, t("errNoLines")); ok = false; }
      return ok;
    }

    function body() {
      const lines = products.payload();
      const out = Object.assign({ customer: customer.payload() }, lines, details.payload());
      out.conversation = { chat_key: chat.chatKey, display_name: chat.displayName || null };
      // Known by its chat id now: the helper re-links what the chat's title key holds.
      if (otherTitleKey(chat)) out.conversation.title_key = otherTitleKey(chat);
      return out;
    }

    async function submit() {
      if (sending || created) return;
      clearErrors();
      const payload = body();
      if (!checkLocally(payload)) {
        const first = dialog.shadow.querySelector("[aria-invalid=true]");
        if (first) first.focus();
        return;
      }
      showOpenOrders();
      if (!openOrders.confirmed()) return; // the customer has open orders: one more click creates
      sending = true;
      dialog.submitButton.disabled = true;
      dialog.submitButton.textContent = t("sending");
      const startedAt = win.performance.now();
      try {
        if (!details.filled && !(await load())) return;
        const answer = await send({ type: "create-order", draftId, body: payload });
        if (answer.ok) {
          created = answer.data;
          form.createdIn = win.performance.now() - startedAt;
          if (onCreated) onCreated(answer.data, form, startedAt);
          return;
        }
        if (answer.state === "refused") showProblem(answer.problem);
        else sayState(answer);
      } finally {
        sending = false;
        dialog.submitButton.disabled = !!created;
        dialog.submitButton.textContent = t(openOrders.asking ? "createAnother" : "createOrder");
      }
    }

    // Only the seller's own click on "Create the order" or Enter creates (src/ui/page-guard.js).
    dialog.guard.onTrustedSubmit(dialog.form, win, () => submit());

    // The Moroccan city named in a text, by the helper's city table (GET /v1/cities/match):
    // its name in the form's language, or null (no match, or a helper without the table).
    async function cityIn(text) {
      const answer = await send({ type: "city-match", text });
      const city = answer && answer.ok && answer.data && answer.data.city;
      if (!city) return null;
      return (city.names && city.names[lang]) || city.name || null;
    }

    function cityHint(name) {
      let hint = dialog.shadow.getElementById("sendocki-city-found");
      if (!hint) {
        hint = doc.createElement("p");
        hint.className = "hint";
        hint.id = "sendocki-city-found";
        dialog.fields.city.insertAdjacentElement("afterend", hint);
      }
      hint.textContent = name ? t("cityRecognised", name) : "";
      hint.hidden = !name;
    }

    // Text the seller selected in a message, put into one field (src/ui/take-from-chat.js).
    async function take(kind, value) {
      let input = null;
      if (kind === "address") {
        input = customer.take("address", value);
        const city = await cityIn(value);
        // City already filled (a saved address, the seller): kept, and no hint about another name.
        const fill = city && !dialog.fields.city.value.trim();
        if (fill) customer.take("city", city);
        cityHint(fill ? city : null);
      } else if (kind === "city") {
        const city = await cityIn(value);
        input = customer.take("city", city || value);
        cityHint(city);
      } else if (kind === "note") {
        input = details.appendNote(value);
      } else if (kind === "product") {
        input = products.searchFor(value);
      } else if (kind === "quantity") {
        input = products.setQuantity(value);
      }
      if (input) input.focus();
      return input;
    }

    const form = {
      dialog, customer, products, details, delivery, draftId, load, submit, body, workspace, take,
      get chatKey() { return chat.chatKey; },
      get created() { return created; },
      get sending() { return sending; },
      get phoneSource() { return dialog.phoneSource; },
    };
    return form;
  }

  const api = { createOrderForm };
  if (isNode) module.exports = api;
  else root.Sendocki = Object.assign(root.Sendocki || {}, { orderForm: api });
})(globalThis);
