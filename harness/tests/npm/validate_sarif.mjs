// Validates SARIF files with Microsoft's SARIF Multitool and its GitHub rules (the rule
// kinds "Sarif;Gh": the SARIF spec's rules and what GitHub code scanning requires). The
// Multitool ships as a self-contained .NET binary inside its npm package, so it runs
// offline once installed. It is spawned with an argument vector: the package's own bin.js
// goes through a shell, which splits "Sarif;Gh" at the semicolon.
// The Multitool exits 0 whatever it finds, so its findings are read from the SARIF log it
// writes (-o) into a private temporary folder, removed afterwards. (It finds nothing at all
// in a file holding a value outside one of SARIF's enumerations, such as a level "fatal":
// validate_outputs checks those.)
// usage: node validate_sarif.mjs [--expect-errors RULE,RULE...] FILE...
//   without --expect-errors: exit 0 when no file has an error-level finding, 1 otherwise;
//   with it: exit 0 only when the error findings are exactly those rules (a broken file
//   must be rejected, and for the reasons it was broken for).
import { createRequire } from 'node:module';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const args = process.argv.slice(2);
let expected = null;
if (args[0] === '--expect-errors') {
  expected = new Set(args[1].split(','));
  args.splice(0, 2);
}
if (args.length === 0) {
  console.error('usage: node validate_sarif.mjs [--expect-errors RULE,RULE...] FILE...');
  process.exit(2);
}
const multitool = createRequire(import.meta.url)('@microsoft/sarif-multitool');

// Ends with exit status 3: the Multitool itself could not do its work (no verdict on the
// file). Thrown rather than exiting, so that the temporary folder is removed first.
class CannotValidate extends Error {}

// The Multitool's findings on one file: [{level, rule, where, text}].
function findings(file) {
  const dir = mkdtempSync(join(tmpdir(), 'racelab-sarif-'));
  try {
    const log = join(dir, 'validation.sarif');
    const run = spawnSync(multitool, ['validate', '--rule-kind', 'Sarif;Gh', '-o', log, file],
      { encoding: 'utf8', maxBuffer: 64 << 20 });
    if (run.error || run.status !== 0)
      throw new CannotValidate(`${file}: the Multitool failed (${run.error ?? `exit ` +
                               `${run.status}`})\n${run.stdout}\n${run.stderr}`);
    const out = JSON.parse(readFileSync(log, 'utf8')).runs[0];
    const notes = (out.invocations ?? []).flatMap((i) => i.toolExecutionNotifications ?? []);
    if (!out.invocations?.every((i) => i.executionSuccessful) || notes.length)
      throw new CannotValidate(`${file}: the Multitool could not validate it: ` +
                               JSON.stringify(notes));
    const rules = new Map((out.tool.driver.rules ?? []).map((r) => [r.id, r]));
    return (out.results ?? []).map((r) => ({
      level: r.level ?? 'warning',
      rule: r.ruleId,
      where: r.locations?.[0]?.physicalLocation?.region?.startLine ?? '?',
      text: text(rules.get(r.ruleId), r.message),
    }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// A finding's message: its rule's message string with the arguments put in.
function text(rule, message) {
  const template = rule?.messageStrings?.[message.id]?.text;
  if (message.text || !template)
    return message.text ?? JSON.stringify(message.arguments ?? []);
  return template.replace(/\{(\d+)\}/g, (_, i) => message.arguments?.[Number(i)] ?? '');
}

const errors = new Set();
for (const file of args) {
  let found;
  try {
    found = findings(file);
  } catch (e) {
    if (!(e instanceof CannotValidate))
      throw e;
    console.error(e.message);
    process.exit(3);
  }
  for (const f of found)
    console.log(`${file}(${f.where}): ${f.level} ${f.rule}: ${f.text}`);
  for (const f of found.filter((x) => x.level === 'error'))
    errors.add(f.rule);
  const count = (level) => found.filter((x) => x.level === level).length;
  console.log(`${file}: ${count('error')} errors, ${count('warning')} warnings, ` +
              `${count('note')} notes (SARIF Multitool, rules Sarif;Gh)`);
}
if (expected === null)
  process.exit(errors.size ? 1 : 0);
const same = errors.size === expected.size && [...expected].every((r) => errors.has(r));
if (!same)
  console.error(`expected exactly the errors ${[...expected]} but found ${[...errors]}`);
process.exit(same ? 0 : 1);
