// Opens out/report/index.html and every case page in headless Chromium (Debian's
// /usr/bin/chromium, never a downloaded browser) and checks through the DOM that the report
// says what results.json says: every cell in the heatmap with the right word, and the
// scoreboard's numbers as computed here, independently, from results.json. Saves a
// screenshot of the index; any console error or page error fails the check.
// usage: node check_report.mjs OUT_DIR SCREENSHOT.png
import { readFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const [outDir, screenshot] = process.argv.slice(2);
if (!outDir || !screenshot) {
  console.error('usage: node check_report.mjs OUT_DIR SCREENSHOT.png');
  process.exit(2);
}
const results = JSON.parse(readFileSync(join(outDir, 'results.json'), 'utf8'));
const problems = [];
const problem = (text) => problems.push(text);

// ---- what the report must say, from results.json alone --------------------------------
const realReport = (e) => e && e.reports.some((r) => !r.false_alarm);
function expectedWord(cell) {
  const e = cell.expected;
  const counted = (word) => (cell.runs > 0 ? `${word} ${cell.detected_runs}/${cell.runs}` : word);
  switch (cell.verdict) {
    case 'skip': return 'skip';
    case 'error': return 'ERROR';
    case 'xpass': return counted('XPASS');
    case 'fail':
      return counted(e && e.type === 'detect' && realReport(e) && cell.detected_runs === 0
        ? 'MISSED' : 'FAIL');
  }
  switch (e && e.type) {
    case 'detect': return counted(realReport(e) ? 'caught' : 'false alarm');
    case 'blind': return 'blind';
    case 'clean': return 'clean';
    case 'manifest': return counted('bug shows');
    case 'correct': return 'correct';
    case 'hang': return counted('hangs');
  }
  return counted('FAIL');
}

// A tool is judged on reports unless its expectations are about the program's own check.
const nativeTypes = new Set(['manifest', 'correct', 'hang']);
function scoreboard() {
  const scores = new Map();
  for (const cell of results.cells) {
    if (cell.expected && nativeTypes.has(cell.expected.type)) continue;
    if (!scores.has(cell.tool)) scores.set(cell.tool, { bugs: 0, caught: 0, blind: 0, safe: 0, fa: 0 });
    if (cell.verdict === 'skip' || cell.verdict === 'error' || cell.runs === 0) continue;
    const s = scores.get(cell.tool);
    const onlyAlarms = cell.expected && cell.expected.type === 'detect' && !realReport(cell.expected);
    const flagged = 2 * cell.detected_runs > cell.runs;
    if (cell.variant === 'unsafe') {
      s.bugs++;
      if (flagged && !onlyAlarms) s.caught++; else s.blind++;
    } else if (cell.variant === 'safe') {
      s.safe++;
      if (flagged) s.fa++;
    }
  }
  return scores;
}
const ratio = (num, den) => (den === 0 ? 'n/a' : (num / den).toFixed(3));
function expectedScoreRow(s) {
  const p = s.caught + s.fa === 0 ? null : s.caught / (s.caught + s.fa);
  const r = s.bugs === 0 ? null : s.caught / s.bugs;
  const f1 = p === null || r === null ? 'n/a' : p + r === 0 ? (0).toFixed(3) : ((2 * p * r) / (p + r)).toFixed(3);
  return {
    caught: `${s.caught} / ${s.bugs}`, blind: `${s.blind} / ${s.bugs}`,
    false_alarms: `${s.fa} / ${s.safe}`, precision: ratio(s.caught, s.caught + s.fa),
    recall: ratio(s.caught, s.bugs), f1,
  };
}

// ---- the browser ------------------------------------------------------------------------
const profile = mkdtempSync(join(tmpdir(), 'racelab-chromium-'));
const browser = await chromium.launchPersistentContext(profile, {
  executablePath: '/usr/bin/chromium',
  headless: true,
  viewport: { width: 1400, height: 1000 },
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage();
  page.on('console', (msg) => { if (msg.type() === 'error') problem(`console error on ${page.url()}: ${msg.text()}`); });
  page.on('pageerror', (err) => problem(`page error on ${page.url()}: ${err.message}`));
  page.on('requestfailed', (req) => problem(`request failed: ${req.url()}`));
  const index = pathToFileURL(resolve(outDir, 'report', 'index.html')).href;
  await page.goto(index);

  // every cell, with its word
  const shown = await page.$$eval('#heatmap td.cell', (tds) => tds.map((td) => ({
    key: `${td.dataset.case}/${td.dataset.program}/${td.dataset.tool}`,
    word: td.querySelector('.word')?.textContent ?? null,
  })));
  const byKey = new Map(shown.map((c) => [c.key, c.word]));
  if (shown.length !== results.cells.length)
    problem(`heatmap has ${shown.length} cells, results.json ${results.cells.length}`);
  for (const cell of results.cells) {
    const key = `${cell.case}/${cell.program}/${cell.tool}`;
    const want = expectedWord(cell);
    if (!byKey.has(key)) problem(`no heatmap cell for ${key}`);
    else if (byKey.get(key) !== want) problem(`${key}: heatmap says '${byKey.get(key)}', results.json means '${want}'`);
  }

  // the scoreboard
  const rows = await page.$$eval('#scoreboard tbody tr', (trs) => trs.map((tr) => {
    const fields = {};
    for (const td of tr.querySelectorAll('td[data-field]')) fields[td.dataset.field] = td.textContent;
    return { tool: tr.dataset.tool, fields };
  }));
  const scores = scoreboard();
  if (rows.length !== scores.size) problem(`scoreboard has ${rows.length} tools, results.json ${scores.size} detectors`);
  for (const row of rows) {
    if (!scores.has(row.tool)) { problem(`scoreboard row for unknown tool ${row.tool}`); continue; }
    const want = expectedScoreRow(scores.get(row.tool));
    for (const [field, value] of Object.entries(want))
      if (row.fields[field] !== value) problem(`scoreboard ${row.tool} ${field}: '${row.fields[field]}', results.json gives '${value}'`);
  }
  const bars = await page.$$eval('#scoreboard-chart g[data-tool]', (gs) => gs.length);
  if (bars !== scores.size) problem(`the chart draws ${bars} tools, not ${scores.size}`);

  await page.screenshot({ path: screenshot, fullPage: true });

  // every case page exists, opens cleanly and has a section for each of its cells
  const links = await page.$$eval('#cases a', (as) => as.map((a) => a.href));
  const cases = new Set(results.cells.map((c) => c.case));
  if (links.length !== cases.size) problem(`${links.length} case links, ${cases.size} cases`);
  for (const href of links) {
    await page.goto(href);
    const name = decodeURIComponent(href.split('/').pop().replace(/\.html$/, ''));
    const ids = new Set(await page.$$eval('[id]', (els) => els.map((e) => e.id)));
    for (const cell of results.cells.filter((c) => c.case === name)) {
      const id = `cell-${cell.program}-${cell.tool}`.replace(/[^A-Za-z0-9_-]/g, '_');
      if (!ids.has(id)) problem(`${name}.html has no section ${id}`);
    }
    const broken = await page.$$eval('a[href^="#"]', (as) => as.map((a) => a.getAttribute('href').slice(1))
      .filter((id) => !document.getElementById(id)));
    for (const id of broken) problem(`${name}.html links to #${id}, which is not there`);
    if (!(await page.$('#lesson'))) problem(`${name}.html has no rendered README`);
  }
} finally {
  await browser.close();
  rmSync(profile, { recursive: true, force: true });
}
if (problems.length) {
  for (const p of problems) console.error(`check_report: ${p}`);
  process.exit(1);
}
console.log(`check_report: ok: ${results.cells.length} cells and the scoreboard match results.json; screenshot ${screenshot}`);
