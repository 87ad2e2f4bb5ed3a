// What every browser scenario of the dev ITs shares: --name=value arguments, headless Chromium
// (Debian's, via playwright-core) with a throwaway profile, page errors collected, screenshots,
// and the observations printed as one JSON object on stdout for the Java test to assert on.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Page } from "playwright-core";

export function parseArgs(required: string[]): Record<string, string> {
  const args = Object.fromEntries(process.argv.slice(2).map((a) => a.replace(/^--/, "").split(/=(.*)/s).slice(0, 2)));
  for (const name of required) {
    if (!args[name]) {
      console.error(`missing --${name}=...`);
      process.exit(2);
    }
  }
  return args;
}

/**
 * Opens a sign-in link to the executions list (the key in the fragment, #key=..., the link `baton
 * dev` prints) and waits for the list to be live.
 */
export async function signInByLink(page: Page, link: string): Promise<void> {
  await page.goto(link);
  await page.waitForSelector("#list-state[data-state=live]");
}

/**
 * Runs {@code scenario} on a fresh page; whatever it throws is recorded as "failure" (with a
 * dashboard-failure.png), and the result is printed either way.
 */
export async function runScenario(args: Record<string, string>,
    scenario: (page: Page, result: Record<string, unknown>, shot: (name: string) => Promise<void>) => Promise<void>,
): Promise<void> {
  const timeout = Number(args["timeout-ms"] ?? 90_000);
  const profile = mkdtempSync(join(tmpdir(), "baton-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: args.chromium ?? "/usr/bin/chromium",
    headless: true,
    viewport: { width: 1280, height: 900 },
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  const pageErrors: string[] = [];
  const result: Record<string, unknown> = { pageErrors };
  const shot = async (page: Page, name: string) => {
    const path = join(args.screenshots, name);
    await page.screenshot({ path, fullPage: true });
    ((result.screenshots ??= []) as string[]).push(path);
  };
  try {
    const page = context.pages()[0] ?? await context.newPage();
    page.setDefaultTimeout(timeout);
    page.on("pageerror", (e) => pageErrors.push(e.message));
    page.on("console", (m) => {
      if (m.type() === "error") pageErrors.push(`console: ${m.text()} (${m.location().url})`);
    });
    await scenario(page, result, (name) => shot(page, name));
  } catch (err) {
    result.failure = (err as Error).stack ?? String(err);
    const page = context.pages()[0];
    if (page) await shot(page, "dashboard-failure.png").catch(() => undefined);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
  process.stdout.write(JSON.stringify(result) + "\n");
}
