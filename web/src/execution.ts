// One execution, live: WatchExecution from progress-svc (resuming after the last event seen when
// the stream breaks), the definition from the orchestrator's GetWorkflow for step details, and
// the DAG, ETA, errors and attempt timeline drawn from each update.
import { Code, ConnectError } from "@connectrpc/connect";
import type { Api } from "./api.js";
import type { ErrorInfo, ExecutionProgress } from "./gen/baton/v1/progress_pb.js";
import type { Step } from "./gen/baton/v1/workflow_pb.js";
import { renderDag } from "./dag.js";
import { durationMillis, executionStatusName, formatDuration, formatTime, h, isTerminal, millis, progressBar,
  statusBadge } from "./format.js";
import { renderTimeline } from "./timeline.js";

export function renderExecution(api: Api, root: HTMLElement, executionId: string, signal: AbortSignal): void {
  const header = h("div", { class: "exec-header" });
  const eta = h("div", { id: "eta", class: "eta" });
  const dag = h("div", { class: "dag-box" });
  const errors = h("ol", { id: "errors", class: "errors" });
  const timeline = h("div", { class: "timeline-box" });
  const state = h("p", { class: "stream-state", id: "watch-state" }, "connecting…");
  root.replaceChildren(
    h("p", {}, h("a", { href: "#/" }, "← all executions")),
    h("h1", {}, "Execution ", h("span", { class: "mono", id: "execution-id" }, executionId)),
    header, state,
    h("section", {}, h("h2", {}, "Steps"), dag),
    h("section", {}, h("h2", {}, "Estimated time to completion"), eta),
    h("section", {}, h("h2", {}, "Errors"), errors),
    h("section", {}, h("h2", {}, "Attempts"), timeline));

  let current: ExecutionProgress | undefined;
  const details = new Map<string, string>();
  const seenErrors = new Set<string>();
  let definitionFor = "";

  const addError = (e: ErrorInfo | undefined) => {
    if (!e || !e.code && !e.message) return;
    const key = `${e.stepId}/${e.attempt}/${e.code}/${millis(e.time)}`;
    if (seenErrors.has(key)) return;
    seenErrors.add(key);
    errors.querySelector(".empty")?.remove();
    errors.append(h("li", { "data-testid": "error", "data-step-id": e.stepId, "data-code": e.code },
      h("span", { class: "time" }, formatTime(e.time)), " ",
      h("strong", {}, `${e.stepId || "execution"}${e.attempt ? ` (attempt ${e.attempt})` : ""}`), ": ",
      h("code", {}, e.code), ` ${e.message}`,
      e.nextAction ? h("div", { class: "next" }, `→ ${e.nextAction}`) : null));
  };
  errors.append(h("li", { class: "empty" }, "None so far."));

  const loadDefinition = async (p: ExecutionProgress) => {
    const key = `${p.workflowName}@${p.workflowVersion}`;
    if (definitionFor === key) return;
    definitionFor = key;
    try {
      const workflow = await api.workflows.getWorkflow({ name: p.workflowName, version: p.workflowVersion },
        { signal });
      for (const step of workflow.definition?.steps ?? []) details.set(step.id, describe(step));
      if (current) draw(current);
    } catch (err) {
      if (!signal.aborted) {
        details.clear();
        header.append(h("p", { class: "warn", id: "definition-error" },
          `Step details unavailable: the orchestrator at ${api.config.orchestratorUrl} answered `
          + `"${ConnectError.from(err).message}".`));
      }
    }
  };

  const draw = (p: ExecutionProgress) => {
    const status = executionStatusName(p.status);
    header.querySelector(".exec-summary")?.remove();
    header.prepend(h("div", { class: "exec-summary" },
      h("div", { class: "facts" },
        h("span", {}, h("strong", {}, p.workflowName), ` v${p.workflowVersion}`),
        h("span", { id: "execution-status", "data-status": status }, statusBadge(status, "status-badge")),
        h("span", {}, `started ${formatTime(p.createTime)}`),
        p.endTime ? h("span", {}, `ended ${formatTime(p.endTime)}`) : null,
        p.runningSteps.length ? h("span", { id: "running-steps" }, `running: ${p.runningSteps.join(", ")}`) : null,
        p.parentExecutionId
          ? h("a", { href: `#/executions/${p.parentExecutionId}` }, "parent execution") : null),
      h("div", { id: "execution-percent", "data-percent": String(p.percent) }, progressBar(p.percent, status))));
    dag.replaceChildren(renderDag(p.steps, details));
    drawEta(p);
    timeline.replaceChildren(renderTimeline(p, Date.now()));
  };

  const drawEta = (p: ExecutionProgress) => {
    const e = p.eta;
    const ends = millis(e?.estimatedEndTime);
    let text: string;
    if (isTerminal(p.status)) {
      const took = (millis(p.endTime) ?? Date.now()) - (millis(p.createTime) ?? Date.now());
      text = `finished after ${formatDuration(took)}`;
    } else if (e?.available && ends !== undefined) {
      // count down between updates from the estimated end, not from the last `remaining`
      text = `about ${formatDuration(Math.max(0, ends - Date.now()))} left (ends ~${formatTime(e.estimatedEndTime)})`;
    } else if (e?.available) {
      text = `about ${formatDuration(durationMillis(e.remaining) ?? 0)} left`;
    } else {
      text = "no estimate yet";
    }
    eta.replaceChildren(h("div", { class: "eta-value", "data-available": String(!!e?.available) }, text),
      h("div", { class: "eta-basis" }, e?.basis ?? ""));
  };
  const ticker = setInterval(() => {
    if (current && !isTerminal(current.status)) {
      drawEta(current);
      timeline.replaceChildren(renderTimeline(current, Date.now()));
    }
  }, 1000);
  signal.addEventListener("abort", () => clearInterval(ticker));

  const watch = async () => {
    for (let attempt = 0; !signal.aborted; attempt++) {
      try {
        const resumeAfter = current?.sequence ?? 0n;
        for await (const update of api.progress.watchExecution({ executionId, resumeAfter }, { signal })) {
          const p = update.progress;
          if (!p) continue;
          current = p;
          state.textContent = isTerminal(p.status) ? "final state" : "live";
          state.dataset.state = isTerminal(p.status) ? "ended" : "live";
          void loadDefinition(p);
          if (update.snapshot) p.steps.forEach((s) => addError(s.error));
          addError(p.lastError);
          draw(p);
        }
        if (current && isTerminal(current.status)) return;
      } catch (err) {
        if (signal.aborted) return;
        const ce = ConnectError.from(err);
        if (ce.code === Code.NotFound || ce.code === Code.InvalidArgument) {
          state.textContent = ce.message;
          state.dataset.state = "failed";
          return;
        }
        state.textContent = `stream interrupted (${ce.message}); resuming…`;
        state.dataset.state = "reconnecting";
      }
      await new Promise((r) => setTimeout(r, Math.min(5000, 500 * (attempt + 1))));
    }
  };
  void watch();
}

/** One line about what a step runs and how, for the DAG node's tooltip. */
function describe(step: Step): string {
  const parts: string[] = [];
  if (step.action.case === "handler") parts.push(`handler ${step.action.value}`);
  if (step.action.case === "workflow") parts.push(`workflow ${step.action.value}`);
  if (step.forEach) parts.push(`for each of ${step.forEach.items} (${step.forEach.concurrency || 10} at once)`);
  if (step.when) parts.push(`when ${step.when}`);
  if (step.retry) parts.push(`up to ${step.retry.maxAttempts || 1} attempts`);
  return parts.join("; ");
}
