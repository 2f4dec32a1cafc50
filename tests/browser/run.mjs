// Browser tests: starts `marsad serve --ingest examples/news` on a free loopback port with a
// temporary store, drives Debian's Chromium through playwright-core, and saves a screenshot of
// each page to target/screenshots/. Fails (exit 1) on a missing element, a failed check or any
// console error. Binary: $MARSAD_BIN, else target/release/marsad.
import { spawn } from "node:child_process";
import { mkdtempSync, mkdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const repo = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const binary = process.env.MARSAD_BIN || join(repo, "target/release/marsad");
const shots = join(repo, "target/screenshots");
mkdirSync(shots, { recursive: true });

function freePort() {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.on("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => ok(port));
    });
  });
}

async function waitForHealth(base, server, seconds) {
  for (let i = 0; i < seconds * 4; i++) {
    if (server.exitCode !== null) throw new Error(`marsad serve exited with ${server.exitCode}`);
    try {
      const r = await fetch(`${base}/api/health`);
      if (r.ok) return await r.json();
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${base}/api/health did not answer within ${seconds} s`);
}

function check(condition, message) {
  if (!condition) throw new Error(message);
  console.log(`ok: ${message}`);
}

const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const store = mkdtempSync(join(tmpdir(), "marsad-browser-store-"));
const profile = mkdtempSync(join(tmpdir(), "marsad-browser-profile-"));
const server = spawn(binary, ["--store", store, "serve", "--ingest", join(repo, "examples/news"), "--addr", `127.0.0.1:${port}`], {
  stdio: ["ignore", "inherit", "inherit"],
});
let context;
let failed = false;
try {
  const health = await waitForHealth(base, server, 180);
  check(health.articles > 0, `server on ${base} holds ${health.articles} articles`);

  context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    viewport: { width: 1280, height: 900 },
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync"],
  });
  const page = context.pages()[0] || (await context.newPage());
  const errors = [];
  page.on("console", (m) => { if (m.type() === "error") errors.push(`${page.url()}: ${m.text()}`); });
  page.on("pageerror", (e) => errors.push(`${page.url()}: ${e.message}`));
  const shot = async (name, fullPage = true) => {
    await page.screenshot({ path: join(shots, `${name}.png`), fullPage });
    console.log(`   screenshot target/screenshots/${name}.png`);
  };

  // Home: RTL, Arabic, the embedded font in use.
  await page.goto(`${base}/`);
  check((await page.getAttribute("html", "dir")) === "rtl" && (await page.getAttribute("html", "lang")) === "ar", "home is lang=ar dir=rtl");
  await page.evaluate(() => document.fonts.ready);
  const faces = await page.evaluate(() => Array.from(document.fonts).filter((f) => f.family.includes("Marsad Naskh") && f.status === "loaded").length);
  check(faces >= 1, `the embedded Naskh font is loaded (${faces} faces)`);
  check((await page.locator(".home .chip").count()) > 0, "home lists entities to start from");
  await shot("home");

  // Search with the box.
  await page.fill('form.search input[name="q"]', "الهدنة");
  await Promise.all([page.waitForURL(/\?q=/), page.click("form.search button")]);
  const hits = await page.locator("li.hit").count();
  check(hits > 0, `search finds ${hits} hits`);
  check((await page.locator("li.hit mark").count()) > 0, "snippets highlight the matches");
  check((await page.locator("aside.facets form.range").count()) === 1, "the date range facet is shown");
  await shot("search");

  // examples/news has no outlets or publication dates, and no person in these hits: those facets are
  // not required here.
  for (const facet of ["place", "organisation", "event-type", "story"]) {
    const values = await page.locator(`aside.facets section.facet-${facet} li`).count();
    check(values > 0, `the ${facet} facet lists ${values} values with counts`);
  }

  // Narrow by an entity facet, then by an event type on top of it, then come back to the plain search.
  const searchUrl = page.url();
  const entityFacet = "aside.facets :is(section.facet-person, section.facet-place, section.facet-organisation) a";
  await Promise.all([page.waitForURL(/entity=/), page.locator(entityFacet).first().click()]);
  check((await page.locator("p.filters a.chip.active").count()) === 1, "an entity facet narrows the search and shows as an active filter");
  await shot("search-entity-facet");
  const narrowed = await page.locator("li.hit").count();
  await Promise.all([page.waitForURL(/event_type=/), page.locator("aside.facets section.facet-event-type a").first().click()]);
  const byType = await page.locator("li.hit").count();
  check((await page.locator("p.filters a.chip.active").count()) === 2 && byType > 0 && byType <= narrowed,
    `an event-type facet narrows further (${narrowed} → ${byType} hits), both filters active`);
  await shot("search-event-type-facet");
  await page.goto(searchUrl);

  // The first hit's article: layers, then one toggled off.
  await Promise.all([page.waitForURL(/\/article\//), page.click("li.hit h2 a")]);
  check((await page.locator("#article-text .ent").count()) > 0, "article marks entities");
  check((await page.locator("#article-text .tim").count()) > 0, "article marks times");
  await shot("article");
  await page.uncheck('input[data-layer="ent"]');
  check(await page.evaluate(() => document.getElementById("article-text").classList.contains("hide-ent")), "unchecking the entity toggle hides that layer");
  const background = await page.evaluate(() => getComputedStyle(document.querySelector("#article-text a.ent")).backgroundColor);
  check(background === "rgba(0, 0, 0, 0)", `hidden entities have no background (${background})`);
  await shot("article-entities-hidden");
  const articleUrl = page.url();

  // Follow an entity from the text.
  await Promise.all([page.waitForURL(/\/entity\//), page.click("#article-text a.ent")]);
  check((await page.locator("section.entity h1").count()) === 1, `entity page ${decodeURIComponent(page.url())}`);
  // Articles without a publication date (examples/news) give a note instead of a chart.
  const bars = await page.locator("figure.chart rect").count();
  const undated = await page.locator(".no-dates").count();
  check(bars > 0 || undated === 1, `entity page draws mentions over time (${bars} bars) or says why not`);
  await shot("entity");

  // Back to the article, follow its story.
  await page.goto(articleUrl);
  await Promise.all([page.waitForURL(/\/story\//), page.click("a.story-link")]);
  check((await page.locator("section.story h1").count()) === 1, `story page ${page.url()}`);
  check((await page.locator("ol.timeline li").count()) > 0, "story lists its articles");
  await shot("story");

  // Events, and the CSV export it links to.
  await page.goto(`${base}/events`);
  const rows = await page.locator("table.events tbody tr").count();
  check(rows > 0, `events table has ${rows} rows`);
  await shot("events", false);
  const dots = await page.locator("figure.map svg circle.place").count();
  check(dots > 0, `the events map draws ${dots} places`);
  await page.locator("figure.map").screenshot({ path: join(shots, "events-map.png") });
  console.log("   screenshot target/screenshots/events-map.png");
  await Promise.all([page.waitForURL(/place=/), page.locator("figure.map svg a").first().dispatchEvent("click")]);
  check((await page.locator("table.events tbody tr").count()) > 0, "a place on the map lists its events");
  const csvHref = await page.getAttribute('a[href*="format=csv"]', "href");
  const csv = await page.request.get(`${base}${csvHref}`);
  check(csv.ok() && csv.headers()["content-type"].startsWith("text/csv"), "the CSV export link answers CSV");

  const api = await page.request.get(`${base}/openapi.json`);
  check(api.ok() && (await api.json()).openapi.startsWith("3."), "/openapi.json is an OpenAPI 3 document");

  check(errors.length === 0, `no console errors${errors.length ? ":\n" + errors.join("\n") : ""}`);
} catch (e) {
  failed = true;
  console.error(`FAILED: ${e.message}`);
} finally {
  if (context) await context.close();
  server.kill("SIGINT");
  await new Promise((r) => (server.exitCode !== null ? r() : server.on("exit", r)));
  rmSync(store, { recursive: true, force: true });
  rmSync(profile, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
