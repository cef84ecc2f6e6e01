// Where the cart button stands: in the open chat's header, beside WhatsApp's own buttons and
// looking like them (their size and colours, copied again when the theme or the anchor changes);
// or, when no header anchor matches, floating over the chat's top corner as a last resort.
(function (root) {
  "use strict";

  const isNode = typeof module !== "undefined" && module.exports;
  const selectors = isNode ? require("../whatsapp/selectors.js") : root.Sendocki.selectors;
  const cartButton = isNode ? require("../ui/cart-button.js") : root.Sendocki.cartButton;
  const FLOAT_MARGIN_PX = 12;

  // guard: src/ui/page-guard.js (the cart's closed root; the seller's own click only).
  function createCartPlacement({ win, doc, label, instanceId, stats, guard, onClick }) {
    let cart = null;
    let styledFor = null; // theme and anchor tier the look was copied for
    let warnedFloating = false;

    function ensureCart() {
      if (!cart) cart = cartButton.createCartHost(doc, { label, instanceId, onClick, guard });
      return cart;
    }

    function unmount() {
      if (cart && cart.host.isConnected) cart.host.remove();
    }

    function inHeader(header, theme) {
      const slot = selectors.findActionSlot(header, selectors.findTitle(header));
      const host = ensureCart().host;
      if (host.parentNode !== slot.parent) {
        slot.parent.insertBefore(host, slot.before && slot.before.parentNode === slot.parent ? slot.before : null);
        stats.mounts += 1;
      }
      host.removeAttribute("data-floating");
      host.style.removeProperty("top");
      host.style.removeProperty("left");
      stats.anchorTier = slot.tier;
      stats.floating = false;
      if (styledFor !== theme + "|" + slot.tier || host.dataset.styledFor !== instanceId) {
        const neighbour = selectors.neighbourButton(slot);
        cartButton.copyLook(win, host, neighbour, neighbour && selectors.first(neighbour, selectors.SELECTORS.avatarIcon));
        styledFor = theme + "|" + slot.tier;
        host.dataset.styledFor = instanceId;
      }
    }

    function floating(main) {
      const host = ensureCart().host;
      if (host.parentNode !== doc.body) {
        doc.body.appendChild(host);
        stats.mounts += 1;
      }
      host.setAttribute("data-floating", "");
      const rect = main.getBoundingClientRect();
      const rtl = win.getComputedStyle(main).direction === "rtl";
      host.style.top = Math.round(rect.top + FLOAT_MARGIN_PX) + "px";
      host.style.left = Math.round(rtl ? rect.left + FLOAT_MARGIN_PX : rect.right - FLOAT_MARGIN_PX - 40) + "px";
      if (!stats.floating && !warnedFloating) {
        warnedFloating = true;
        // Self-diagnosis without personal data: the header anchors need a look on a live page.
        win.console.warn("Sendocki: no WhatsApp header anchor matched; the cart button floats.");
      }
      stats.anchorTier = "floating";
      stats.floating = true;
    }

    return {
      inHeader, floating, unmount,
      get host() { return cart ? cart.host : null; },
      get button() { return cart ? cart.button : null; },
    };
  }

  const api = { createCartPlacement, TAG: cartButton.TAG };
  if (isNode) module.exports = api;
  else root.Sendocki = Object.assign(root.Sendocki || {}, { cartPlacement: api });
})(globalThis);
