// Sums the JSON reports of every runner into the one line CI reads: "N passed, N failed, N skipped".
// Usage: node .ci/summarize-reports.mjs <report.json>…  (vitest and Playwright reports, told apart by shape)
// Exits 1 when anything failed, a report is missing, or no test ran.
import { existsSync, readFileSync } from 'node:fs';

const files = process.argv.slice(2);
let passed = 0;
let failed = 0;
let skipped = 0;
const problems = [];
const failures = []; // "runner: file › test: first line of the error", printed above the sum so CI's tail names them

function firstLine(text) {
  return String(text ?? '')
    .replace(/\u001b\[[0-9;]*m/g, '')
    .split('\n')
    .map((line) => line.trim())
    .find((line) => line.length > 0) ?? '';
}

function read(file) {
  if (!file || !existsSync(file)) {
    problems.push(`report ${file} is missing`);
    return null;
  }
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    problems.push(`report ${file} is unreadable: ${error.message}`);
    return null;
  }
}

function addVitest(name, vitest) {
  passed += vitest.numPassedTests ?? 0;
  failed += vitest.numFailedTests ?? 0;
  skipped += (vitest.numPendingTests ?? 0) + (vitest.numTodoTests ?? 0);
  if ((vitest.numFailedTestSuites ?? 0) > 0 && (vitest.numFailedTests ?? 0) === 0) {
    failed += vitest.numFailedTestSuites; // a file that failed to load counts as failed
  }
  for (const file of vitest.testResults ?? []) {
    const where = String(file.name ?? '').replace(/^.*?\/(test|renderer)\//, '$1/');
    for (const test of file.assertionResults ?? []) {
      if (test.status === 'failed') failures.push(`${name}: ${where} › ${test.fullName ?? test.title}: ${firstLine(test.failureMessages?.[0])}`);
    }
    if (file.status === 'failed' && (file.assertionResults ?? []).length === 0) failures.push(`${name}: ${where}: ${firstLine(file.message)}`);
  }
  console.log(`${name}: ${vitest.numPassedTests ?? 0} passed, ${vitest.numFailedTests ?? 0} failed`);
}

function addPlaywright(name, playwright) {
  const s = playwright.stats ?? {};
  passed += (s.expected ?? 0) + (s.flaky ?? 0);
  failed += s.unexpected ?? 0;
  skipped += s.skipped ?? 0;
  if ((playwright.errors ?? []).length > 0 && (s.unexpected ?? 0) === 0) failed += playwright.errors.length;
  const visit = (suite, trail) => {
    const here = suite.title && !suite.title.endsWith('.ts') ? [...trail, suite.title] : trail;
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests ?? []) {
        const results = test.results ?? [];
        const last = results[results.length - 1];
        const label = `${name}: ${spec.file} › ${[...here, spec.title].join(' › ')}`;
        if (test.status === 'unexpected') failures.push(`${label}: ${firstLine(last?.error?.message)}`);
        else if (test.status === 'flaky') failures.push(`${label}: flaky (passed on retry; first: ${firstLine(results[0]?.error?.message)})`);
      }
    }
    for (const child of suite.suites ?? []) visit(child, here);
  };
  for (const suite of playwright.suites ?? []) visit(suite, []);
  for (const error of playwright.errors ?? []) failures.push(`${name}: ${firstLine(error.message)}`);
  console.log(`${name}: ${(s.expected ?? 0) + (s.flaky ?? 0)} passed (${s.flaky ?? 0} flaky), ${s.unexpected ?? 0} failed`);
}

if (files.length === 0) problems.push('no report given');
for (const file of files) {
  const report = read(file);
  if (!report) continue;
  const name = file.replace(/^.*\//, '').replace(/\.json$/, '');
  if ('numPassedTests' in report) addVitest(name, report);
  else if ('stats' in report) addPlaywright(name, report);
  else problems.push(`report ${file} is neither a vitest nor a Playwright report`);
}

for (const failure of failures) console.log(`ci: ${failure.slice(0, 400)}`);
for (const problem of problems) console.log(`ci: ${problem}`);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || passed === 0 || problems.length > 0 ? 1 : 0);
