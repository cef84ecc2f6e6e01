// The order dialog's shell: an overlay host on document.body (the header clips) with its own
// shadow root. Today it holds the customer's "Name" and "Phone" pre-filled from the chat; the
// products and order-details sections plug in through addSection().
(function (root) {
  "use strict";

  const TAG = "sendocki-order-dialog";
  const SOURCE_KEYS = {
    "store-pn": "phoneFromWhatsapp", "lid-cache": "phoneFromWhatsapp", "dom-data-id": "phoneFromWhatsapp",
    "dom-title": "phoneFromWhatsapp", idb: "phoneFromWhatsapp", confirmed: "phoneRemembered", typed: "phoneTyped",
    none: "phoneMissing",
  };
  const STYLE = [
    ":host{all:initial;position:fixed;inset:0;z-index:2147483001;font:14px/1.4 system-ui,'Segoe UI',Roboto,Arial,sans-serif}",
    ".backdrop{position:absolute;inset:0;background:rgba(11,20,26,.45)}",
    ".panel{position:absolute;top:50%;left:50%;transform:translate(-50%,-50%);width:min(480px,calc(100vw - 32px));",
    "max-height:calc(100vh - 32px);overflow:auto;box-sizing:border-box;padding:20px 24px;border-radius:12px;",
    "background:var(--sendocki-panel,#fff);color:var(--sendocki-text,#111b21);box-shadow:0 8px 32px rgba(0,0,0,.3)}",
    ":host([data-theme=dark]) .panel{--sendocki-panel:#233138;--sendocki-text:#e9edef}",
    "h2{margin:0 0 12px;font-size:18px;font-weight:500}",
    "h3{margin:12px 0 8px;font-size:15px;font-weight:500}",
    "label{display:block;margin:8px 0 4px;font-size:13px}",
    "input{box-sizing:border-box;width:100%;padding:8px 10px;border:1px solid #8696a0;border-radius:8px;font:inherit;",
    "background:transparent;color:inherit}",
    "input:focus{outline:2px solid #00a884;border-color:transparent}",
    ".hint{margin:4px 0 0;font-size:12px;opacity:.75}",
    ".actions{display:flex;justify-content:flex-end;gap:8px;margin-top:16px}",
    "button{font:inherit;padding:8px 16px;border-radius:18px;border:1px solid #8696a0;background:transparent;color:inherit;cursor:pointer}",
  ].join("");

  function createOrderDialog(doc, { t, dir, chat, theme, onClose }) {
    const host = doc.createElement(TAG);
    host.setAttribute("data-theme", theme === "dark" ? "dark" : "light");
    const shadow = host.attachShadow({ mode: "open" });
    shadow.innerHTML =
      "<style>" + STYLE + "</style>" +
      '<div class="backdrop" data-action="close"></div>' +
      '<div class="panel" role="dialog" aria-modal="true" aria-labelledby="sendocki-title">' +
      '<h2 id="sendocki-title"></h2>' +
      '<form novalidate><div class="sections"></div><div class="actions">' +
      '<button type="button" data-action="close"></button></div></form></div>';
    const panel = shadow.querySelector(".panel");
    panel.setAttribute("dir", dir);
    shadow.getElementById("sendocki-title").textContent = t("dialogTitle");
    const form = shadow.querySelector("form");
    const sections = shadow.querySelector(".sections");
    const actions = shadow.querySelector(".actions");
    const closeButton = actions.querySelector('[data-action="close"]');
    closeButton.textContent = t("close");

    function addSection(id, heading) {
      const section = doc.createElement("section");
      section.setAttribute("data-section", id);
      const title = doc.createElement("h3");
      title.id = "sendocki-section-" + id;
      title.textContent = heading;
      section.setAttribute("aria-labelledby", title.id);
      section.appendChild(title);
      sections.appendChild(section);
      return section;
    }

    function addField(section, { id, label, type, value, required }) {
      const labelEl = doc.createElement("label");
      labelEl.setAttribute("for", "sendocki-" + id);
      labelEl.textContent = label;
      const input = doc.createElement("input");
      input.id = "sendocki-" + id;
      input.name = id;
      input.type = type || "text";
      input.autocomplete = "off";
      input.value = value || "";
      input.required = !!required;
      section.append(labelEl, input);
      return input;
    }

    const customer = addSection("customer", t("sectionCustomer"));
    const name = addField(customer, { id: "name", label: t("fieldName"), value: chat.displayName });
    const phone = addField(customer, { id: "phone", label: t("fieldPhone"), type: "tel", value: chat.phone, required: true });
    const phoneHint = doc.createElement("p");
    phoneHint.className = "hint";
    phoneHint.id = "sendocki-phone-source";
    phone.setAttribute("aria-describedby", phoneHint.id);
    customer.appendChild(phoneHint);
    const dialog = { host, shadow, form, actions, chatKey: chat.chatKey, chat, fields: { name, phone }, addSection, addField, close };

    function showPhoneSource(source) {
      dialog.phoneSource = source;
      phone.setAttribute("data-source", source);
      phoneHint.textContent = t(SOURCE_KEYS[source] || "phoneMissing");
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
    shadow.addEventListener("click", (event) => {
      if (event.target.closest && event.target.closest('[data-action="close"]')) close();
    });
    panel.addEventListener("keydown", onKeydown);
    form.addEventListener("submit", (event) => event.preventDefault());

    doc.body.appendChild(host);
    (chat.displayName && !chat.phone ? phone : name).focus();
    return dialog;
  }

  const api = { TAG, createOrderDialog };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else (root.Sendocki = root.Sendocki || {}).orderDialog = api;
})(typeof globalThis !== "undefined" ? globalThis : this);
