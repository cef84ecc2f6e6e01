// The dialog's "Order details": starting stage (default: the workspace's first active stage),
// payment method and status, the agent or team, an internal note.
(function (root) {
  "use strict";

  function createDetailsSection(dialog, { t, doc, workspace }) {
    const section = dialog.addSection("details", t("sectionDetails"));
    const row1 = doc.createElement("div");
    row1.className = "row";
    const row2 = doc.createElement("div");
    row2.className = "row";
    section.append(row1, row2);
    const stage = dialog.addField(row1, { id: "stage", label: t("fieldStage"), tag: "select" });
    const assignee = dialog.addField(row1, { id: "assignee", label: t("fieldAssignee"), tag: "select" });
    const method = dialog.addField(row2, { id: "payment-method", label: t("fieldPaymentMethod"), tag: "select" });
    const status = dialog.addField(row2, { id: "payment-status", label: t("fieldPaymentStatus"), tag: "select" });
    const note = dialog.addField(section, { id: "note", label: t("fieldNote"), tag: "textarea" });

    function option(parent, text, value) {
      const o = doc.createElement("option");
      o.textContent = text;
      o.value = value;
      parent.appendChild(o);
      return o;
    }
    function group(label) {
      const g = doc.createElement("optgroup");
      g.label = label;
      assignee.appendChild(g);
      return g;
    }

    function fill(ws) {
      if (!ws) return;
      stage.textContent = method.textContent = status.textContent = assignee.textContent = "";
      for (const s of ws.stages.filter((x) => x.active !== false)) option(stage, s.name, s.id);
      stage.value = ws.default_stage_id || (ws.stages[0] && ws.stages[0].id) || "";
      for (const m of ws.payment_methods) option(method, t("pm_" + m) !== "pm_" + m ? t("pm_" + m) : m, m);
      for (const p of ws.payment_statuses) option(status, t("ps_" + p) !== "ps_" + p ? t("ps_" + p) : p, p);
      option(assignee, t("assigneeNone"), "");
      if (ws.agents && ws.agents.length) { const g = group(t("agents")); for (const a of ws.agents) option(g, a.name, "agent:" + a.id); }
      if (ws.teams && ws.teams.length) { const g = group(t("teams")); for (const tm of ws.teams) option(g, tm.name, "team:" + tm.id); }
    }
    fill(workspace);

    function payload() {
      const [kind, id] = assignee.value ? assignee.value.split(/:(.*)/) : [null, null];
      return {
        stage_id: stage.value || null,
        payment_method: method.value || "cash_on_delivery",
        payment_status: status.value || "pending",
        agent_id: kind === "agent" ? id : null,
        team_id: kind === "team" ? id : null,
        note: note.value.trim() || null,
      };
    }

    const PATHS = { stage_id: stage, payment_method: method, payment_status: status, agent_id: assignee, team_id: assignee, note };
    // Text taken from the chat goes at the end of the note, on its own line.
    function appendNote(text) {
      note.value = note.value.trim() ? note.value.replace(/\s+$/, "") + "\n" + text : text;
      return note;
    }

    return { fill, payload, appendNote, fieldFor: (path) => PATHS[path] || null, get filled() { return stage.options.length > 0; } };
  }

  const api = { createDetailsSection };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else root.Sendocki = Object.assign(root.Sendocki || {}, { detailsSection: api });
})(globalThis);
