// Entry point: loads the config, then renders the view the URL hash names:
// #/ (executions list, with ?workflow=&status= filters), #/executions/<id>, #/start,
// #/bottlenecks (?workflow=&window=).
import { connect, type Api } from "./api.js";
import { renderBottlenecks } from "./bottlenecks.js";
import { renderExecution } from "./execution.js";
import { h } from "./format.js";
import { renderList } from "./list.js";
import { renderStart } from "./start.js";

let current: AbortController | undefined;

function route(api: Api, root: HTMLElement): void {
  current?.abort(); // ends the previous view's streams
  current = new AbortController();
  const [path, query] = (location.hash.replace(/^#/, "") || "/").split("?");
  const params = new URLSearchParams(query ?? "");
  const execution = /^\/executions\/([0-9a-fA-F-]+)$/.exec(path);
  document.querySelectorAll("nav a").forEach((a) =>
    a.classList.toggle("active", a.getAttribute("href") === `#${path}`));
  if (execution) {
    renderExecution(api, root, execution[1], current.signal);
  } else if (path === "/bottlenecks") {
    renderBottlenecks(api, root, params, current.signal);
  } else if (path === "/start") {
    renderStart(api, root, params, current.signal);
  } else {
    renderList(api, root, params, current.signal);
  }
}

async function main(): Promise<void> {
  const root = document.getElementById("view")!;
  try {
    const api = await connect();
    document.getElementById("tenant")!.textContent = `tenant ${api.config.tenant}`;
    window.addEventListener("hashchange", () => route(api, root));
    route(api, root);
  } catch (err) {
    root.replaceChildren(h("p", { class: "message error" }, `Dashboard could not start: ${(err as Error).message}`));
  }
}

void main();
