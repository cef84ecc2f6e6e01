// The settings page, in plain words: whether this browser is connected to the Sendocki app on
// this computer, the connection code (only while not connected), the language, and the port
// under "Advanced". Every call to the app goes through the service worker, which keeps the token.
(function () {
  "use strict";

  const NS = globalThis.Sendocki;
  const { byId: $, send } = NS.ui.extensionPage;
  const connection = NS.ui.connectionState;
  /** @type {(key: string, subs?: string[]) => string} the page's wording, once loaded */
  let t = (key) => key;

  async function refresh() {
    const info = await connection.readConnection(send);
    $("port").value = info.port;
    $("state").dataset.state = info.state;
    $("state").textContent = t(connection.stateTextKey(info.state));
    $("demo").hidden = !info.demo || info.state === "offline";
    // "Connect" only while not connected; "Disconnect" while a connection is kept.
    $("pair-form").hidden = info.state === "paired" || info.state === "offline";
    $("unpair").hidden = info.state !== "paired" && info.state !== "wrong-helper" && !info.hasPairing;
    await connection.showStartCommand(document, chrome.runtime, info);
    await showAgent(info.state === "paired");
    return info;
  }

  // The helper's words for a refused code: the field's message (e.g. "type the digits ..."), else
  // the problem's title.
  function refusalDetail(problem) {
    if (!problem) return "";
    const first = Array.isArray(problem.errors) && problem.errors[0];
    return (first && first.message) || problem.title || "";
  }

  // Only a label for the pairings list (`sendocki-helper pairings`); nothing depends on it.
  function browserName() {
    const agent = navigator.userAgent;
    if (agent.includes("Edg/")) return "Edge";
    if ("brave" in navigator) return "Brave";  // Brave adds navigator.brave; others have none
    return "Chrome";
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

  $("language").addEventListener("change", async () => {
    await chrome.storage.local.set({ [NS.ui.language.SETTING]: $("language").value });
    t = (await NS.ui.pageI18n.localize(document)).t;
    await refresh();
  });

  $("pair-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    $("error").textContent = "";
    const code = $("code").value.trim();
    if (!code) { $("error").textContent = t("optionsCodeMissing"); return; }
    $("pair").disabled = true;
    try {
      const answer = await send({ type: "pair", code, clientName: browserName() });
      if (answer.ok) {
        $("code").value = "";
      } else if (answer.state === "refused") {
        const why = refusalDetail(answer.problem);
        $("error").textContent = why ? t("optionsCodeRefused") + " (" + why + ")" : t("optionsCodeRefused");
      } else {
        $("error").textContent = t(connection.stateTextKey(answer.state));
      }
    } finally {
      $("pair").disabled = false;
      await refresh();
    }
  });

  $("unpair").addEventListener("click", async () => {
    $("error").textContent = "";
    const answer = await send({ type: "unpair" });
    // Forgotten here, but the app did not confirm: say how to revoke it there.
    if (answer && answer.ok && !answer.data.revoked) {
      $("error").textContent = t("optionsUnpairedLocally", [answer.data.pairingId || "?"]);
    }
    await refresh();
  });

  (async () => {
    const stored = await chrome.storage.local.get(NS.ui.language.SETTING);
    $("language").value = stored[NS.ui.language.SETTING] || "auto";
    t = (await NS.ui.pageI18n.localize(document)).t;
    document.title = t("optionsTitle");
    await refresh();
  })();
})();
