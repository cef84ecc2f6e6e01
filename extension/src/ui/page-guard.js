// What a script in the WhatsApp page (an XSS, another extension's main-world script) can reach of
// our UI: nothing inside it, and no action on its behalf (docs/security.md, "Page scripts").
// - Every host we mount gets a CLOSED shadow root; the module keeps its own reference.
// - An action that opens the dialog or creates or changes data runs only for a trusted event
//   (the seller's own input: event.isTrusted). A form submission needs the seller's own click or
//   Enter just before it: Chrome fires a trusted "submit" for form.requestSubmit() and for a
//   script's button.click(), so the submit event alone proves nothing.
// - A text field changes only by the seller's editing: document.execCommand("insertText") from
//   the page reaches the field that has the focus, even in a closed root, and Chrome marks its
//   "input" event trusted; only it comes without a "beforeinput" (typing, paste, drop, undo and
//   IME all have one), so such a change is put back.
// Options, never set by the content script entry (src/app/main.js reads only the second):
// - acceptSyntheticEvents: for the node tests, whose jsdom cannot create trusted events.
// - openShadowRoots: the developer flag "developer.openShadowRoots" in chrome.storage.local, which
//   only the extension's own pages and worker can write; the browser tests set it to reach inside.
(function (root) {
  "use strict";

  const TEXT_TYPES = new Set(["text", "search", "tel", "email", "url", "number", "password"]);

  function createPageGuard({ acceptSyntheticEvents = false, openShadowRoots = false } = {}) {
    const trusted = (event) => !!event && (event.isTrusted === true || acceptSyntheticEvents === true);

    function attachRoot(host) {
      return host.attachShadow({ mode: openShadowRoots === true ? "open" : "closed" });
    }

    // The listener, run only for the seller's own input.
    function onTrusted(listener) {
      return function (event) {
        if (trusted(event)) return listener.call(this, event);
      };
    }

    // `onSubmit` runs for a submission the seller made: a trusted click in the form (the submit
    // button) in the same task, or a trusted Enter held down in one of its fields.
    function onTrustedSubmit(form, win, onSubmit) {
      let armed = false;
      let timer = null;
      const disarmLater = () => {
        win.clearTimeout(timer);
        timer = win.setTimeout(() => { armed = false; }, 0);
      };
      form.addEventListener("click", (event) => {
        if (!trusted(event)) return;
        armed = true;
        disarmLater();
      }, true);
      form.addEventListener("keydown", (event) => {
        if (event.key === "Enter" && trusted(event)) { armed = true; win.clearTimeout(timer); }
      }, true);
      form.addEventListener("keyup", (event) => { if (event.key === "Enter") disarmLater(); }, true);
      // Enter's key-up may land outside the form (the focus moved): leaving the form disarms too.
      form.addEventListener("focusout", (event) => { if (!form.contains(event.relatedTarget)) disarmLater(); }, true);
      form.addEventListener("submit", (event) => {
        event.preventDefault();
        if (!armed && !acceptSyntheticEvents) return;
        armed = false;
        onSubmit(event);
      });
    }

    // The text fields under `root` keep what the seller typed and what our code wrote (our own
    // "input" events are synthetic: accepted); a trusted change that does not follow the
    // seller's "beforeinput" (the same field and kind, not cancelled by a page listener) is undone.
    function keepFieldsFromPageEdits(root) {
      const kept = new WeakMap();
      let before = null;
      // Our code fills focused fields too (the customer's card arriving): each write is kept. The
      // accessor lives on our own wrapper of the field, in our world only.
      function keepOurWrites(field) {
        if (Object.prototype.hasOwnProperty.call(field, "value")) return;
        const native = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(field), "value");
        Object.defineProperty(field, "value", {
          configurable: true,
          get() { return native.get.call(this); },
          set(text) { native.set.call(this, text); kept.set(this, native.get.call(this)); },
        });
      }
      const isTextField = (el) => !!el && (el.localName === "textarea" || (el.localName === "input" && TEXT_TYPES.has(el.type)));
      // `before.field`: kept apart, as the event's target is cleared once its dispatch in a shadow tree ends.
      const follows = (b, event) => !!b && b.field === event.target && !b.event.defaultPrevented &&
        b.event.inputType === event.inputType && (b.event.data === null || event.data === null || b.event.data === event.data);
      root.addEventListener("focusin", (event) => {
        if (!isTextField(event.target)) return;
        keepOurWrites(event.target);
        kept.set(event.target, event.target.value);
      }, true);
      root.addEventListener("beforeinput", (event) => { if (event.isTrusted) before = { field: event.target, event }; }, true);
      root.addEventListener("input", (event) => {
        const field = event.target;
        if (!isTextField(field)) return;
        const bySeller = !event.isTrusted || follows(before, event) ||
          // The search field's own clear button and Esc: no editing command, an empty value.
          (field.type === "search" && !event.inputType && field.value === "");
        before = null;
        if (bySeller) { kept.set(field, field.value); return; }
        event.stopImmediatePropagation();
        field.value = kept.has(field) ? kept.get(field) : "";
      }, true);
    }

    return Object.freeze({ trusted, onTrusted, onTrustedSubmit, keepFieldsFromPageEdits, attachRoot,
      openShadowRoots: openShadowRoots === true });
  }

  // What every module uses unless told otherwise: closed roots, trusted events only.
  const PRODUCTION = createPageGuard();

  const api = { createPageGuard, PRODUCTION };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else root.Sendocki = Object.assign(root.Sendocki || {}, { ui: Object.assign((root.Sendocki || {}).ui || {}, { pageGuard: api }) });
})(globalThis);
