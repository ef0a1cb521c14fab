// A third-party JUnit reader (the npm junit2json, which CI dashboards use to load JUnit
// into databases) must read racelab's junit.xml as racelab meant it: one testcase per cell
// of results.json with the same case and program/tool, a <failure> exactly for fail and
// xpass cells, an <error> for error cells, a <skipped> for skip cells, and totals that add
// up to the testcases read.
// usage: node read_junit.mjs OUT_DIR   (reads OUT_DIR/junit.xml and OUT_DIR/results.json)
import { parse } from 'junit2json';
import { readFileSync } from 'node:fs';

const out = process.argv[2];
if (!out) {
  console.error('usage: node read_junit.mjs OUT_DIR');
  process.exit(2);
}
const junit = await parse(readFileSync(`${out}/junit.xml`, 'utf8'));
const results = JSON.parse(readFileSync(`${out}/results.json`, 'utf8'));
const problems = [];

const read = new Map(); // "case program/tool" -> testcase as junit2json gives it
for (const suite of junit.testsuite ?? []) {
  for (const testcase of suite.testcase ?? []) {
    const key = `${testcase.classname} ${testcase.name}`;
    if (read.has(key)) problems.push(`testcase ${key} read twice`);
    read.set(key, testcase);
  }
}

const element = { fail: 'failure', xpass: 'failure', error: 'error', skip: 'skipped' };
const totals = { tests: 0, failures: 0, errors: 0 };
for (const cell of results.cells) {
  const key = `${cell.case} ${cell.program}/${cell.tool}`;
  const testcase = read.get(key);
  if (!testcase) {
    problems.push(`no testcase for cell ${key}`);
    continue;
  }
  read.delete(key);
  totals.tests++;
  totals.failures += element[cell.verdict] === 'failure';
  totals.errors += cell.verdict === 'error';
  for (const kind of ['failure', 'error', 'skipped']) {
    const has = Array.isArray(testcase[kind]) && testcase[kind].length > 0;
    if (has !== (element[cell.verdict] === kind))
      problems.push(`cell ${key} (${cell.verdict}): <${kind}> ${has ? 'present' : 'missing'}`);
  }
}
for (const key of read.keys()) problems.push(`testcase ${key} is no cell of results.json`);
for (const [name, value] of Object.entries(totals))
  if (junit[name] !== value) problems.push(`testsuites ${name}=${junit[name]}, cells say ${value}`);

for (const p of problems) console.error(`read_junit: ${out}: ${p}`);
if (problems.length) process.exit(1);
console.log(`read_junit: junit2json read ${totals.tests} testcases of ${out}/junit.xml, ` +
            `${totals.failures} failing, as results.json says`);
