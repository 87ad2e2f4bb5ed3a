// Opens the dashboard's Bottlenecks page in headless Chromium for one workflow and window, waits
// for analytics-svc's report (gRPC-Web, cross-origin) to be drawn, reads the charts' marks,
// saves dashboard-bottlenecks.png, and prints the observations as one JSON object for
// DashboardBrowserIT.
// Usage: node dashboard-bottlenecks.mjs --link=http://localhost:7234/dashboard/#key=KEY --workflow=NAME --screenshots=DIR
//          [--window=1h] [--chromium=/usr/bin/chromium] [--timeout-ms=90000]
import { parseArgs, runScenario, signInByLink } from "./lib/browser.js";

const args = parseArgs(["link", "workflow", "screenshots"]);
await runScenario(args, async (page, result, shot) => {
  await signInByLink(page, args.link);
  // through the navigation, as a person would: the page picks the first workflow, then this one
  await page.click("#nav-bottlenecks");
  await page.waitForSelector(`#bottlenecks-workflow option[value="${args.workflow}"]`, { state: "attached" });
  await page.selectOption("#bottlenecks-workflow", args.workflow);
  await page.waitForURL(new RegExp(`#/bottlenecks\\?workflow=${args.workflow}&window=`));
  if (args.window) {
    await page.selectOption("#bottlenecks-window", args.window);
    await page.waitForURL(new RegExp(`window=${args.window}$`));
  }
  // the state of this window's render (a previous render may still be on screen for a moment)
  await page.waitForSelector(`#bottlenecks-state[data-window="${args.window ?? "1h"}"]`
    + ":is([data-state=ready], [data-state=empty], [data-state=error])");
  result.url = page.url();
  result.state = await page.getAttribute("#bottlenecks-state", "data-state");
  result.stateText = await page.textContent("#bottlenecks-state");
  result.bottleneckStep = await page.textContent("#bottleneck-step").catch(() => null);
  result.criticalPath = await page.$$eval("[data-testid=critical-path-bar]", (bars) => bars.map((b) => ({
    step: b.getAttribute("data-step"),
    share: Number(b.getAttribute("data-share")),
    width: [...b.querySelectorAll("rect")].reduce((sum, r) => sum + Number(r.getAttribute("width")), 0),
    parts: [...b.querySelectorAll("[data-testid=critical-path-segment]")].map((r) => r.getAttribute("data-part")),
  })));
  result.percentiles = await page.$$eval("[data-testid=percentile-group]", (groups) => groups.map((g) => ({
    step: g.getAttribute("data-step"),
    bars: [...g.querySelectorAll("[data-testid=percentile-bar]")].map((r) => ({
      quantile: r.getAttribute("data-quantile"),
      ms: Number(r.getAttribute("data-ms")),
      width: Number(r.getAttribute("width")),
    })),
  })));
  result.trendSteps = await page.$$eval("[data-testid=trend-step]", (rows) => rows.map((r) => ({
    step: r.getAttribute("data-step"), change: r.getAttribute("data-change") })));
  result.trendTotal = await page.getAttribute("[data-testid=trend-total]", "data-change").catch(() => null);
  result.findings = await page.$$eval("[data-testid=finding]", (items) => items.map((f) => ({
    type: f.getAttribute("data-type"), severity: f.getAttribute("data-severity"),
    evidence: [...f.querySelectorAll("[data-testid=evidence]")].map((e) => e.getAttribute("data-key")),
    action: f.querySelector(".action")?.textContent })));
  result.findingsEmpty = (await page.$("#findings-empty")) !== null;
  result.dependencies = await page.$$eval("[data-testid=dependency-row]", (rows) => rows.map((r) => ({
    host: r.getAttribute("data-host"), cells: [...r.querySelectorAll("td")].map((c) => c.textContent) })));
  await shot("dashboard-bottlenecks.png");
});
