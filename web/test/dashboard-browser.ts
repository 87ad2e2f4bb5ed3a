// Drives the dashboard in headless Chromium (Debian's /usr/bin/chromium via playwright-core):
// signs in with a sign-in link, starts a workflow from the form, follows its execution view until
// it ends, checks the list, saves screenshots, and prints the observations as one JSON object for
// DashboardBrowserIT.
// Usage: node dashboard-browser.mjs --link=http://localhost:7234/dashboard/#key=KEY --workflow=NAME --input=JSON
//          --screenshots=DIR [--chromium=/usr/bin/chromium] [--timeout-ms=90000]
import { parseArgs, runScenario, signInByLink } from "./lib/browser.js";

const args = parseArgs(["link", "workflow", "input", "screenshots"]);
const timeout = Number(args["timeout-ms"] ?? 90_000);
await runScenario(args, async (page, result, shot) => {
  await signInByLink(page, args.link);
  result.landingUrl = page.url();

  // start from the form
  await page.click("#nav-start");
  await page.waitForSelector(`#start-workflow option[value="${args.workflow}"]`, { state: "attached" });
  await page.selectOption("#start-workflow", args.workflow);
  await page.fill("#start-input", args.input);
  await page.click("#start-submit");
  await page.waitForURL(/#\/executions\/[0-9a-f-]{36}$/);
  const executionId = page.url().split("/").pop()!;
  result.executionId = executionId;

  // follow it live: record every percent the bar shows until the execution ends
  const percents: number[] = [];
  const deadline = Date.now() + timeout;
  let status = "";
  while (Date.now() < deadline) {
    // percent and status read in one evaluation, i.e. from one rendering of the page: read one after
    // the other, an update landing in between ended the loop on SUCCEEDED with the last percent unseen
    const reading = await page.evaluate(() => ({
      percent: document.querySelector("#execution-percent")?.getAttribute("data-percent") ?? null,
      status: document.querySelector("#execution-status")?.getAttribute("data-status") ?? "",
    })).catch(() => ({ percent: null, status: "" }));
    const percent = reading.percent;
    if (percent !== null && percents[percents.length - 1] !== Number(percent)) percents.push(Number(percent));
    status = reading.status;
    if (["SUCCEEDED", "FAILED", "CANCELLED"].includes(status)) break;
    if (status === "RUNNING" && !result.runningShot) {
      result.runningShot = true; // a picture mid-run, for people; nothing is asserted on it
      await shot("dashboard-execution-running.png");
    }
    await page.waitForTimeout(100);
  }
  result.percentsSeen = percents;
  result.status = status;
  result.barPercent = Number(await page.getAttribute("#execution-percent [data-testid=progress-bar]", "data-percent"));
  result.barLabel = await page.textContent("#execution-percent .bar-label");
  result.barFillWidth = await page.$eval("#execution-percent .bar-fill", (el) => (el as HTMLElement).style.width);
  result.dagNodes = await page.$$eval("[data-testid=dag-node]", (nodes) => nodes.map((n) => ({
    stepId: n.getAttribute("data-step-id"),
    state: n.getAttribute("data-state"),
    fill: getComputedStyle(n.querySelector("rect")!).fill,
  })));
  result.eta = await page.textContent("#eta .eta-value");
  result.attemptBars = await page.$$eval("[data-testid=attempt]", (rows) => rows.length);
  const definitionError = await page.$("#definition-error"); // absent when GetWorkflow worked
  result.definitionError = definitionError ? await definitionError.textContent() : null;
  await page.waitForTimeout(300); // let the last transition of the bar finish before the picture
  await shot("dashboard-execution.png");

  // the list shows it with its status, and its filters select it or not
  await page.goto(new URL("#/?workflow=" + encodeURIComponent(args.workflow), args.link).toString());
  const row = `[data-testid=execution-row][data-execution-id="${executionId}"]`;
  await page.waitForSelector(row);
  result.listRow = await page.$eval(row, (r) => ({
    status: r.getAttribute("data-status"),
    percent: Number(r.getAttribute("data-percent")),
    badge: r.querySelector("[data-testid=execution-status]")?.textContent,
  }));
  await shot("dashboard-list.png");
  await page.selectOption("#filter-status", "FAILED");
  await page.waitForSelector("#list-state[data-state=live]");
  await page.waitForFunction((sel) => !document.querySelector(sel), row);
  result.hiddenByFailedFilter = true;
  await page.selectOption("#filter-status", "SUCCEEDED");
  await page.waitForSelector(row);
  result.shownBySucceededFilter = true;
});
