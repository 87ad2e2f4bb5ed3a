// The execution's DAG as SVG: steps in columns by dependency depth (a step sits one column right
// of its deepest dependency), coloured by state via the `state-<status>` class.
import type { StepProgress } from "./gen/baton/v1/progress_pb.js";
import { stepStatusName, svg } from "./format.js";

const NODE_W = 210;
const NODE_H = 52;
const GAP_X = 64;
const GAP_Y = 22;
const PAD = 12;

/** Column of every step: 0 for roots, else 1 + the deepest dependency's column. */
export function depths(steps: Pick<StepProgress, "stepId" | "dependsOn">[]): Map<string, number> {
  const byId = new Map(steps.map((s) => [s.stepId, s]));
  const depth = new Map<string, number>();
  const visit = (id: string, path: Set<string>): number => {
    const known = depth.get(id);
    if (known !== undefined) return known;
    const step = byId.get(id);
    if (!step || path.has(id)) return 0; // unknown or cyclic reference: the orchestrator rejects those anyway
    path.add(id);
    const d = step.dependsOn.reduce((max, dep) => Math.max(max, visit(dep, path) + 1), 0);
    path.delete(id);
    depth.set(id, d);
    return d;
  };
  steps.forEach((s) => visit(s.stepId, new Set()));
  return depth;
}

export function renderDag(steps: StepProgress[], details: Map<string, string>): SVGSVGElement {
  const depth = depths(steps);
  const columns: StepProgress[][] = [];
  for (const step of steps) {
    (columns[depth.get(step.stepId) ?? 0] ??= []).push(step);
  }
  const position = new Map<string, { x: number; y: number }>();
  columns.forEach((column, c) => column.forEach((step, r) => {
    position.set(step.stepId, { x: PAD + c * (NODE_W + GAP_X), y: PAD + r * (NODE_H + GAP_Y) });
  }));
  const rows = Math.max(1, ...columns.map((c) => c?.length ?? 0));
  const width = PAD * 2 + columns.length * NODE_W + Math.max(0, columns.length - 1) * GAP_X;
  const height = PAD * 2 + rows * NODE_H + (rows - 1) * GAP_Y;

  const root = svg("svg", { id: "dag", class: "dag", width, height, viewBox: `0 0 ${width} ${height}`,
    role: "img", "aria-label": "workflow graph" });
  root.append(svg("defs", {}, svg("marker", { id: "arrow", viewBox: "0 0 10 10", refX: 10, refY: 5,
    markerWidth: 7, markerHeight: 7, orient: "auto-start-reverse" }, svg("path", { d: "M 0 0 L 10 5 L 0 10 z" }))));
  for (const step of steps) {
    const to = position.get(step.stepId)!;
    for (const dep of step.dependsOn) {
      const from = position.get(dep);
      if (!from) continue;
      const x1 = from.x + NODE_W, y1 = from.y + NODE_H / 2, x2 = to.x, y2 = to.y + NODE_H / 2;
      const mid = (x1 + x2) / 2;
      root.append(svg("path", { class: "edge", d: `M ${x1} ${y1} C ${mid} ${y1}, ${mid} ${y2}, ${x2} ${y2}`,
        "marker-end": "url(#arrow)" }));
    }
  }
  for (const step of steps) {
    const { x, y } = position.get(step.stepId)!;
    const state = stepStatusName(step.status);
    const sub = step.itemsTotal > 0
      ? `${step.itemsDone}/${step.itemsTotal} items`
      : step.attempt > 1 ? `attempt ${step.attempt}` : state.toLowerCase();
    const node = svg("g", { class: `node state-${state.toLowerCase()}`, transform: `translate(${x},${y})`,
        "data-testid": "dag-node", "data-step-id": step.stepId, "data-state": state,
        "data-percent": step.percent },
      svg("title", {}, `${step.stepId}: ${state.toLowerCase()}\n${details.get(step.stepId) ?? step.runs}`),
      svg("rect", { width: NODE_W, height: NODE_H, rx: 8 }),
      // the step's own completion as a thin strip along the bottom
      svg("rect", { class: "node-progress", x: 0, y: NODE_H - 5, height: 5, rx: 2,
        width: (NODE_W * Math.max(0, Math.min(100, step.percent))) / 100 }),
      svg("text", { x: 10, y: 21, class: "node-title" }, step.stepId),
      svg("text", { x: 10, y: 38, class: "node-sub" }, clip(`${runsLabel(step.runs)} · ${sub}`, 32)));
    root.append(node);
  }
  return root;
}

/** "handler:lead-enrichment" -> "lead-enrichment", "workflow:email-sequence" -> "↳ email-sequence". */
function runsLabel(runs: string): string {
  return runs.startsWith("workflow:") ? `↳ ${runs.slice("workflow:".length)}` : runs.replace(/^handler:/, "");
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
