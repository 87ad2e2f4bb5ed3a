// The executions list: WatchExecutions with workflow and status filters, one row per execution
// with a live progress bar. Filters live in the URL hash (#/?workflow=x&status=RUNNING).
import { ConnectError } from "@connectrpc/connect";
import type { Api } from "./api.js";
import { ExecutionStatus } from "./gen/baton/v1/execution_pb.js";
import type { ExecutionProgress } from "./gen/baton/v1/progress_pb.js";
import { executionStatusName, formatDuration, formatTime, h, millis, durationMillis, progressBar, statusBadge }
  from "./format.js";

const FILTERABLE = [ExecutionStatus.RUNNING, ExecutionStatus.SUCCEEDED, ExecutionStatus.FAILED,
  ExecutionStatus.CANCELLED];

export function renderList(api: Api, root: HTMLElement, params: URLSearchParams, signal: AbortSignal): void {
  const workflow = params.get("workflow") ?? "";
  const status = params.get("status") ?? "";

  const workflowInput = h("input", { id: "filter-workflow", placeholder: "any workflow", value: workflow });
  const statusSelect = h("select", { id: "filter-status" },
    h("option", { value: "" }, "any status"),
    ...FILTERABLE.map((s) => {
      const name = executionStatusName(s);
      const option = h("option", { value: name }, name.toLowerCase());
      option.selected = name === status;
      return option;
    }));
  const form = h("form", { class: "filters", id: "filters" },
    h("label", {}, "Workflow ", workflowInput),
    h("label", {}, "Status ", statusSelect),
    h("button", { type: "submit" }, "Apply"));
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const next = new URLSearchParams();
    if (workflowInput.value.trim()) next.set("workflow", workflowInput.value.trim());
    if (statusSelect.value) next.set("status", statusSelect.value);
    location.hash = `#/?${next}`;
  });
  statusSelect.addEventListener("change", () => form.requestSubmit());

  const state = h("p", { class: "stream-state", id: "list-state" }, "connecting…");
  const body = h("tbody", { id: "executions" });
  const table = h("table", { class: "executions" },
    h("thead", {}, h("tr", {}, ...["Execution", "Workflow", "Status", "Progress", "Running", "ETA", "Started"]
      .map((t) => h("th", {}, t)))),
    body);
  root.replaceChildren(h("h1", {}, "Executions"), form, state, table);

  const rows = new Map<string, ExecutionProgress>();
  const draw = () => {
    const sorted = [...rows.values()].sort((a, b) => (millis(b.createTime) ?? 0) - (millis(a.createTime) ?? 0));
    body.replaceChildren(...sorted.map(row));
    if (sorted.length === 0) {
      body.append(h("tr", {}, h("td", { colspan: "7", class: "empty" }, "No executions match.")));
    }
  };

  const watch = async () => {
    const statuses = status ? [ExecutionStatus[status as keyof typeof ExecutionStatus]] : [];
    for (let attempt = 0; !signal.aborted; attempt++) {
      try {
        for await (const update of api.progress.watchExecutions({ workflowName: workflow, statuses, limit: 100 },
            { signal })) {
          if (update.snapshot) rows.clear();
          for (const e of update.executions) rows.set(e.executionId, e);
          for (const id of update.removedExecutionIds) rows.delete(id);
          state.textContent = "live";
          state.dataset.state = "live";
          draw();
        }
      } catch (err) {
        if (signal.aborted) return;
        state.textContent = `stream interrupted (${ConnectError.from(err).message}); reconnecting…`;
        state.dataset.state = "reconnecting";
      }
      // the list stream never ends by itself; an end or error means reconnect, with a pause
      await new Promise((r) => setTimeout(r, Math.min(5000, 500 * (attempt + 1))));
    }
  };
  void watch();
}

function row(e: ExecutionProgress): HTMLElement {
  const status = executionStatusName(e.status);
  const remaining = durationMillis(e.eta?.remaining);
  const eta = e.eta?.available && remaining !== undefined ? formatDuration(remaining) : "—";
  return h("tr", { "data-testid": "execution-row", "data-execution-id": e.executionId, "data-status": status,
      "data-percent": String(e.percent) },
    h("td", {}, h("a", { href: `#/executions/${e.executionId}`, class: "mono" }, e.executionId.slice(0, 8))),
    h("td", {}, `${e.workflowName} v${e.workflowVersion}`),
    h("td", {}, statusBadge(status, "execution-status")),
    h("td", { class: "progress-cell" }, progressBar(e.percent, status)),
    h("td", { class: "running" }, e.runningSteps.join(", ")),
    h("td", { title: e.eta?.basis ?? "" }, eta),
    h("td", {}, formatTime(e.createTime)));
}
