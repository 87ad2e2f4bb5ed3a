// The API key this browser tab is signed in with. Kept only in sessionStorage: it lasts as long
// as the tab, other tabs do not see it, and it leaves the browser only in the authorization header
// of the dashboard's own gRPC-Web calls. Never localStorage (it would outlive the session) and
// never a cookie (the browser would send it with every request to the origin).
const STORAGE_KEY = "baton.apiKey";

export function heldKey(): string | null {
  return sessionStorage.getItem(STORAGE_KEY);
}

export function holdKey(key: string): void {
  sessionStorage.setItem(STORAGE_KEY, key);
}

export function forgetKey(): void {
  sessionStorage.removeItem(STORAGE_KEY);
}

/**
 * The key of a sign-in link, #key=<API key>[&to=<route>] (what `baton dev` prints), or null. A
 * fragment is never sent to a server; the key is taken out of the address bar and of this history
 * entry at once, leaving the route (#/ unless `to` names another).
 */
export function takeKeyFromLink(): string | null {
  const fragment = location.hash.replace(/^#/, "");
  if (!fragment.startsWith("key=")) return null;
  const params = new URLSearchParams(fragment);
  const to = params.get("to") ?? "";
  history.replaceState(null, "", `${location.pathname}${location.search}#${to.startsWith("/") ? to : "/"}`);
  return params.get("key");
}

/** The public id of a Baton key (baton_<id>_<secret>), to show which key is in use; never the secret. */
export function keyId(key: string): string {
  const parts = key.split("_");
  return parts.length >= 3 && parts[0] === "baton" ? parts[1] : "?";
}
