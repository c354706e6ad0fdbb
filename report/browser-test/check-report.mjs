// Browser test of a run's report.html: Debian's headless Chromium (driven by playwright-core, no browser download)
// opens the page from file://, the page must load without console errors, failed requests or page errors, its
// charts must be rendered SVG, and the key numbers in the DOM (data-key / data-value cells) must equal the run's
// summary tables as DuckDB reads them from Parquet (an independent reader). Writes a full-page PNG screenshot.
// Usage: node check-report.mjs <run folder> <screenshot.png>   Exit 0 = every check passed.
import { chromium } from 'playwright-core';
import { DuckDBInstance } from '@duckdb/node-api';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [dir, png] = process.argv.slice(2);
if (!dir || !png) {
  console.error('usage: node check-report.mjs <run folder> <screenshot.png>');
  process.exit(2);
}
const results = [];
const check = (name, ok, detail = '') => {
  results.push(ok);
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${ok || !detail ? '' : ': ' + detail}`);
};

// Expected values: DuckDB over the run's Parquet tables (not the Java code that wrote the page).
const db = await DuckDBInstance.create(':memory:');
const con = await db.connect();
const q = (f) => `'${path.join(dir, f).replaceAll("'", "''")}'`;
const rows = async (sql) => (await con.runAndReadAll(sql)).getRowObjectsJson();
const summary = await rows(`SELECT * FROM read_parquet(${q('summary.parquet')}) ORDER BY backend`);
const latency = await rows(`SELECT backend, stage, p50_ns, p99_ns FROM read_parquet(${q('latency.parquet')})
  WHERE stage = 'total'`);
const validity = JSON.parse(readFileSync(path.join(dir, 'validity.json'), 'utf8'));

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
const problems = [];
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  const url = pathToFileURL(path.resolve(dir, 'report.html')).href;
  const resp = await page.goto(url, { waitUntil: 'load' });
  check('page loaded', resp === null || resp.ok(), `status ${resp && resp.status()}`);
  check('no console errors, page errors or failed requests', problems.length === 0, problems.join('; '));
  check('no request besides the page itself', requests.every((u) => u === url), requests.join(', '));

  const dom = await page.evaluate(() => Object.fromEntries([...document.querySelectorAll('[data-key]')]
    .map((e) => [e.dataset.key, { value: e.dataset.value, text: e.textContent.trim() }])));
  const charts = await page.evaluate(() => [...document.querySelectorAll('figure > svg')].map((s) => {
    const r = s.getBoundingClientRect();
    return { id: s.id, w: r.width, h: r.height, shapes: s.querySelectorAll('path,rect,line,text').length };
  }));
  const backends = summary.map((s) => s.backend);
  check(`${charts.length} inline SVG charts rendered with size and content`, charts.length >= 4 + backends.length
    && charts.every((c) => c.w > 100 && c.h > 100 && c.shapes > 10), JSON.stringify(charts));
  check('validity status equals validity.json', dom['validity.status']?.text === validity.status,
    `${dom['validity.status']?.text} vs ${validity.status}`);

  for (const s of summary) {
    const k = `summary.${s.backend}.`;
    for (const c of ['examples_selected', 'examples_answered', 'failures', 'correct']) {
      const d = dom[k + c];
      check(`${s.backend} ${c} = ${s[c]}`, d && d.text === String(s[c]) && d.value === String(s[c]),
        JSON.stringify(d));
    }
    for (const c of ['accuracy', 'macro_accuracy']) {
      const d = dom[k + c];
      const shown = `${(100 * s[c]).toFixed(2)} %`;
      check(`${s.backend} ${c} = ${s[c]} (shown ${shown})`, d && Number(d.value) === s[c] && d.text === shown,
        JSON.stringify(d));
    }
    const e = dom[k + 'mean_energy_j'];
    check(`${s.backend} mean_energy_j = ${s.mean_energy_j}`, e && Number(e.value) === s.mean_energy_j,
      JSON.stringify(e));
    const l = latency.find((x) => x.backend === s.backend);
    const p50 = dom[`latency.${s.backend}.total.p50_ns`];
    check(`${s.backend} total latency p50 = ${l?.p50_ns} ns (shown ${(Number(l?.p50_ns) / 1e6).toFixed(3)} ms)`,
      l && p50 && p50.value === String(l.p50_ns) && p50.text === (Number(l.p50_ns) / 1e6).toFixed(3),
      JSON.stringify(p50));
  }
  await page.screenshot({ path: png, fullPage: true });
  check(`screenshot written to ${png}`, true);
} finally {
  await browser.close();
}
const failed = results.filter((r) => !r).length;
console.log(`report browser test: ${results.length - failed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
