// Details taken from the chat: when the seller selects text inside a message (an address, a
// city, a product, a quantity), a small bar appears under the selection; one click puts the text
// into the order form's field (opening the form if it is closed). Only what the seller selected
// and then clicked is read, and it goes nowhere but into the form (docs/extension-ui.md).
(function (root) {
  "use strict";

  const isNode = typeof module !== "undefined" && module.exports;
  const selectors = isNode ? require("../whatsapp/selectors.js") : root.Sendocki.selectors;
  const pageGuard = isNode ? require("./page-guard.js") : root.Sendocki.ui.pageGuard;

  const TAG = "sendocki-take";
  const MAX_CHARS = 500;
  const GAP_PX = 6;
  const KINDS = [["address", "takeAddress"], ["city", "takeCity"], ["product", "takeProduct"], ["note", "takeNote"]];
  const CSS = `
:host{all:initial;position:fixed;z-index:2147483002;font:13px/1.3 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif}
[hidden]{display:none!important}
.bar{display:flex;align-items:center;gap:4px;padding:4px;border-radius:18px;background:#fff;color:#111b21;box-shadow:0 2px 10px rgba(11,20,26,.28)}
:host([data-theme=dark]) .bar{background:#233138;color:#e9edef}
.title{padding:0 6px;color:#667781;font-size:12px;white-space:nowrap}
:host([data-theme=dark]) .title{color:#8696a0}
button{font:inherit;font-weight:500;padding:5px 10px;border:0;border-radius:14px;background:#d9fdd3;color:#005c4b;cursor:pointer;white-space:nowrap}
:host([data-theme=dark]) button{background:#005c4b;color:#d9fdd3}
button:hover,button:focus-visible{outline:2px solid #00a884;outline-offset:0}
`;

  // A quantity is a whole number a seller would type (1 to 999), nothing else.
  function asQuantity(text) {
    const n = Number(text);
    return /^\d{1,3}$/.test(text) && n >= 1 ? n : null;
  }

  function createTakeFromChat({ doc, win, t, dir, theme, enabled, onTake, guard = pageGuard.PRODUCTION }) {
    const host = doc.createElement(TAG);
    const shadow = guard.attachRoot(host);
    shadow.innerHTML = "<style>" + CSS + '</style><div class="bar" role="toolbar"><span class="title"></span></div>';
    const bar = shadow.querySelector(".bar");
    bar.setAttribute("dir", dir);
    bar.setAttribute("aria-label", t("takeTitle"));
    shadow.querySelector(".title").textContent = t("takeTitle");
    const buttons = {};
    for (const [kind, key] of KINDS.concat([["quantity", "quantity"]])) {
      const button = doc.createElement("button");
      button.type = "button";
      button.dataset.take = kind;
      button.textContent = t(key);
      bar.appendChild(button);
      buttons[kind] = button;
    }
    let current = "";
    let frame = null;
    let started = false;

    function hide() {
      current = "";
      if (host.isConnected) host.remove();
    }

    // The selection, if it lies inside one message area and is worth taking.
    function selectedText() {
      const selection = doc.getSelection && doc.getSelection();
      if (!selection || selection.isCollapsed || !selection.rangeCount) return null;
      const area = selectors.messageAreaOf(doc, selection.anchorNode);
      if (!area || selectors.messageAreaOf(doc, selection.focusNode) !== area) return null;
      const text = selection.toString().replace(/\s+/g, " ").trim();
      if (!text || text.length > MAX_CHARS) return null;
      const range = selection.getRangeAt(0);
      return { text, rect: range.getBoundingClientRect ? range.getBoundingClientRect() : { left: 0, top: 0, bottom: 0 } };
    }

    function check() {
      frame = null;
      const found = enabled() ? selectedText() : null;
      if (!found) return hide();
      current = found.text;
      buttons.quantity.hidden = asQuantity(current) === null;
      host.setAttribute("data-theme", theme() === "dark" ? "dark" : "light");
      if (!host.isConnected) doc.body.appendChild(host);
      const width = bar.getBoundingClientRect().width || 280;
      const left = Math.max(8, Math.min(win.innerWidth - width - 8, found.rect.left));
      const below = found.rect.bottom + GAP_PX;
      host.style.left = Math.round(left) + "px";
      host.style.top = Math.round(below + 40 > win.innerHeight ? found.rect.top - 40 - GAP_PX : below) + "px";
    }

    function schedule() {
      if (frame === null) frame = win.requestAnimationFrame(check);
    }

    // Pressing a button must not clear the seller's selection before the click lands.
    bar.addEventListener("mousedown", (event) => event.preventDefault());
    bar.addEventListener("click", (event) => {
      const button = event.target.closest && event.target.closest("button[data-take]");
      // Only the seller's own click counts: a page script could click our button too.
      if (!button || !current || !guard.trusted(event)) return;
      const kind = button.dataset.take;
      const text = current;
      hide();
      onTake(kind, kind === "quantity" ? asQuantity(text) : text);
    });
    function onKey(event) {
      if (event.key === "Escape" && host.isConnected) hide();
    }

    function start() {
      if (started) return;
      started = true;
      doc.addEventListener("selectionchange", schedule);
      doc.addEventListener("keydown", onKey, true);
    }
    function stop() {
      started = false;
      doc.removeEventListener("selectionchange", schedule);
      doc.removeEventListener("keydown", onKey, true);
      if (frame !== null) win.cancelAnimationFrame(frame);
      frame = null;
      hide();
    }

    return { host, shadow, start, stop, hide, check, get text() { return current; } };
  }

  const api = { TAG, createTakeFromChat, asQuantity };
  if (isNode) module.exports = api;
  else root.Sendocki = Object.assign(root.Sendocki || {}, { ui: Object.assign((root.Sendocki || {}).ui || {}, { takeFromChat: api }) });
})(globalThis);
