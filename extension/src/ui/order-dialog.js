// The order dialog's shell: a host on document.body (the header clips) with its own closed shadow root,
// docked beside the chat (right; left in Arabic) without a backdrop, so the conversation stays
// readable, scrollable and selectable while it is open; the customer's Name and Phone pre-filled from the chat, a footer with the
// "Create the order" button and a message line. The sections plug in through addSection/addField.
// Esc or Close only detaches the host: the controller may show the same draft again.
(function (root) {
  "use strict";

  const TAG = "sendocki-order-dialog";
  const style = (typeof module !== "undefined" && module.exports) ? require("./dialog-style.js") : root.Sendocki.dialogStyle;
  const pageGuard = (typeof module !== "undefined" && module.exports) ? require("./page-guard.js") : root.Sendocki.ui.pageGuard;
  const adapter = (typeof module !== "undefined" && module.exports) ? require("../whatsapp/adapter.js") : root.Sendocki.adapter;
  // The sources that read WhatsApp are the adapter's list; the others are the seller's.
  const SELLER_SOURCE_KEYS = { confirmed: "phoneRemembered", typed: "phoneTyped", none: "phoneMissing" };

  function createOrderDialog(doc, { t, dir, chat, theme, onClose, guard = pageGuard.PRODUCTION }) {
    const host = doc.createElement(TAG);
    host.setAttribute("data-theme", theme === "dark" ? "dark" : "light");
    const shadow = guard.attachRoot(host);
    guard.keepFieldsFromPageEdits(shadow);
    shadow.innerHTML =
      "<style>" + style.CSS + "</style>" +
      '<div class="panel" role="dialog" aria-modal="false" aria-labelledby="sendocki-title">' +
      '<div class="top"><h2 id="sendocki-title"></h2><button type="button" class="x" data-action="close">×</button></div>' +
      '<form novalidate><div class="sections"></div><div class="foot"><p class="banner" role="alert"></p>' +
      '<div class="actions"><button type="button" class="ghost" data-action="close"></button>' +
      '<button type="submit" class="primary" data-action="submit"></button></div></div></form></div>';
    const panel = shadow.querySelector(".panel");
    panel.setAttribute("dir", dir);
    host.setAttribute("data-side", dir === "rtl" ? "left" : "right");
    shadow.getElementById("sendocki-title").textContent = t("dialogTitle");
    const form = shadow.querySelector("form");
    const sections = shadow.querySelector(".sections");
    const actions = shadow.querySelector(".actions");
    const banner = shadow.querySelector(".banner");
    const submitButton = actions.querySelector('[data-action="submit"]');
    actions.querySelector('[data-action="close"]').textContent = t("close");
    shadow.querySelector(".top .x").setAttribute("aria-label", t("close"));
    submitButton.textContent = t("createOrder");

    function addSection(name, heading) {
      const section = doc.createElement("section");
      section.dataset.section = name;
      const title = doc.createElement("h3");
      title.textContent = heading;
      section.appendChild(title);
      sections.appendChild(section);
      return section;
    }

    // A labelled input, select or textarea in its own box (so rows can hold several).
    /** @param {Element} parent @param {{ id: string, label: string, type?: string, value?: string, required?: boolean, tag?: string, hint?: string }} field */
    function addField(parent, { id, label, type, value, required, tag, hint }) {
      const box = doc.createElement("div");
      box.className = "field";
      box.dataset.field = id;
      const labelEl = doc.createElement("label");
      labelEl.setAttribute("for", "sendocki-" + id);
      labelEl.textContent = label;
      const input = doc.createElement(tag || "input");
      input.id = "sendocki-" + id;
      input.name = id;
      if (!tag || tag === "input") {
        input.type = type || "text";
        input.autocomplete = "off";
      }
      // Names and addresses are often Latin inside an Arabic dialog: each field takes its own text's direction.
      if (tag === "textarea" || (!tag && (!type || type === "text" || type === "search"))) input.dir = "auto";
      if (value !== undefined && value !== null && tag !== "select") input.value = value;
      input.required = !!required;
      box.append(labelEl, input);
      if (hint) {
        const p = doc.createElement("p");
        p.className = "hint";
        p.textContent = hint;
        box.appendChild(p);
      }
      parent.appendChild(box);
      return input;
    }

    const customer = addSection("customer", t("sectionCustomer"));
    const name = addField(customer, { id: "name", label: t("fieldName"), value: chat.displayName });
    const phone = addField(customer, { id: "phone", label: t("fieldPhone"), type: "tel", value: chat.phone, required: true });
    const phoneHint = doc.createElement("p");
    phoneHint.className = "hint";
    phoneHint.id = "sendocki-phone-source";
    phone.setAttribute("aria-describedby", phoneHint.id);
    phone.parentNode.appendChild(phoneHint);
    const dialog = {
      host, shadow, guard, form, actions, banner, submitButton, chatKey: chat.chatKey, chat, fields: { name, phone },
      addSection, addField, close, show, showPhoneSource, get closed() { return closed; },
    };

    function showPhoneSource(source) {
      dialog.phoneSource = source;
      phone.setAttribute("data-source", source);
      phoneHint.textContent = t(adapter.WHATSAPP_SOURCES.has(source) ? "phoneFromWhatsapp" : SELLER_SOURCE_KEYS[source] || "phoneMissing");
    }
    showPhoneSource(chat.phone ? chat.phoneSource : "none");
    phone.addEventListener("input", () => showPhoneSource(phone.value.trim() ? "typed" : "none"));

    function onKeydown(event) {
      if (event.key === "Escape") {
        event.stopPropagation();
        close();
      }
    }
    let closed = false;
    function close() {
      if (closed) return;
      closed = true;
      host.remove();
      if (onClose) onClose(dialog);
    }
    function focusFirst() {
      (name.value && !phone.value ? phone : name).focus();
    }
    // The same draft again, as the seller left it.
    function show() {
      closed = false;
      if (!host.isConnected) doc.body.appendChild(host);
      focusFirst();
    }
    shadow.addEventListener("click", (event) => {
      if (event.target.closest && event.target.closest('[data-action="close"]')) close();
    });
    panel.addEventListener("keydown", onKeydown);
    form.addEventListener("submit", (event) => event.preventDefault());

    doc.body.appendChild(host);
    focusFirst();
    return dialog;
  }

  const api = { TAG, createOrderDialog };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else root.Sendocki = Object.assign(root.Sendocki || {}, { orderDialog: api });
})(globalThis);
