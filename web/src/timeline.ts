// The timeline of step attempts: one row per attempt (per forEach element), with its queue wait,
// run and backoff drawn on a shared time axis from the execution's start to its end (or now).
import type { AttemptSpan, ExecutionProgress } from "./gen/baton/v1/progress_pb.js";
import { formatDuration, h, millis, svg } from "./format.js";

const LABEL_W = 150;
const ROW_H = 18;
const WIDTH = 900;
/** forEach steps can have hundreds of elements; beyond this many rows a step is summarised. */
const MAX_ROWS_PER_STEP = 24;

interface Row {
  label: string;
  span: AttemptSpan;
  /** A workflow step's attempt is its child execution: no queue, it runs from start to end. */
  child: boolean;
}

export function renderTimeline(progress: ExecutionProgress, now: number): HTMLElement {
  const rows: Row[] = [];
  const hidden: string[] = [];
  for (const step of progress.steps) {
    const spans = step.attempts;
    spans.slice(0, MAX_ROWS_PER_STEP).forEach((span) => rows.push({
      label: `${step.stepId}${span.itemIndex >= 0 ? `[${span.itemIndex}]` : ""} #${span.attempt}`, span,
      child: step.runs.startsWith("workflow:") }));
    if (spans.length > MAX_ROWS_PER_STEP) hidden.push(`${step.stepId}: ${spans.length - MAX_ROWS_PER_STEP} more`);
  }
  if (rows.length === 0) {
    return h("p", { class: "empty", id: "timeline" }, "No attempt has been dispatched yet.");
  }
  const start = millis(progress.createTime) ?? Math.min(...rows.map((r) => millis(r.span.queuedTime) ?? now));
  const end = Math.max(millis(progress.endTime) ?? now, ...rows.map((r) => millis(r.span.retryTime) ?? 0), start + 1);
  const scale = (WIDTH - LABEL_W - 10) / (end - start);
  const x = (t: number) => LABEL_W + (t - start) * scale;
  const height = rows.length * ROW_H + 24;

  const chart = svg("svg", { class: "timeline", width: WIDTH, height, viewBox: `0 0 ${WIDTH} ${height}` });
  chart.append(svg("text", { x: LABEL_W, y: height - 6, class: "axis" }, "0"),
    svg("text", { x: WIDTH - 10, y: height - 6, class: "axis", "text-anchor": "end" }, formatDuration(end - start)));
  rows.forEach(({ label, span, child }, i) => {
    const y = i * ROW_H;
    const queued = millis(span.queuedTime) ?? start;
    const started = child ? queued : millis(span.startTime);
    const ended = millis(span.endTime);
    const retry = millis(span.retryTime);
    const g = svg("g", { "data-testid": "attempt", "data-outcome": span.outcome },
      svg("text", { x: 0, y: y + 13, class: "row-label" }, label));
    const bar = (cls: string, from: number, to: number, what: string) => g.append(svg("rect",
      { class: cls, x: x(from), y: y + 3, height: ROW_H - 6, width: Math.max(1, (to - from) * scale) },
      svg("title", {}, `${label} ${what}: ${formatDuration(to - from)}`)));
    // progress-svc learns when an attempt started running from its result: until then an open
    // attempt may be queued or already running
    if (!child) bar("queue", queued, started ?? ended ?? now, started ?? ended ? "queue wait" : "queued or running");
    if (started !== undefined) {
      bar(`run outcome-${span.outcome.toLowerCase()}`, started, ended ?? now, child ? "child execution" : "run");
    }
    if (ended !== undefined && retry !== undefined) bar("backoff", ended, retry, "backoff");
    chart.append(g);
  });
  return h("div", { id: "timeline" },
    h("div", { class: "legend" }, h("span", { class: "key queue" }), "queue wait ",
      h("span", { class: "key run" }), "run ", h("span", { class: "key backoff" }), "backoff ",
      h("span", { class: "key failed" }), "failed run"),
    chart,
    hidden.length ? h("p", { class: "note" }, `Not drawn: ${hidden.join(", ")}.`) : null);
}
