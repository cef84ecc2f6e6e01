// The keyboard shortcut that opens the order dialog: Alt+Shift+O, matched on the physical key
// (event.code) so it works with French (AZERTY) and Arabic layouts alike.
(function (root) {
  "use strict";

  function isOpenShortcut(event) {
    return event.altKey && event.shiftKey && !event.ctrlKey && !event.metaKey && event.code === "KeyO";
  }

  function installShortcut(win, onOpen) {
    function onKeydown(event) {
      if (!isOpenShortcut(event)) return;
      event.preventDefault();
      onOpen();
    }
    win.addEventListener("keydown", onKeydown, true);
    return () => win.removeEventListener("keydown", onKeydown, true);
  }

  const api = { installShortcut, isOpenShortcut };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else root.Sendocki = Object.assign(root.Sendocki || {}, { shortcut: api });
})(globalThis);
