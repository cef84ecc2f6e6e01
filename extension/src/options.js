// The options page: the helper's port, pairing with a code the helper prints, the paired state,
// unpairing. Every helper call goes through the service worker, which keeps the token.
(function () {
  "use strict";

  const t = (key, subs) => chrome.i18n.getMessage(key, subs) || key;
  /** @type {(id: string) => any} the page's own inputs, buttons and texts */
  const $ = (id) => document.getElementById(id);
  const send = (message) => chrome.runtime.sendMessage(message);
  const STATE_TEXT = { paired: "statePaired", unpaired: "stateUnpaired", offline: "stateOffline", "wrong-helper": "stateWrongHelper" };

  for (const el of document.querySelectorAll("[data-i18n]")) if (el instanceof HTMLElement) el.textContent = t(el.dataset.i18n);
  document.documentElement.dir = t("textDirection") === "rtl" ? "rtl" : "ltr";
  document.title = t("optionsTitle");

  async function refresh() {
    const answer = await send({ type: "state" });
    const info = answer && answer.ok ? answer.data : { state: "offline", port: "" };
    $("port").value = info.port;
    $("state").dataset.state = info.state;
    $("state").textContent = t(STATE_TEXT[info.state] || "stateOffline", [String(info.port)]);
    $("unpair").hidden = info.state !== "paired" && info.state !== "wrong-helper" && !info.hasPairing;
    return info;
  }

  async function savePort() {
    const answer = await send({ type: "set-port", port: $("port").value });
    if (!answer.ok) $("error").textContent = t("optionsBadPort");
    return answer.ok;
  }

  $("port").addEventListener("change", async () => {
    $("error").textContent = "";
    if (await savePort()) await refresh();
  });

  $("pair-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    $("error").textContent = "";
    const code = $("code").value.trim();
    if (!code) { $("error").textContent = t("optionsCodeMissing"); return; }
    $("pair").disabled = true;
    try {
      if (!(await savePort())) return;
      const answer = await send({ type: "pair", code, clientName: navigator.userAgent.includes("Edg/") ? "Edge" : "Chrome" });
      if (answer.ok) {
        $("code").value = "";
      } else if (answer.state === "refused") {
        $("error").textContent = (answer.problem && answer.problem.title) ? t("optionsCodeRefused") + " (" + answer.problem.title + ")" : t("optionsCodeRefused");
      } else {
        $("error").textContent = t(STATE_TEXT[answer.state] || "stateOffline", [$("port").value]);
      }
    } finally {
      $("pair").disabled = false;
      await refresh();
    }
  });

  $("unpair").addEventListener("click", async () => {
    $("error").textContent = "";
    const answer = await send({ type: "unpair" });
    // Forgotten here, but the helper did not confirm: say how to revoke it there.
    if (answer && answer.ok && !answer.data.revoked) {
      $("error").textContent = t("optionsUnpairedLocally", [answer.data.pairingId || "?"]);
    }
    await refresh();
  });

  refresh();
})();
