// The browser check can fail: on a copy of a real report with one heatmap word and one
// scoreboard number changed, check_report.mjs must exit 1 and name both.
// usage: node tampered_fails.mjs OUT_DIR
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const outDir = process.argv[2];
const work = mkdtempSync(join(tmpdir(), 'racelab-tampered-'));
let failed = false;
try {
  cpSync(outDir, work, { recursive: true });
  const index = join(work, 'report', 'index.html');
  const results = JSON.parse(readFileSync(join(work, 'results.json'), 'utf8'));
  let html = readFileSync(index, 'utf8');
  // the first cell's word, and the first scoreboard recall
  const word = /<span class="word">([^<]*)<\/span>/.exec(html);
  html = html.replace(word[0], '<span class="word">tampered</span>');
  const recall = /<td data-field="recall">([^<]*)<\/td>/.exec(html);
  html = html.replace(recall[0], '<td data-field="recall">9.999</td>');
  writeFileSync(index, html);
  const check = join(dirname(fileURLToPath(import.meta.url)), 'check_report.mjs');
  const run = spawnSync(process.execPath, [check, work, join(work, 'shot.png')], { encoding: 'utf8' });
  const said = run.stdout + run.stderr;
  const first = results.cells[0];
  const want = [`${first.case}/${first.program}/${first.tool}: heatmap says 'tampered'`, "recall: '9.999'"];
  if (run.status !== 1) { console.error(`tampered_fails: check exited ${run.status}, not 1:\n${said}`); failed = true; }
  for (const w of want)
    if (!said.includes(w)) { console.error(`tampered_fails: the check did not say "${w}":\n${said}`); failed = true; }
} finally {
  rmSync(work, { recursive: true, force: true });
}
if (failed) process.exit(1);
console.log('tampered_fails: ok: the check caught a changed word and a changed number');
