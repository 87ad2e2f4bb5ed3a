// The start form: the tenant's workflows (ListWorkflows) and a JSON input, sent to the
// orchestrator's StartExecution over gRPC-Web (cross-origin). On success, opens the execution.
import { ConnectError } from "@connectrpc/connect";
import type { Api } from "./api.js";
import type { Workflow } from "./gen/baton/v1/workflow_service_pb.js";
import { h } from "./format.js";

export function renderStart(api: Api, root: HTMLElement, params: URLSearchParams, signal: AbortSignal): void {
  const select = h("select", { id: "start-workflow", name: "workflow", required: "" });
  const input = h("textarea", { id: "start-input", name: "input", rows: "6", spellcheck: "false" }, "{}");
  const key = h("input", { id: "start-key", name: "idempotencyKey", placeholder: "optional" });
  const submit = h("button", { id: "start-submit", type: "submit", disabled: "" }, "Start");
  const message = h("p", { id: "start-message", class: "message" });
  const hint = h("p", { class: "hint", id: "start-hint" });
  const form = h("form", { id: "start-form", class: "start" },
    h("label", {}, "Workflow", select), hint,
    h("label", {}, "Input (JSON object)", input),
    h("label", {}, "Idempotency key", key),
    submit, message);
  root.replaceChildren(h("h1", {}, "Start a workflow"), form);

  const workflows = new Map<string, Workflow>();
  const showHint = () => {
    const required = workflows.get(select.value)?.definition?.input?.required ?? [];
    hint.textContent = workflows.get(select.value)?.definition?.description ?? "";
    if (required.length) hint.textContent += ` Required input: ${required.join(", ")}.`;
  };
  select.addEventListener("change", showHint);

  api.workflows.listWorkflows({ pageSize: 1000 }, { signal }).then((list) => {
    for (const w of list.workflows) workflows.set(w.name, w);
    select.replaceChildren(...list.workflows.map((w) => h("option", { value: w.name }, `${w.name} (v${w.version})`)));
    const wanted = params.get("workflow");
    if (wanted && workflows.has(wanted)) select.value = wanted;
    showHint();
    submit.disabled = list.workflows.length === 0;
    if (list.workflows.length === 0) message.textContent = "No workflows yet: apply one first (baton apply -f ...).";
  }, (err) => {
    if (signal.aborted) return;
    message.className = "message error";
    message.textContent = `Cannot list workflows from ${api.config.orchestratorUrl}: ${ConnectError.from(err).message}`;
  });

  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    let inputJson: string;
    try {
      const parsed: unknown = JSON.parse(input.value || "{}");
      if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) throw new Error("not an object");
      inputJson = JSON.stringify(parsed);
    } catch (err) {
      message.className = "message error";
      message.textContent = `Input: not a JSON object (${(err as Error).message})`;
      return;
    }
    submit.disabled = true;
    message.className = "message";
    message.textContent = "starting…";
    try {
      const response = await api.workflows.startExecution({ workflowName: select.value, inputJson,
        idempotencyKey: key.value.trim() }, { signal });
      const id = response.execution?.id ?? "";
      message.textContent = response.created ? `started ${id}` : `already started as ${id}`;
      message.dataset.executionId = id;
      location.hash = `#/executions/${id}`;
    } catch (err) {
      message.className = "message error";
      message.textContent = ConnectError.from(err).message;
    } finally {
      submit.disabled = false;
    }
  });
}
