// The toolbar button's popup: is the Sendocki app on this computer answering and is this browser
// connected; if it is not running, the exact command that starts it here; a demo workspace said
// as such; links to WhatsApp Web, the settings and (when the package has it) the pipeline view.
(function () {
  "use strict";

  const NS = globalThis.Sendocki;
  const { byId: $, send } = NS.ui.extensionPage;
  const connection = NS.ui.connectionState;
  const PIPELINE_PAGE = "pipeline.html";

  function openPage(path) {
    chrome.tabs.create({ url: chrome.runtime.getURL(path) });
    window.close();
  }

  async function render(t) {
    const info = await connection.readConnection(send);
    document.body.dataset.state = info.state;
    $("state-text").textContent = t(connection.stateTextKey(info.state));
    $("connect").hidden = info.state !== "unpaired" && info.state !== "wrong-helper";
    await connection.showStartCommand(document, chrome.runtime, info);
    // The helper's ping says whether it runs the demo: the same answer the settings page uses.
    $("demo").hidden = !(info.state === "paired" && info.demo);
  }

  async function showPipelineLink() {
    try {
      const found = await fetch(chrome.runtime.getURL(PIPELINE_PAGE), { method: "HEAD" });
      $("pipeline").hidden = !found.ok;
    } catch (_) { /* not in this version */ }
  }

  $("settings").addEventListener("click", (event) => { event.preventDefault(); chrome.runtime.openOptionsPage(); window.close(); });
  $("connect").addEventListener("click", (event) => { event.preventDefault(); chrome.runtime.openOptionsPage(); window.close(); });
  $("pipeline").addEventListener("click", (event) => { event.preventDefault(); openPage(PIPELINE_PAGE); });

  (async () => {
    const i18n = await NS.ui.pageI18n.localize(document);
    await Promise.all([render(i18n.t), showPipelineLink()]);
  })();
})();
