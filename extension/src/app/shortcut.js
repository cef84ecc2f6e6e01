// The keyboard shortcut that opens the order dialog: Alt+Shift+O, matched on the physical key
// (event.code) so it works with French (AZERTY) and Arabic layouts alike.
(function (root) {
  "use strict";

  const pageGuard = (typeof module !== "undefined" && module.exports) ? require("../ui/page-guard.js") : root.Sendocki.ui.pageGuard;

  function isOpenShortcut(event) {
    return event.altKey && event.shiftKey && !event.ctrlKey && !event.metaKey && event.code === "KeyO";
  }

  // A page script's synthetic keydown is ignored (and left alone): src/ui/page-guard.js.
  function installShortcut(win, onOpen, guard = pageGuard.PRODUCTION) {
    function onKeydown(event) {
      if (!isOpenShortcut(event) || !guard.trusted(event)) return;
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
