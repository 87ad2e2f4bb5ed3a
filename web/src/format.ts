// Small pure helpers shared by the views: DOM construction, status names, times and durations.
import type { Duration, Timestamp } from "@bufbuild/protobuf/wkt";
import { ExecutionStatus, StepStatus } from "./gen/baton/v1/execution_pb.js";

type Child = Node | string | null | undefined | false;

/** Creates an element; attributes with undefined values are left out. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K, attrs: Record<string, string | undefined> = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value !== undefined) el.setAttribute(name, value);
  }
  for (const child of children) {
    if (child) el.append(child);
  }
  return el;
}

const SVG = "http://www.w3.org/2000/svg";

export function svg<K extends keyof SVGElementTagNameMap>(
  tag: K, attrs: Record<string, string | number | undefined> = {}, ...children: Child[]): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value !== undefined) el.setAttribute(name, String(value));
  }
  for (const child of children) {
    if (child) el.append(child);
  }
  return el;
}

/** "RUNNING", "SUCCEEDED", ... : the proto enum name without its prefix (also used in data-status). */
export function executionStatusName(status: ExecutionStatus): string {
  return ExecutionStatus[status] ?? "UNSPECIFIED";
}

export function stepStatusName(status: StepStatus): string {
  return StepStatus[status] ?? "UNSPECIFIED";
}

export function isTerminal(status: ExecutionStatus): boolean {
  return status === ExecutionStatus.SUCCEEDED || status === ExecutionStatus.FAILED
    || status === ExecutionStatus.CANCELLED;
}

export function millis(ts: Timestamp | undefined): number | undefined {
  return ts ? Number(ts.seconds) * 1000 + Math.floor(ts.nanos / 1e6) : undefined;
}

export function durationMillis(d: Duration | undefined): number | undefined {
  return d ? Number(d.seconds) * 1000 + Math.floor(d.nanos / 1e6) : undefined;
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${Math.round(s % 60)} s`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}

export function formatTime(ts: Timestamp | undefined): string {
  const ms = millis(ts);
  return ms === undefined ? "" : new Date(ms).toLocaleTimeString();
}

export function formatPercent(percent: number): string {
  return `${Math.floor(percent)}%`;
}

/** A progress bar whose fill and data-percent are read by people and by the browser test. */
export function progressBar(percent: number, status: string): HTMLElement {
  const clamped = Math.max(0, Math.min(100, percent));
  return h("div", { class: `bar bar-${status.toLowerCase()}`, "data-testid": "progress-bar",
      "data-percent": String(clamped), role: "progressbar", "aria-valuenow": String(Math.floor(clamped)),
      "aria-valuemin": "0", "aria-valuemax": "100" },
    h("div", { class: "bar-fill", style: `width: ${clamped}%` }),
    h("span", { class: "bar-label" }, formatPercent(clamped)));
}

export function statusBadge(status: string, testId: string): HTMLElement {
  return h("span", { class: `badge badge-${status.toLowerCase()}`, "data-testid": testId, "data-status": status },
    status.toLowerCase());
}
