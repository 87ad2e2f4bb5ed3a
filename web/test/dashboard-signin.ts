// Signing in and out of the dashboard in headless Chromium, for DashboardBrowserIT: a tab without a
// key sees the sign-in page and no data (and the services answer its gRPC-Web calls UNAUTHENTICATED),
// a wrong key is refused with the reason, a pasted key signs in (back to the view asked for), sign-out
// forgets it, a revoked key brings the sign-in page back, and a sign-in link to an execution opens
// it with no key left in the address bar. Prints the observations as one JSON object.
// Usage: node dashboard-signin.mjs --url=http://localhost:7234/ --api-key=KEY --revoked-key=KEY
//          --execution=ID --link=http://localhost:7234/dashboard/#key=KEY&to=/executions/ID
//          --screenshots=DIR [--chromium=/usr/bin/chromium] [--timeout-ms=90000]
import type { Page } from "playwright-core";
import { parseArgs, runScenario } from "./lib/browser.js";

const args = parseArgs(["url", "api-key", "revoked-key", "execution", "link", "screenshots"]);
const STORED = "baton.apiKey"; // session.ts

await runScenario(args, async (page, result, shot) => {
  // every gRPC-Web call the page makes (allHeaders: headers() leaves out security-related ones)
  const calls: Promise<{ url: string; authorization: string | null; tenantHeader: boolean }>[] = [];
  page.on("request", (r) => {
    if (r.headers()["x-grpc-web"]) {
      calls.push(r.allHeaders().then((headers) => ({ url: r.url(), authorization: headers.authorization ?? null,
        tenantHeader: "x-baton-tenant" in headers })));
    }
  });

  // (1) no key: an execution's own address shows the sign-in page, and the page calls nothing
  const executionUrl = new URL(`dashboard/#/executions/${args.execution}`, args.url).toString();
  await page.goto(executionUrl);
  await page.waitForSelector("#sign-in-form");
  result.signedOut = await signedOutView(page);
  result.callsWithoutKey = calls.length;
  await shot("dashboard-sign-in.png");

  // (2) what a gRPC-Web call without a key gets from each service, made from the page
  const config = await page.evaluate(async () => (await fetch("config.json")).json());
  result.unauthenticated = {
    progress: await callWithoutKey(page, new URL("/baton.v1.ProgressService/WatchExecutions", args.url).toString()),
    orchestrator: await callWithoutKey(page, `${config.orchestratorUrl}/baton.v1.WorkflowService/ListWorkflows`),
    analytics: await callWithoutKey(page, `${config.analyticsUrl}/baton.v1.AnalyticsService/GetBottleneckReport`),
  };

  // (3) a wrong key is refused, with the reason, and not kept
  await page.fill("#sign-in-key", `baton_${"a".repeat(16)}_${"b".repeat(43)}`);
  await page.click("#sign-in-submit");
  await page.waitForSelector("#sign-in-message[data-state=error]");
  result.wrongKey = { message: await page.textContent("#sign-in-message"), ...await signedOutView(page) };
  await shot("dashboard-sign-in-refused.png");

  // (4) the right key signs in and shows the view that was asked for; it is kept in this tab only
  const before = calls.length;
  await page.fill("#sign-in-key", args["api-key"]);
  await page.click("#sign-in-submit");
  await page.waitForSelector("#watch-state:is([data-state=live], [data-state=ended])");
  result.signedIn = {
    url: page.url(),
    executionId: await page.textContent("#execution-id"),
    status: await page.getAttribute("#execution-status", "data-status"),
    header: await page.textContent("#signed-in"),
    storage: await storage(page),
  };
  await page.click("nav a[href='#/']");
  await page.waitForSelector(`[data-testid=execution-row][data-execution-id="${args.execution}"]`);
  result.callsSignedIn = await Promise.all(calls.slice(before));

  // (5) sign-out forgets the key and leaves nothing on screen
  await page.click("#sign-out");
  await page.waitForSelector("#sign-in-message[data-state=info]");
  result.afterSignOut = { message: await page.textContent("#sign-in-message"), ...await signedOutView(page) };

  // (6) a key revoked while the tab holds it: the first call is refused, the sign-in page says why
  await page.evaluate(([name, key]) => sessionStorage.setItem(name, key), [STORED, args["revoked-key"]]);
  await page.reload();
  await page.waitForSelector("#sign-in-message[data-state=error]");
  result.revoked = { message: await page.textContent("#sign-in-message"), ...await signedOutView(page) };

  // (7) a sign-in link to an execution: its view, signed in, and the key is gone from the address bar
  await page.goto(args.link);
  await page.waitForSelector("#watch-state:is([data-state=live], [data-state=ended])");
  result.linked = { url: page.url(), executionId: await page.textContent("#execution-id"),
    header: await page.textContent("#signed-in"), storage: await storage(page) };
});

/** What a signed-out tab shows: the form, no navigation, no execution data, no key held. */
async function signedOutView(page: Page): Promise<Record<string, unknown>> {
  return {
    signInForm: await page.isVisible("#sign-in-form"),
    navigation: await page.isVisible("nav"),
    signOut: await page.isVisible("#sign-out"),
    executionRows: await page.locator("[data-testid=execution-row]").count(),
    executionView: await page.locator("#execution-id").count(),
    heldKey: await page.evaluate((name) => sessionStorage.getItem(name), STORED),
  };
}

async function storage(page: Page): Promise<Record<string, unknown>> {
  return page.evaluate((name) => ({
    sessionKey: sessionStorage.getItem(name),
    localStorageItems: localStorage.length,
    cookies: document.cookie,
  }), STORED);
}

/**
 * A gRPC-Web call with an empty request and no authorization header, from the page (cross-origin
 * ones through CORS, as the dashboard's): the HTTP status and the gRPC status and message, read
 * from the headers (trailers-only answer) or from the trailer frame of the body.
 */
async function callWithoutKey(page: Page, url: string): Promise<Record<string, unknown>> {
  return page.evaluate(async (u) => {
    const response = await fetch(u, { method: "POST", body: new Uint8Array(5),
      headers: { "content-type": "application/grpc-web+proto", "x-grpc-web": "1" } });
    let status = response.headers.get("grpc-status");
    let message = response.headers.get("grpc-message");
    const body = new Uint8Array(await response.arrayBuffer());
    for (let at = 0; status === null && at + 5 <= body.length;) {
      const length = new DataView(body.buffer, at + 1, 4).getUint32(0);
      if (body[at] & 0x80) {
        const trailer = new TextDecoder().decode(body.subarray(at + 5, at + 5 + length));
        status = /grpc-status:\s*(\d+)/i.exec(trailer)?.[1] ?? null;
        message = /grpc-message:\s*([^\r\n]*)/i.exec(trailer)?.[1] ?? null;
      }
      at += 5 + length;
    }
    return { http: response.status, status, message: message === null ? null : decodeURIComponent(message) };
  }, url);
}
