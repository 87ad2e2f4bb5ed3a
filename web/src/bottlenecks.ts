// The Bottlenecks page (#/bottlenecks?workflow=NAME&window=1h): analytics-svc's
// GetBottleneckReport over gRPC-Web (another origin, hence CORS) for one workflow and window,
// drawn as charts (bottleneck-charts.ts), findings and external dependencies.
import { ConnectError } from "@connectrpc/connect";
import type { Api } from "./api.js";
import { FindingType, Severity, type BottleneckReport, type DependencyReport, type Finding }
  from "./gen/baton/v1/analytics_pb.js";
import { change, criticalPathChart, percentilesChart, trendChart, CRITICAL_PARTS } from "./bottleneck-charts.js";
import { formatDuration, formatTime, h } from "./format.js";

/** The windows offered, as the proto Duration's seconds. */
const WINDOWS: Record<string, number> = { "15m": 900, "1h": 3600, "24h": 86400 };

export function renderBottlenecks(api: Api, root: HTMLElement, params: URLSearchParams, signal: AbortSignal): void {
  const windowName = params.get("window") && params.get("window")! in WINDOWS ? params.get("window")! : "1h";
  const wanted = params.get("workflow");
  // the wanted workflow is an option from the start: a window changed before the workflow list
  // arrives must keep it in the new address
  const workflowSelect = h("select", { id: "bottlenecks-workflow" },
    ...(wanted ? [h("option", { value: wanted }, wanted)] : []));
  const windowSelect = h("select", { id: "bottlenecks-window" },
    ...Object.keys(WINDOWS).map((w) => h("option", { value: w }, `last ${w}`)));
  windowSelect.value = windowName;
  const form = h("form", { class: "filters", id: "bottlenecks-form" },
    h("label", {}, "Workflow ", workflowSelect),
    h("label", {}, "Window ", windowSelect),
    h("button", { type: "submit", id: "bottlenecks-refresh" }, "Refresh"));
  const state = h("p", { class: "stream-state", id: "bottlenecks-state", "data-state": "loading",
    "data-window": windowName }, "loading…");
  const body = h("div", { id: "bottlenecks-report" });
  root.replaceChildren(h("h1", {}, "Bottlenecks"), form, state, body);

  const show = () => {
    const next = new URLSearchParams({ workflow: workflowSelect.value, window: windowSelect.value });
    const hash = `#/bottlenecks?${next}`;
    if (location.hash === hash) load(); else location.hash = hash; // a new hash re-renders the page
  };
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    show();
  });
  workflowSelect.addEventListener("change", show);
  windowSelect.addEventListener("change", show);

  const fail = (what: string, err: unknown) => {
    if (signal.aborted) return;
    state.dataset.state = "error";
    state.className = "stream-state message error";
    state.textContent = `${what}: ${ConnectError.from(err).message}`;
  };

  const load = () => {
    state.dataset.state = "loading";
    state.textContent = "loading…";
    api.analytics.getBottleneckReport({ workflow: workflowSelect.value, window: { seconds: BigInt(WINDOWS[windowName]) } },
      { signal }).then((report) => {
      const count = report.executions?.executions ?? 0n;
      state.dataset.state = count > 0n ? "ready" : "empty";
      state.className = "stream-state";
      state.textContent = `${count} executions from ${formatTime(report.windowStart)} to ${formatTime(report.windowEnd)}`
        + ` (previous window: ${report.previousExecutions?.executions ?? 0n})`;
      body.replaceChildren(...(count > 0n ? sections(report)
        : [h("p", { class: "empty", id: "bottlenecks-empty" },
          `No finished executions of ${report.workflow} in the last ${windowName} (they show a few seconds after they end).`)]));
    }, (err) => fail(`Cannot get the report from ${api.config.analyticsUrl}`, err));
  };

  api.workflows.listWorkflows({ pageSize: 1000 }, { signal }).then((list) => {
    const names = [...new Set(list.workflows.map((w) => w.name))];
    workflowSelect.replaceChildren(...names.map((n) => h("option", { value: n }, n)));
    if (wanted && !names.includes(wanted)) workflowSelect.append(h("option", { value: wanted }, wanted));
    if (wanted) workflowSelect.value = wanted;
    if (!workflowSelect.value) {
      state.dataset.state = "empty";
      state.textContent = "No workflows yet: apply one first (baton apply -f ...).";
      return;
    }
    load();
  }, (err) => fail(`Cannot list workflows from ${api.config.orchestratorUrl}`, err));
}

function sections(report: BottleneckReport): HTMLElement[] {
  const e2e = report.executions!;
  const before = report.previousExecutions;
  const p95 = change(e2e.p95Ms, before?.p95Ms ?? 0);
  return [
    h("section", { id: "bottlenecks-summary" },
      h("h2", {}, "Summary"),
      h("p", {}, "Bottleneck: ", h("strong", { id: "bottleneck-step" }, report.bottleneckStep || "none"),
        ` · end to end p50 ${formatDuration(e2e.p50Ms)}, p95 ${formatDuration(e2e.p95Ms)} (${p95.text} vs previous window),`
        + ` p99 ${formatDuration(e2e.p99Ms)} · failure rate ${percent(e2e.failureRate)}`
        + ` · after the last step ${percent(report.unattributedShare)}`)),
    h("section", {},
      h("h2", {}, "Critical path by step (share of end-to-end time)"),
      h("div", { class: "legend" }, ...CRITICAL_PARTS.flatMap((p) => [h("span", { class: `key cp-${p}` }), LEGEND[p]])),
      h("div", { class: "chart-box" }, criticalPathChart(report))),
    h("section", {},
      h("h2", {}, "Attempt duration per step"),
      h("div", { class: "legend" }, ...["p50", "p95", "p99"].flatMap((q) => [h("span", { class: `key pq-${q}` }), q])),
      h("div", { class: "chart-box" }, percentilesChart(report.steps))),
    h("section", {},
      h("h2", {}, "p95 against the previous window"),
      h("div", { class: "legend" }, h("span", { class: "key trend-before" }), "previous window",
        h("span", { class: "key trend-now" }), "this window"),
      h("div", { class: "chart-box" }, trendChart(report))),
    h("section", {}, h("h2", {}, "Findings"), findings(report.findings)),
    h("section", {}, h("h2", {}, "External dependencies"), dependencies(report.dependencies)),
  ];
}

const LEGEND: Record<(typeof CRITICAL_PARTS)[number], string> = {
  queue: "queue wait", run: "run", backoff: "retry backoff", other: "dispatch and apply",
};

function percent(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}

function findings(list: Finding[]): HTMLElement {
  if (list.length === 0) return h("p", { class: "empty", id: "findings-empty" }, "No findings: nothing stands out.");
  return h("ul", { class: "findings", id: "findings" }, ...list.map((f) => {
    const type = (FindingType[f.type] ?? "UNSPECIFIED").toLowerCase();
    const severity = (Severity[f.severity] ?? "UNSPECIFIED").toLowerCase();
    return h("li", { "data-testid": "finding", "data-type": type, "data-severity": severity },
      h("span", { class: `badge severity-${severity}` }, severity), " ",
      h("strong", { class: "finding-type" }, type.replace(/_/g, " ")), " ",
      h("span", { class: "finding-summary" }, f.summary),
      h("div", { class: "evidence" }, ...Object.entries(f.evidence).map(([k, v]) =>
        h("code", { "data-testid": "evidence", "data-key": k }, `${k} ${Number.isInteger(v) ? v : v.toFixed(3)}`))),
      h("div", { class: "action" }, "Suggested: ", f.suggestedAction));
  }));
}

function dependencies(list: DependencyReport[]): HTMLElement {
  if (list.length === 0) return h("p", { class: "empty", id: "dependencies-empty" }, "No external calls in this window.");
  return h("table", { class: "executions", id: "dependencies" },
    h("thead", {}, h("tr", {}, ...["Host", "Calls", "Failure rate", "Previous", "p50", "p95", "p99"]
      .map((t) => h("th", {}, t)))),
    h("tbody", {}, ...list.map((d) => h("tr", { "data-testid": "dependency-row", "data-host": d.host },
      h("td", { class: "mono" }, d.host),
      h("td", {}, String(d.calls)),
      h("td", { class: d.failureRate >= 0.05 ? "warn" : undefined }, percent(d.failureRate)),
      h("td", {}, d.previousCalls > 0n ? percent(d.previousFailureRate) : "–"),
      h("td", {}, formatDuration(d.p50Ms)),
      h("td", {}, formatDuration(d.p95Ms)),
      h("td", {}, formatDuration(d.p99Ms))))));
}
