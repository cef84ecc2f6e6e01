// The cart: one host element with a closed shadow root (src/ui/page-guard.js). The tag is never registered with
// customElements (that registry is null in content-script worlds); a custom-element name still
// allows attachShadow and cannot clash with WhatsApp's markup.
(function (root) {
  "use strict";

  const pageGuard = (typeof module !== "undefined" && module.exports) ? require("./page-guard.js") : root.Sendocki.ui.pageGuard;
  const TAG = "sendocki-cart-button";
  const CART_SVG = '<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M7 18a2 2 0 1 0 0 4 2 2 0 0 0 0-4Zm10 0a2 2 0 1 0 0 4 2 2 0 0 0 0-4ZM7.2 14.8h9.9c.75 0 1.4-.41 1.75-1.03L22 7.2 20.25 6.2 17.1 12.8H8.1L4.27 4.5 3.57 3H1v2h1.3l3.6 7.59-1.35 2.44C3.82 16.37 4.8 18 6.3 18H19v-2H6.3l.9-1.2Z"/></svg>';
  const STYLE = [
    ":host{all:initial;display:inline-flex;align-items:center;justify-content:center;flex:none}",
    ":host([data-floating]){position:fixed;z-index:2147483000}",
    "button{all:unset;box-sizing:border-box;display:inline-flex;align-items:center;justify-content:center;",
    "width:var(--sendocki-size,40px);height:var(--sendocki-size,40px);border-radius:50%;cursor:pointer;",
    "color:var(--sendocki-fg,#54656f)}",
    ":host([data-floating]) button{background:var(--sendocki-bg,#fff);box-shadow:0 1px 4px rgba(0,0,0,.25)}",
    "button:hover{background:rgba(127,127,127,.18)}",
    "button:focus-visible{outline:2px solid currentColor;outline-offset:1px}",
    "svg{width:24px;height:24px;fill:currentColor}",
  ].join("");

  function createCartHost(doc, { label, instanceId, onClick, guard = pageGuard.PRODUCTION }) {
    const host = doc.createElement(TAG);
    host.setAttribute("data-sendocki-instance", instanceId);
    const shadow = guard.attachRoot(host);
    shadow.innerHTML = "<style>" + STYLE + '</style><button type="button">' + CART_SVG + "</button>";
    const button = shadow.querySelector("button");
    button.setAttribute("aria-label", label);
    button.setAttribute("title", label);
    button.addEventListener("click", (event) => {
      // Our own click only: WhatsApp's handlers on ancestors must not act on it.
      event.stopPropagation();
      // The seller's click (or Enter/Space on the focused button) only: not a page script's.
      if (guard.trusted(event)) onClick(event);
    });
    return { host, shadow, button };
  }

  // Match WhatsApp's own header buttons: icon colour and button size follow the neighbour (its
  // icon element found by the caller, whatsapp/selectors.js).
  function copyLook(win, host, neighbour, icon) {
    if (!neighbour) return;
    const colour = win.getComputedStyle(icon || neighbour).color;
    if (colour) host.style.setProperty("--sendocki-fg", colour);
    const rect = neighbour.getBoundingClientRect();
    if (rect.width >= 24 && rect.width <= 64) host.style.setProperty("--sendocki-size", Math.round(rect.width) + "px");
  }

  const api = { TAG, createCartHost, copyLook };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else root.Sendocki = Object.assign(root.Sendocki || {}, { cartButton: api });
})(globalThis);
