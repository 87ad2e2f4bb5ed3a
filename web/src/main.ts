// Entry point: loads the config, signs the tab in (a #key= link, the key the tab holds, or the
// sign-in page), then renders the view the URL hash names: #/ (executions list, with
// ?workflow=&status= filters), #/executions/<id>, #/start, #/bottlenecks (?workflow=&window=).
import { connect, loadConfig, type Api, type DashboardConfig } from "./api.js";
import { renderBottlenecks } from "./bottlenecks.js";
import { renderExecution } from "./execution.js";
import { h } from "./format.js";
import { renderList } from "./list.js";
import { forgetKey, heldKey, holdKey, keyId, takeKeyFromLink } from "./session.js";
import { proveKey, renderSignIn, type Notice } from "./signin.js";
import { renderStart } from "./start.js";

/** What a key pasted or linked must look like before it is sent in a header (printable ASCII). */
const KEY_SHAPE = /^[\x21-\x7e]+$/;

class Dashboard {
  private view: AbortController | undefined;
  private api: Api | undefined;
  private notice: Notice | undefined;

  constructor(private readonly root: HTMLElement, private readonly config: DashboardConfig) {}

  /** Uses {@code key} for every call once one read with it worked; rejects with what to tell the user. */
  async signIn(key: string): Promise<void> {
    if (!KEY_SHAPE.test(key)) {
      throw new Error("Not an API key (expected baton_<id>_<secret>, as `baton keys create` printed it)");
    }
    const api: Api = connect(this.config, key, (reason) => this.refused(api, reason));
    await proveKey(api);
    holdKey(key);
    this.use(api, key);
  }

  /** A key held from before (a reload): used as it is, the first refusal brings the sign-in page back. */
  resume(key: string): void {
    const api: Api = connect(this.config, key, (reason) => this.refused(api, reason));
    this.use(api, key);
  }

  /** A #key= link: it replaces whatever key the tab held; a refused one leaves the sign-in page saying why. */
  async signInFromLink(key: string): Promise<void> {
    await this.signIn(key).catch((err: Error) => this.forget({ text: err.message, error: true }));
  }

  signOut(): void {
    this.forget({ text: "Signed out: this tab no longer holds a key.", error: false });
  }

  route(): void {
    this.view?.abort(); // ends the previous view's streams
    this.view = new AbortController();
    if (!this.api) {
      renderSignIn(this.root, this.notice, (key) => this.signIn(key));
      return;
    }
    const [path, query] = (location.hash.replace(/^#/, "") || "/").split("?");
    const params = new URLSearchParams(query ?? "");
    const execution = /^\/executions\/([0-9a-fA-F-]+)$/.exec(path);
    document.querySelectorAll("nav a").forEach((a) =>
      a.classList.toggle("active", a.getAttribute("href") === `#${path}`));
    if (execution) {
      renderExecution(this.api, this.root, execution[1], this.view.signal);
    } else if (path === "/bottlenecks") {
      renderBottlenecks(this.api, this.root, params, this.view.signal);
    } else if (path === "/start") {
      renderStart(this.api, this.root, params, this.view.signal);
    } else {
      renderList(this.api, this.root, params, this.view.signal);
    }
  }

  private use(api: Api, key: string): void {
    this.api = api;
    this.notice = undefined;
    document.body.dataset.signedIn = "true";
    document.getElementById("signed-in")!.textContent = `key ${keyId(key)}`;
    this.route();
  }

  /** A call of the key in use was answered UNAUTHENTICATED: back to the sign-in page, saying why. */
  private refused(api: Api, reason: string): void {
    if (this.api === api) this.forget({ text: `Signed out: ${reason}`, error: true });
  }

  private forget(notice: Notice): void {
    forgetKey();
    this.api = undefined;
    this.notice = notice;
    delete document.body.dataset.signedIn;
    document.getElementById("signed-in")!.textContent = "";
    this.route(); // the hash stays: signing in again returns to the same view
  }
}

async function main(): Promise<void> {
  const root = document.getElementById("view")!;
  const linked = takeKeyFromLink(); // first: out of the address bar before anything can fail
  try {
    const dashboard = new Dashboard(root, await loadConfig());
    // a sign-in link opened in a tab already showing the dashboard changes only the hash
    window.addEventListener("hashchange", () => {
      const key = takeKeyFromLink();
      if (key !== null) void dashboard.signInFromLink(key); else dashboard.route();
    });
    document.getElementById("sign-out")!.addEventListener("click", () => dashboard.signOut());
    const held = heldKey();
    if (linked !== null) {
      await dashboard.signInFromLink(linked);
    } else if (held !== null) {
      dashboard.resume(held);
    } else {
      dashboard.route();
    }
  } catch (err) {
    root.replaceChildren(h("p", { class: "message error" }, `Dashboard could not start: ${(err as Error).message}`));
  }
}

void main();
