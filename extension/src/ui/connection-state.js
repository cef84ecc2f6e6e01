// The connection to the Sendocki app as the toolbar popup and the settings page both show it: the
// worker's state ("paired", "unpaired", "offline", "wrong-helper"), the words for it, and, while
// the app does not answer, the exact command that starts it on this computer. Both pages carry
// the same ids for it: "start" (the box) and "start-command" (the command).
(function (root) {
  "use strict";

  const startCommand = (typeof module !== "undefined" && module.exports)
    ? require("./start-command.js")
    : root.Sendocki.ui.startCommand;
  const STATE_TEXT = { paired: "statePaired", unpaired: "stateUnpaired", offline: "stateOffline", "wrong-helper": "stateWrongHelper" };
  const OFFLINE = { state: "offline", port: "" };

  // The message key for a state; a state this version does not know reads as "not running".
  function stateTextKey(state) {
    return STATE_TEXT[state] || STATE_TEXT.offline;
  }

  // The worker's view of the connection; no answer (the worker restarting) reads as offline.
  async function readConnection(send) {
    const answer = await send({ type: "state" });
    return answer && answer.ok ? answer.data : OFFLINE;
  }

  // Shows the start command only while offline; the system comes from getPlatformInfo().
  async function showStartCommand(doc, runtime, info) {
    doc.getElementById("start").hidden = info.state !== "offline";
    if (info.state !== "offline") return;
    const platform = await runtime.getPlatformInfo();
    doc.getElementById("start-command").textContent = startCommand.startCommand(platform.os, info.port);
  }

  const api = { stateTextKey, readConnection, showStartCommand };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else root.Sendocki = Object.assign(root.Sendocki || {}, { ui: Object.assign((root.Sendocki || {}).ui || {}, { connectionState: api }) });
})(globalThis);
