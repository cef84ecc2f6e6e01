// "WhatsApp compatibility": the last chat reading as one line (settings page and toolbar popup),
// and "Copy a diagnostic report" where the page has the button (settings); whatsapp/diagnostics.js
// builds both.
(function () {
  "use strict";

  const NS = globalThis.Sendocki;
  const diagnostics = NS.diagnostics;
  // The page's own language (the seller's setting), as the rest of the settings page.
  let t = (key, subs) => chrome.i18n.getMessage(key, subs) || key;
  const $ = (id) => document.getElementById(id);
  const report$ = () => /** @type {HTMLTextAreaElement} */ ($("report"));
  const WORDS = { found: "compatFound", fallback: "compatFallback", missing: "compatMissing" };
  let record = null;

  function line(current) {
    if (!current) return t("compatNone");
    const c = diagnostics.compatibility(current);
    return t("compatLine", [t(WORDS[c.header]), t(WORDS[c.name]), c.number, t(WORDS[c.composer])]);
  }

  function report() {
    const manifest = chrome.runtime.getManifest();
    const browser = (navigator.userAgent.match(/(Chrome|Edg)\/[\d.]+/) || ["?"])[0];
    return diagnostics.formatReport(record, { extensionVersion: manifest.version, browser });
  }

  async function refresh() {
    const stored = await chrome.storage.local.get(diagnostics.STORAGE_KEY);
    record = (stored && stored[diagnostics.STORAGE_KEY]) || null;
    $("compat-line").textContent = line(record);
  }

  const copy = $("copy-report");
  if (copy) copy.addEventListener("click", async () => {
    const text = report();
    report$().value = text;
    try {
      await navigator.clipboard.writeText(text);
      $("copy-done").textContent = t("compatCopied");
      $("report").hidden = true;
    } catch (_) {
      $("copy-done").textContent = t("compatCopyFailed");
      $("report").hidden = false;
      report$().select();
    }
  });

  chrome.storage.onChanged.addListener((changes, area) => {
    if (area === "local" && changes[diagnostics.STORAGE_KEY]) refresh();
  });
  NS.ui.pageI18n.localize(document).then((i18n) => { t = i18n.t; }, () => {}).then(refresh);
})();
