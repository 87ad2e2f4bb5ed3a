// The sign-in page, shown while the tab holds no API key (or its key stopped working): asks for a
// key and proves it with one read before the dashboard keeps it (session.ts).
import { Code, ConnectError } from "@connectrpc/connect";
import type { Api } from "./api.js";
import { h } from "./format.js";

/** Why the sign-in page is shown: signed out by the user, or a key the services refused. */
export interface Notice {
  text: string;
  error: boolean;
}

/** Renders the form; {@code signIn} resolves once the key works, or rejects with what to tell the user. */
export function renderSignIn(root: HTMLElement, notice: Notice | undefined, signIn: (key: string) => Promise<void>): void {
  const input = h("input", { id: "sign-in-key", type: "password", autocomplete: "off", spellcheck: "false",
    placeholder: "baton_…", required: "" });
  const submit = h("button", { id: "sign-in-submit", type: "submit" }, "Sign in");
  const message = h("p", { id: "sign-in-message" });
  const show = (n: Notice | undefined, state: string) => {
    message.className = n?.error ? "message error" : "message";
    message.dataset.state = state;
    message.textContent = n?.text ?? "";
  };
  show(notice, notice ? (notice.error ? "error" : "info") : "");
  const form = h("form", { id: "sign-in-form", class: "start sign-in" },
    h("label", {}, "API key", input),
    h("p", { class: "hint" }, "A key of your tenant with a role that may read (viewer, operator or admin), as ",
      h("code", {}, "baton keys create"), " printed it; ", h("code", {}, "baton dev"),
      " prints a link that signs in by itself. The key is kept in this tab only, until you sign out or close it."),
    submit, message);
  root.replaceChildren(h("h1", {}, "Sign in"), form);
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    submit.disabled = true;
    show({ text: "checking the key…", error: false }, "checking");
    try {
      await signIn(input.value.trim());
    } catch (err) {
      show({ text: (err as Error).message, error: true }, "error");
      submit.disabled = false;
    }
  });
  input.focus();
}

/**
 * Proves a key before it is kept: the first message of the executions list (a snapshot, sent at
 * once) takes a key that may read its tenant. Rejects with a sentence for the sign-in page.
 */
export async function proveKey(api: Api): Promise<void> {
  const done = new AbortController();
  try {
    for await (const _ of api.progress.watchExecutions({ limit: 1 }, { signal: done.signal })) return;
    throw new Error("progress-svc ended the executions list without an answer");
  } catch (err) {
    if (!(err instanceof ConnectError)) throw err;
    if (err.code === Code.Unauthenticated) throw new Error(`Key refused: ${err.rawMessage}`);
    if (err.code === Code.PermissionDenied) throw new Error(`This key may not read: ${err.rawMessage}`);
    throw new Error(`Cannot check the key with progress-svc: ${err.message}`);
  } finally {
    done.abort(); // the list is a watch that never ends by itself
  }
}
