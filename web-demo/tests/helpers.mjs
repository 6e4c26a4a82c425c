// Shared set-up for the end-to-end tests: build the site, serve it on a free local port,
// and start Debian's headless Chromium through playwright-core (which brings no browser
// of its own).

import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

export const SITE = join(dirname(fileURLToPath(import.meta.url)), "..");
export const REPO = join(SITE, "..");
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Runs web-demo/build.sh (rebuilds the wasm package only when it is stale). */
export function buildSite() {
  execFileSync("bash", [join(SITE, "build.sh")], { cwd: REPO, stdio: ["ignore", "inherit", "inherit"] });
}

/** Serves web-demo/ with Python's static server on a free port; resolves to {url, stop}. */
export function serveSite() {
  return new Promise((resolve, reject) => {
    const server = spawn("python3", ["-u", "-m", "http.server", "0", "--bind", "127.0.0.1", "--directory", SITE], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    const timer = setTimeout(() => {
      server.kill();
      reject(new Error(`the static server did not start:\n${output}`));
    }, 15000);
    server.stdout.setEncoding("utf8");
    server.stdout.on("data", (chunk) => {
      output += chunk;
      const match = /port (\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({
          url: `http://127.0.0.1:${match[1]}/`,
          stop: () => server.kill(),
        });
      }
    });
    server.stderr.on("data", () => {}); // request logs
    server.on("exit", (code) => {
      clearTimeout(timer);
      if (!output.includes("port")) reject(new Error(`the static server exited (${code}):\n${output}`));
    });
  });
}

/** Starts headless Chromium with a throw-away profile; resolves to {context, close}. */
export async function startBrowser() {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y --no-install-recommends chromium`);
  }
  const profile = mkdtempSync(join(tmpdir(), "postlint-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 800 },
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Opens the page with empty storage and waits until the checker is ready (the platform
 * cards appear once the worker has loaded the wasm module and checked the draft).
 * Returns {page, requests, errors}: every request the page made, and console errors.
 */
export async function openPage(context, url, { viewport, storage } = {}) {
  const page = await context.newPage();
  if (viewport) await page.setViewportSize(viewport);
  const requests = [];
  const errors = [];
  page.on("request", (request) => requests.push(request.url()));
  // Requests made by the worker reach the page's listener only through the context.
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(String(error)));
  await page.goto(url);
  await page.evaluate((saved) => {
    localStorage.clear();
    if (saved) localStorage.setItem("postlint-web-demo/v1", JSON.stringify(saved));
  }, storage ?? null);
  await page.reload();
  await page.locator(".card[data-platform]").first().waitFor({ timeout: 20000 });
  return { page, requests, errors };
}

/** Replaces the draft as a user would (select all, type) and waits for the check. */
export async function typeDraft(page, text) {
  const draft = page.locator("#draft");
  await draft.click();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.press("Delete");
  await draft.pressSequentially(text, { delay: 0 });
}
