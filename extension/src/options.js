// The options page: the helper's port, pairing with a code the helper prints, the paired state,
// unpairing. Every helper call goes through the service worker, which keeps the token.
(function () {
  "use strict";

  const t = (key, subs) => chrome.i18n.getMessage(key, subs) || key;
  const $ = (id) => document.getElementById(id);
  const send = (message) => chrome.runtime.sendMessage(message);
  const STATE_TEXT = { paired: "statePaired", unpaired: "stateUnpaired", offline: "stateOffline", "wrong-helper": "stateWrongHelper" };

  for (const el of document.querySelectorAll("[data-i18n]")) el.textContent = t(el.dataset.i18n);
  document.documentElement.dir = t("textDirection") === "rtl" ? "rtl" : "ltr";
  document.title = t("optionsTitle");

  async function refresh() {
    const answer = await send({ type: "state" });
    const info = answer && answer.ok ? answer.data : { state: "offline", port: "" };
    $("port").value = info.port;
    $("state").dataset.state = info.state;
    $("state").textContent = t(STATE_TEXT[info.state] || "stateOffline", [String(info.port)]);
    $("unpair").hidden = info.state !== "paired" && info.state !== "wrong-helper" && !info.hasPairing;
    await showAgent(info.state === "paired");
    return info;
  }

  // Each paired browser works as one of the workspace's agents: orders it creates carry them.
  async function showAgent(paired) {
    $("agent-section").hidden = true;
    if (!paired) return;
    const [workspace, current] = await Promise.all([send({ type: "workspace" }), send({ type: "current-pairing" })]);
    if (!workspace || !workspace.ok || !current || !current.ok) return;
    const select = $("agent");
    select.textContent = "";
    const none = document.createElement("option");
    none.value = "";
    none.textContent = t("optionsAgentNone");
    select.appendChild(none);
    for (const agent of workspace.data.agents) {
      const option = document.createElement("option");
      option.value = agent.id;
      option.textContent = agent.name;
      select.appendChild(option);
    }
    select.value = (current.data.agent && current.data.agent.id) || "";
    $("agent-section").hidden = false;
  }

  $("agent").addEventListener("change", async () => {
    $("error").textContent = "";
    const answer = await send({ type: "set-agent", agentId: $("agent").value || null });
    if (!answer || !answer.ok) {
      const field = answer && answer.problem && answer.problem.errors && answer.problem.errors[0];
      $("error").textContent = (field && field.message) || t("optionsAgentFailed");
    }
  });

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
