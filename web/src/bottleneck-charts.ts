// The Bottlenecks page's charts, drawn as plain SVG from a BottleneckReport: where the critical
// path went per step, per-step attempt-duration percentiles, and the change against the previous
// window. Every mark carries data-testid / data-step so that the browser test can read it.
import type { BottleneckReport, StepReport } from "./gen/baton/v1/analytics_pb.js";
import { formatDuration, svg } from "./format.js";

const WIDTH = 760;
const LABEL_W = 150;
const VALUE_W = 110;
const PLOT_W = WIDTH - LABEL_W - VALUE_W;

/** The parts a step's critical-path time splits into, in drawing order; "other" is orchestration between steps. */
export const CRITICAL_PARTS = ["queue", "run", "backoff", "other"] as const;

function pct(share: number): string {
  return `${(share * 100).toFixed(share > 0 && share < 0.1 ? 1 : 0)}%`;
}

function label(y: number, text: string): SVGTextElement {
  return svg("text", { x: LABEL_W - 8, y, class: "row-label", "text-anchor": "end" }, text);
}

/**
 * One horizontal bar per step; its length is the step's share of the end-to-end time (the full
 * plot width is 100%), split into queue wait / run / retry backoff / the rest.
 */
export function criticalPathChart(report: BottleneckReport): SVGSVGElement {
  const rowH = 26;
  const height = report.steps.length * rowH + 24;
  const root = svg("svg", { id: "critical-path-chart", class: "chart", "data-testid": "critical-path-chart",
    width: WIDTH, height, viewBox: `0 0 ${WIDTH} ${height}` });
  report.steps.forEach((step, i) => {
    const y = i * rowH + 4;
    const parts: Record<(typeof CRITICAL_PARTS)[number], number> = {
      queue: step.queueShare, run: step.runShare, backoff: step.backoffShare,
      other: Math.max(0, 1 - step.queueShare - step.runShare - step.backoffShare),
    };
    const row = svg("g", { "data-testid": "critical-path-bar", "data-step": step.step,
      "data-share": step.criticalPathShare.toFixed(4) }, label(y + 14, step.step));
    let x = LABEL_W;
    for (const part of CRITICAL_PARTS) {
      const w = PLOT_W * step.criticalPathShare * parts[part];
      if (w <= 0) continue;
      row.append(svg("rect", { class: `cp-${part}`, "data-testid": "critical-path-segment", "data-part": part,
        x, y, width: Math.max(w, 0.5), height: rowH - 8 },
        svg("title", {}, `${step.step} ${part}: ${pct(parts[part])} of its critical-path time`)));
      x += w;
    }
    row.append(svg("text", { x: LABEL_W + PLOT_W * step.criticalPathShare + 6, y: y + 14, class: "value" },
      pct(step.criticalPathShare)));
    root.append(row);
  });
  root.append(axis(report.steps.length * rowH + 18, [0, 0.25, 0.5, 0.75, 1].map((s) => [LABEL_W + PLOT_W * s, pct(s)])));
  return root;
}

/** Per step, three bars (p50, p95, p99 of attempt duration) on one scale: the largest p99. */
export function percentilesChart(steps: StepReport[]): SVGSVGElement {
  const barH = 11;
  const groupH = 3 * barH + 10;
  const height = steps.length * groupH + 24;
  const max = Math.max(1, ...steps.map((s) => s.p99Ms));
  const root = svg("svg", { id: "percentiles-chart", class: "chart", "data-testid": "percentiles-chart",
    width: WIDTH, height, viewBox: `0 0 ${WIDTH} ${height}` });
  steps.forEach((step, i) => {
    const top = i * groupH + 4;
    const group = svg("g", { "data-testid": "percentile-group", "data-step": step.step },
      label(top + 1.5 * barH + 4, step.step));
    ([["p50", step.p50Ms], ["p95", step.p95Ms], ["p99", step.p99Ms]] as const).forEach(([q, ms], j) => {
      const y = top + j * barH;
      const w = Math.max(1, (PLOT_W * ms) / max);
      group.append(svg("rect", { class: `pq-${q}`, "data-testid": "percentile-bar", "data-quantile": q,
        "data-ms": ms.toFixed(1), x: LABEL_W, y, width: w, height: barH - 2 },
        svg("title", {}, `${step.step} ${q}: ${formatDuration(ms)}`)));
      group.append(svg("text", { x: LABEL_W + w + 6, y: y + barH - 3, class: "value small" },
        `${q} ${formatDuration(ms)}`));
    });
    root.append(group);
  });
  root.append(axis(steps.length * groupH + 18, [0, 0.5, 1].map((s) => [LABEL_W + PLOT_W * s, formatDuration(max * s)])));
  return root;
}

/** "+35%", "−12%", "new" (nothing before), "±0%": how {@code now} compares with {@code before}. */
export function change(now: number, before: number): { text: string; direction: "up" | "down" | "same" | "new" } {
  if (before <= 0) return now > 0 ? { text: "new", direction: "new" } : { text: "±0%", direction: "same" };
  const ratio = now / before - 1;
  if (Math.abs(ratio) < 0.005) return { text: "±0%", direction: "same" };
  return { text: `${ratio > 0 ? "+" : "−"}${Math.abs(ratio * 100).toFixed(0)}%`, direction: ratio > 0 ? "up" : "down" };
}

/**
 * The step p95s (and the end-to-end p95) of this window against the previous one: a grey bar for
 * the previous window, a coloured one for this window, and the change. Slower is red.
 */
export function trendChart(report: BottleneckReport): SVGSVGElement {
  const rows: { name: string; now: number; before: number; testid: string }[] = [
    { name: "end to end", now: report.executions?.p95Ms ?? 0, before: report.previousExecutions?.p95Ms ?? 0,
      testid: "trend-total" },
    ...report.steps.map((s) => ({ name: s.step, now: s.p95Ms, before: s.previousP95Ms, testid: "trend-step" })),
  ];
  const rowH = 24;
  const height = rows.length * rowH + 24;
  const max = Math.max(1, ...rows.flatMap((r) => [r.now, r.before]));
  const root = svg("svg", { id: "trend-chart", class: "chart", "data-testid": "trend-chart",
    width: WIDTH, height, viewBox: `0 0 ${WIDTH} ${height}` });
  rows.forEach((r, i) => {
    const y = i * rowH + 4;
    const c = change(r.now, r.before);
    root.append(svg("g", { "data-testid": r.testid, "data-step": r.testid === "trend-step" ? r.name : undefined,
        "data-change": c.direction },
      label(y + 12, r.name),
      svg("rect", { class: "trend-before", x: LABEL_W, y, width: Math.max(1, (PLOT_W * r.before) / max), height: 7 },
        svg("title", {}, `previous window p95: ${formatDuration(r.before)}`)),
      svg("rect", { class: `trend-now trend-${c.direction}`, x: LABEL_W, y: y + 8, width: Math.max(1, (PLOT_W * r.now) / max),
        height: 9 }, svg("title", {}, `this window p95: ${formatDuration(r.now)}`)),
      svg("text", { x: LABEL_W + PLOT_W + 8, y: y + 14, class: `value change-${c.direction}` },
        `${formatDuration(r.now)} ${c.text}`)));
  });
  root.append(axis(rows.length * rowH + 18, [0, 0.5, 1].map((s) => [LABEL_W + PLOT_W * s, formatDuration(max * s)])));
  return root;
}

function axis(y: number, ticks: [number, string][]): SVGGElement {
  return svg("g", { class: "axis" }, ...ticks.map(([x, text]) => svg("text", { x, y, "text-anchor": "middle" }, text)));
}
