// End-to-end tests of the web page in real headless Chromium.
// Run from the repository root: node --test web-demo/tests/
// (after `npm ci --prefix web-demo/tests`; Chromium from Debian at /usr/bin/chromium).

import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { buildSite, openPage, REPO, serveSite, startBrowser, typeDraft } from "./helpers.mjs";

const SCREENSHOTS = join(REPO, "docs", "screenshots");
const T = { timeout: 90_000 };

let server;
let browser;

before(async () => {
  buildSite();
  server = await serveSite();
  browser = await startBrowser();
}, { timeout: 900_000 });

after(async () => {
  await browser?.close();
  server?.stop();
});

const draftValue = (page) => page.locator("#draft").inputValue();

describe("checking a draft", () => {
  test("typing shows highlights, a problem count and platform counts", T, async () => {
    const { page, errors } = await openPage(browser.context, server.url);
    await typeDraft(page, "Hey guys");
    const mark = page.locator('#draft-editor mark[data-rule="inclusion.gendered-greeting"]');
    await mark.waitFor();
    assert.equal(await mark.getAttribute("data-severity"), "warning");
    assert.equal(await mark.textContent(), "Hey guys");
    await page.locator('[data-platform="x"] .count', { hasText: "8/280" }).waitFor();
    await page.locator("#status", { hasText: "1 problem" }).waitFor();
    assert.match(await page.locator("#status").getAttribute("aria-live"), /polite/);
    // The side list groups by category, with a count.
    const group = page.locator('#problems .group[data-category="inclusion"]');
    assert.match(await group.locator("h3").textContent(), /Inclusive language\s*1/);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test("the highlight layer wraps exactly like the textarea", T, async () => {
    for (const width of [1280, 320]) {
      const { page } = await openPage(browser.context, server.url, { viewport: { width, height: 800 } });
      await page.click("#sample");
      await page.locator('mark[data-rule="privacy.email-address"]').waitFor();
      const geometry = await page.evaluate(() => {
        const ta = document.querySelector("#draft");
        const mirror = document.querySelector("#draft-editor .mirror");
        const cs = (n) => getComputedStyle(n);
        return {
          textarea: { width: ta.clientWidth, height: ta.scrollHeight, font: cs(ta).font, padding: cs(ta).padding },
          mirror: { width: mirror.clientWidth, height: mirror.clientHeight, font: cs(mirror).font, padding: cs(mirror).padding },
          scrollTop: ta.scrollTop,
        };
      });
      // Same box, same font, same padding, same height of wrapped text: the same line breaks.
      assert.deepEqual(geometry.textarea, geometry.mirror, `${width}px`);
      assert.equal(geometry.scrollTop, 0);
      await page.close();
    }
  });

  test("hovering or moving the caret into a problem shows message, help and rule id; Escape closes it", T, async () => {
    const { page } = await openPage(browser.context, server.url);
    await typeDraft(page, "Thanks guys for coming");
    const mark = page.locator('mark[data-rule="inclusion.gendered-greeting"]');
    await mark.waitFor();
    const box = await mark.boundingBox();
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    const popover = page.locator("#popover");
    await popover.waitFor({ state: "visible" });
    assert.match(await popover.textContent(), /inclusion\.gendered-greeting/);
    assert.match(await popover.textContent(), /mixed audience/);
    await page.mouse.move(5, 5);
    await popover.waitFor({ state: "hidden" });

    // Keyboard: Home, then arrows into the word.
    await page.locator("#draft").focus();
    await page.keyboard.press("Home");
    for (let i = 0; i < 8; i++) await page.keyboard.press("ArrowRight");
    await popover.waitFor({ state: "visible" });
    assert.match(await popover.textContent(), /Greet everyone/);
    await page.keyboard.press("Escape");
    await popover.waitFor({ state: "hidden" });

    // F8 goes to the next problem and selects it.
    await page.keyboard.press("Home");
    await page.keyboard.press("F8");
    await popover.waitFor({ state: "visible" });
    const selection = await page.locator("#draft").evaluate((ta) => ta.value.slice(ta.selectionStart, ta.selectionEnd));
    assert.equal(selection, "Thanks guys");
    await page.close();
  });

  test("a fix applies with one click and can be undone (button and Ctrl+Z)", T, async () => {
    const { page } = await openPage(browser.context, server.url);
    await typeDraft(page, "Hey guys, welcome to the launch");
    await page.locator('mark[data-rule="inclusion.gendered-greeting"]').waitFor();
    const fixes = page.locator("#problems .fix");
    assert.deepEqual(await fixes.allTextContents(), [
      "Replace with “Hey everyone”",
      "Replace with “Hi all”",
      "Replace with “Hi folks”",
    ]);
    await page.locator("#problems .fix", { hasText: "Hi all" }).click();
    assert.equal(await draftValue(page), "Hi all, welcome to the launch");
    await page.locator('mark[data-rule="inclusion.gendered-greeting"]').waitFor({ state: "detached" });
    assert.equal(await page.locator("#undo").isDisabled(), false);

    await page.click("#undo");
    assert.equal(await draftValue(page), "Hey guys, welcome to the launch");
    await page.locator('mark[data-rule="inclusion.gendered-greeting"]').waitFor();

    await page.locator("#problems .fix").first().click();
    assert.equal(await draftValue(page), "Hey everyone, welcome to the launch");
    await page.locator("#draft").focus();
    await page.keyboard.press("ControlOrMeta+Z");
    assert.equal(await draftValue(page), "Hey guys, welcome to the launch");
    await page.keyboard.press("ControlOrMeta+Shift+Z");
    assert.equal(await draftValue(page), "Hey everyone, welcome to the launch");
    await page.close();
  });

  test("clicking a problem in the list selects it in the editor", T, async () => {
    const { page } = await openPage(browser.context, server.url);
    await page.click("#sample");
    const item = page.locator("#problems li.problem", { hasText: "e-mail address" }).locator("button.jump");
    await item.click();
    const state = await page.locator("#draft").evaluate((ta) => ({
      focused: document.activeElement === ta,
      selected: ta.value.slice(ta.selectionStart, ta.selectionEnd),
    }));
    assert.deepEqual(state, { focused: true, selected: "joseph.ekai.home@gmail.com" });
    await page.locator("#popover").waitFor({ state: "visible" });
    await page.close();
  });

  test("Markdown mode skips code", T, async () => {
    const { page } = await openPage(browser.context, server.url);
    await typeDraft(page, "Hey guys, `Hey guys` is the old greeting.");
    const marks = page.locator('#draft-editor mark[data-rule="inclusion.gendered-greeting"]');
    await page.waitForFunction(() => document.querySelectorAll('#draft-editor mark[data-rule="inclusion.gendered-greeting"]').length === 2);
    await page.selectOption("#format", "markdown");
    await page.waitForFunction(() => document.querySelectorAll('#draft-editor mark[data-rule="inclusion.gendered-greeting"]').length === 1);
    assert.equal(await marks.first().textContent(), "Hey guys");
    await page.selectOption("#format", "text");
    await page.waitForFunction(() => document.querySelectorAll('#draft-editor mark[data-rule="inclusion.gendered-greeting"]').length === 2);
    await page.close();
  });
});

describe("platforms", () => {
  test("choosing platforms adds and removes cards; counts follow the text", T, async () => {
    const { page } = await openPage(browser.context, server.url);
    await typeDraft(page, "Hey guys");
    const cards = page.locator(".card[data-platform]");
    await page.locator('[data-platform="x"] .count', { hasText: "8/280" }).waitFor();
    assert.deepEqual(await cards.evaluateAll((n) => n.map((c) => c.dataset.platform)), ["x", "instagram", "linkedin"]);

    await page.locator("#platform-list label", { hasText: /^Bluesky$/ }).click();
    await page.locator('[data-platform="bluesky"] .count', { hasText: "8/300" }).waitFor();
    await page.locator("#platform-list label", { hasText: /^X$/ }).click();
    await page.locator('.card[data-platform="x"]').waitFor({ state: "detached" });
    assert.deepEqual(await cards.evaluateAll((n) => n.map((c) => c.dataset.platform)), ["bluesky", "instagram", "linkedin"]);

    await page.locator("#draft").press("End");
    await page.locator("#draft").pressSequentially(" and gals");
    await page.locator('[data-platform="bluesky"] .count', { hasText: "17/300" }).waitFor();
    await page.close();
  });

  test("a card says fits or too long, counts hashtags against the cap and shows the fold", T, async () => {
    const { page } = await openPage(browser.context, server.url);
    await page.click("#sample");
    const x = page.locator('.card[data-platform="x"]');
    await x.locator(".verdict", { hasText: /Too long by \d+/ }).waitFor();
    const instagram = page.locator('.card[data-platform="instagram"]');
    assert.match(await instagram.locator(".verdict").textContent(), /Fits/);
    assert.match(await instagram.textContent(), /Hashtags\s*4 of 5 max/);
    assert.match(await instagram.locator(".fold").textContent(), /more” after: …/);
    assert.ok((await page.locator("#draft-editor .fold-marker").count()) >= 1);
    await page.close();
  });
});

describe("guidelines", () => {
  test("a bad guideline shows its error at its line, and the line is marked", T, async () => {
    const { page } = await openPage(browser.context, server.url);
    await typeDraft(page, "Hey guys");
    await page.locator("#guideline").fill('[brand]\nnames = ["Harbor Health"]\nmax_hashtags = [1,\n');
    const status = page.locator("#guideline-status .guideline-error");
    await status.waitFor();
    const message = await status.textContent();
    assert.match(message, /^Line \d+, column \d+: /);
    const line = Number(/^Line (\d+)/.exec(message)[1]);
    assert.ok(line >= 3 && line <= 4, message);
    assert.equal(await page.locator("#guideline-editor .line-mark").count(), line === 3 ? 1 : 0);
    // Checking goes on with the packs alone.
    await page.locator('mark[data-rule="inclusion.gendered-greeting"]').waitFor();

    await page.locator("#guideline").fill('[severity]\n"inclusion.gendered-greeting" = "loud"\n');
    await page.locator("#guideline-status .guideline-error", { hasText: /^Line 2, column \d+: / }).waitFor();
    assert.equal(await page.locator("#guideline-editor .line-mark").textContent(), '"inclusion.gendered-greeting" = "loud"');
    await page.locator("#guideline-status button", { hasText: "Go to line 2" }).click();
    const caretLine = await page.locator("#guideline").evaluate((ta) => ta.value.slice(0, ta.selectionStart).split("\n").length);
    assert.equal(caretLine, 2);
    await page.close();
  });

  test("an uploaded guideline adds its rules; severity changes apply", T, async () => {
    const { page } = await openPage(browser.context, server.url);
    await typeDraft(page, "Hey guys, cheap tickets!");
    await page.locator('mark[data-rule="inclusion.gendered-greeting"]').waitFor();
    const file = join(tmpdir(), `postlint-guideline-${process.pid}.toml`);
    writeFileSync(
      file,
      [
        "[[rules]]",
        'id = "hha.cheap"',
        'category = "branding"',
        'severity = "error"',
        "message = \"Say 'affordable', not 'cheap'.\"",
        'terms = ["cheap"]',
        'suggest = ["affordable"]',
        "",
        "[severity]",
        '"inclusion.gendered-greeting" = "error"',
        "",
      ].join("\n"),
    );
    await page.setInputFiles("#guideline-file", file);
    await page.locator('mark[data-rule="hha.cheap"][data-severity="error"]').waitFor();
    await page.locator('mark[data-rule="inclusion.gendered-greeting"][data-severity="error"]').waitFor();
    await page.locator("#guideline-status .guideline-ok", { hasText: "1 of them your own" }).waitFor();
    assert.match(await page.locator("#guideline").inputValue(), /hha\.cheap/);
    await page.close();
  });

  test("packs: unticking one turns its rules off; a guideline with extends decides which packs exist", T, async () => {
    const { page } = await openPage(browser.context, server.url);
    await typeDraft(page, "Hey guys!!!");
    await page.locator('mark[data-rule="inclusion.gendered-greeting"]').waitFor();
    await page.locator('mark[data-rule="style.repeated-exclamation"]').waitFor();

    await page.locator("#pack-inclusion").uncheck();
    await page.locator('mark[data-rule="inclusion.gendered-greeting"]').waitFor({ state: "detached" });
    await page.locator("#pack-inclusion").check();
    await page.locator('mark[data-rule="inclusion.gendered-greeting"]').waitFor();

    // The user's file loads two packs: the others are greyed out; unticking one still works.
    await page.locator("#guideline").fill('extends = ["inclusion", "style"]\n[severity]\n"style.long-sentence" = "warning"\n');
    await page.waitForFunction(() => document.querySelector("#pack-ethics").disabled);
    assert.equal(await page.locator("#pack-inclusion").isDisabled(), false);
    await page.locator("#pack-style").uncheck();
    await page.locator('mark[data-rule="style.repeated-exclamation"]').waitFor({ state: "detached" });
    await page.locator('mark[data-rule="inclusion.gendered-greeting"]').waitFor();
    assert.equal(await page.locator("#guideline-status .guideline-error").count(), 0);
    await page.close();
  });
});

describe("keyboard, layout and privacy", () => {
  test("keyboard only: Tab to the editor, type, Tab to a problem, Enter applies a fix", T, async () => {
    const { page } = await openPage(browser.context, server.url);
    await page.locator("body").focus();
    let presses = 0;
    while (!(await page.evaluate(() => document.activeElement?.id === "draft"))) {
      await page.keyboard.press("Tab");
      assert.ok(++presses < 15, "Tab never reached the draft");
    }
    await page.keyboard.type("Hey guys, the shop opens at 9.");
    await page.locator('mark[data-rule="inclusion.gendered-greeting"]').waitFor();
    await page.locator("#problems .fix").first().waitFor();
    presses = 0;
    while (!(await page.evaluate(() => document.activeElement?.matches("#problems .fix")))) {
      await page.keyboard.press("Tab");
      assert.ok(++presses < 10, "Tab never reached a fix");
    }
    // The focused control is visibly outlined.
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
    assert.notEqual(outline, "none");
    await page.keyboard.press("Enter");
    assert.equal(await draftValue(page), "Hey everyone, the shop opens at 9.");
    // Focus stays near (the next problem, or the Problems heading), not lost to <body>.
    await page.waitForFunction(() => document.activeElement !== document.body);
    await page.close();
  });

  test("no horizontal scrolling at 320 px; screenshots for the README", T, async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    for (const viewport of [
      { width: 320, height: 640 },
      { width: 360, height: 740 },
    ]) {
      const { page } = await openPage(browser.context, server.url, { viewport });
      await page.click("#sample");
      await page.locator('mark[data-rule="inclusion.gendered-greeting"]').waitFor();
      await page.locator("#guideline").fill("[severity]\n\"nonsense\" = \"off\"\n"); // the error box must fit too
      await page.locator("#guideline-status .guideline-error").waitFor();
      const widths = await page.evaluate(() => ({
        scroll: document.documentElement.scrollWidth,
        client: document.documentElement.clientWidth,
      }));
      assert.ok(widths.scroll <= widths.client, `${viewport.width}px: ${JSON.stringify(widths)}`);
      if (viewport.width === 360) {
        await page.locator("#guideline").fill("");
        await page.evaluate(() => window.scrollTo(0, 0));
        await page.waitForTimeout(300);
        await page.screenshot({ path: join(SCREENSHOTS, "web-demo-phone.png") });
      }
      await page.close();
    }

    const { page } = await openPage(browser.context, server.url, { viewport: { width: 1280, height: 800 } });
    await page.click("#sample");
    await page.locator('mark[data-rule="privacy.email-address"]').waitFor();
    await page.locator("#draft").blur();
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(SCREENSHOTS, "web-demo.png") });
    await page.close();
  });

  test("no request leaves the page after load; everything loaded is same-origin", T, async () => {
    const { page, requests, errors } = await openPage(browser.context, server.url);
    const origin = new URL(server.url).origin;
    assert.ok(requests.length > 0);
    for (const url of requests) assert.equal(new URL(url).origin, origin, url);
    assert.ok(requests.some((u) => u.endsWith("/pkg/postlint_wasm_bg.wasm")));

    const later = [];
    const record = (request) => later.push(request.url());
    browser.context.on("request", record);
    try {
      await page.click("#sample");
      await page.locator('mark[data-rule="inclusion.gendered-greeting"]').waitFor();
      await page.locator("#draft").press("End");
      await page.locator("#draft").pressSequentially(" More text, typed by hand, to check again.");
      await page.locator("#problems .fix").first().click();
      await page.click("#undo");
      await page.selectOption("#format", "markdown");
      await page.locator("#platform-list label", { hasText: /^Mastodon$/ }).click();
      await page.locator('.card[data-platform="mastodon"]').waitFor();
      await page.locator("#guideline").fill('[hashtags]\nrequired = ["#Turkana"]\n');
      await page.locator("#guideline-status .guideline-ok").waitFor();
      await page.locator("#problems button.link").first().click(); // "Why?" dialog
      await page.locator("#explain[open]").waitFor();
      await page.keyboard.press("Escape");
      await page.waitForTimeout(500);
    } finally {
      browser.context.off("request", record);
    }
    assert.deepEqual(later, []);
    assert.deepEqual(errors, []); // includes CSP violations, which Chromium logs as errors
    await page.close();
  });

  test("choices are remembered across a reload", T, async () => {
    const { page } = await openPage(browser.context, server.url);
    await typeDraft(page, "Hey guys, remember me");
    await page.selectOption("#format", "markdown");
    await page.locator("#platform-list label", { hasText: /^Threads$/ }).click();
    await page.locator("#pack-style").uncheck();
    await page.locator("#guideline").fill('[hashtags]\nbanned = ["#blessed"]\n');
    await page.waitForTimeout(800); // saving is debounced
    await page.reload();
    await page.locator('.card[data-platform="threads"]').waitFor();
    assert.equal(await draftValue(page), "Hey guys, remember me");
    assert.equal(await page.locator("#format").inputValue(), "markdown");
    assert.equal(await page.locator("#pack-style").isChecked(), false);
    assert.match(await page.locator("#guideline").inputValue(), /#blessed/);
    await page.locator('mark[data-rule="inclusion.gendered-greeting"]').waitFor();
    await page.close();
  });

  test("a 3,500-character draft: typing is not blocked by checking", T, async () => {
    const { page } = await openPage(browser.context, server.url);
    await page.click("#sample");
    await page.locator('mark[data-rule="inclusion.gendered-greeting"]').waitFor();
    const long = await page.evaluate(() => {
      const ta = document.querySelector("#draft");
      ta.value = ta.value.repeat(7);
      const started = performance.now();
      ta.dispatchEvent(new Event("input", { bubbles: true }));
      return { length: ta.value.length, inputMs: performance.now() - started };
    });
    assert.ok(long.length > 3500);
    assert.ok(long.inputMs < 100, `the input handler took ${long.inputMs} ms`);
    await page.waitForFunction(() => document.querySelectorAll('mark[data-rule="inclusion.gendered-greeting"]').length === 7);
    // Keystrokes at the end are handled at once, while checks run in the worker.
    const ms = await page.evaluate(async () => {
      const ta = document.querySelector("#draft");
      ta.focus();
      ta.setSelectionRange(ta.value.length, ta.value.length);
      let worst = 0;
      for (const ch of "typing quickly") {
        const started = performance.now();
        ta.value += ch;
        ta.dispatchEvent(new Event("input", { bubbles: true }));
        worst = Math.max(worst, performance.now() - started);
        await new Promise((r) => setTimeout(r, 20));
      }
      return worst;
    });
    assert.ok(ms < 50, `a keystroke took ${ms} ms`);
    await page.close();
  });

  test("a module that fails to load is reported in the page", T, async () => {
    const context = browser.context;
    const block = (route) => route.fulfill({ status: 404, body: "not found" });
    await context.route("**/pkg/postlint_wasm_bg.wasm", block);
    const page = await context.newPage();
    try {
      await page.goto(server.url);
      const banner = page.locator("#load-error");
      await banner.waitFor({ state: "visible", timeout: 20000 });
      assert.match(await banner.textContent(), /could not start/);
      assert.match(await page.locator("#status").textContent(), /not available/);
    } finally {
      await context.unroute("**/pkg/postlint_wasm_bg.wasm", block);
      await page.close();
    }
  });
});
