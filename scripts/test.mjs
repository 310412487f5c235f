#!/usr/bin/env node
// The project's one test command (`npm test`, and what CI runs): lint every
// project, type-check them all at once (jest only transpiles), build the CLI (specs run `itsm` as users do), make sure the local Kafka
// broker runs, run the whole jest suite once from the root, print the ten slowest
// suites, and end with one total line "N passed, N failed[, N skipped]".
// Extra arguments go to jest (e.g. `npm test -- libs/messaging`); `--no-lint` skips lint and the type-check.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const kafkaScript = join(root, 'scripts', 'kafka.sh');
const isCi = process.env.CI === 'true' || process.env.CI === '1';

const args = process.argv.slice(2);
const skipLint = args.includes('--no-lint');
const jestArgs = args.filter((arg) => arg !== '--no-lint');

const baseEnv = {
  ...process.env,
  DATABASE_URL: process.env.DATABASE_URL || 'postgresql://postgres@127.0.0.1:5432/postgres',
  // Quiet known start-up notices that say nothing about our code.
  NX_PREFER_TS_NODE: 'true',
  KAFKAJS_NO_PARTITIONER_WARNING: '1',
};

function heading(text) {
  console.log(`\n=== ${text} ===`);
}

function run(command, commandArgs, options = {}) {
  const result = spawnSync(command, commandArgs, {
    cwd: root,
    stdio: 'inherit',
    env: baseEnv,
    ...options,
  });
  if (result.error) console.error(`${command}: ${result.error.message}`);
  return result.status ?? 1;
}

function kafka(subcommand, stdio = 'inherit') {
  return spawnSync('bash', [kafkaScript, subcommand], { cwd: root, stdio, env: baseEnv });
}

function lint() {
  if (skipLint) return 0;
  heading('lint (all projects)');
  return run('npx', ['nx', 'run-many', '-t', 'lint', '--outputStyle=static', '--parallel=2']);
}

/** Every project's sources and specs in one program: cheaper than type-checking inside each jest worker. */
function typecheck() {
  if (skipLint) return 0;
  heading('type-check (npm run typecheck)');
  return run('npm', ['run', '--silent', 'typecheck']);
}

/** Specs run `apps/cli/bin/itsm.js`, which builds the CLI when it is missing: build it once here, not in two workers at once. */
function buildCli() {
  heading('build the CLI (nx build cli)');
  return run('npx', ['nx', 'build', 'cli', '--output-style=static']);
}

/** Starts the local broker unless one already runs; returns whether we started it. */
function ensureKafka() {
  const localBrokers = kafka('env', 'pipe').stdout.toString().trim().replace(/^KAFKA_BROKERS=/, '');
  if (process.env.KAFKA_BROKERS && process.env.KAFKA_BROKERS !== localBrokers) {
    console.log(`Kafka: using KAFKA_BROKERS=${process.env.KAFKA_BROKERS}`);
    return false;
  }
  baseEnv.KAFKA_BROKERS = localBrokers;
  heading(`Kafka broker at ${localBrokers}`);
  if (kafka('status').status === 0) return false;
  if (kafka('start').status !== 0) {
    console.log('Kafka: the local broker did not start; Kafka integration specs will report it');
    return false;
  }
  return true;
}

function runJest() {
  heading('jest (all projects)');
  const outDir = mkdtempSync(join(tmpdir(), 'itsm-jest-'));
  const outputFile = join(outDir, 'results.json');
  const maxWorkers = process.env.JEST_MAX_WORKERS || '2';
  const status = run('npx', [
    'jest',
    ...(isCi ? ['--ci'] : []),
    `--maxWorkers=${maxWorkers}`,
    '--json',
    `--outputFile=${outputFile}`,
    ...jestArgs,
  ]);
  let results = null;
  try {
    results = JSON.parse(readFileSync(outputFile, 'utf8'));
  } catch {
    console.error('jest wrote no results: the suite failed to run');
  }
  rmSync(outDir, { recursive: true, force: true });
  return { status, results };
}

/** Suites that never ran their tests (syntax/type errors, throws at load) count as failures. */
function suitesThatFailedToRun(results) {
  return results.testResults.filter(
    (suite) => suite.status === 'failed' && !suite.assertionResults.some((t) => t.status === 'failed'),
  );
}

function describeFailures(results) {
  for (const suite of results.testResults) {
    const failed = suite.assertionResults.filter((t) => t.status === 'failed');
    for (const test of failed) console.log(`FAILED ${suite.name.replace(`${root}/`, '')} › ${test.fullName}`);
  }
  for (const suite of suitesThatFailedToRun(results)) {
    console.log(`FAILED TO RUN ${suite.name.replace(`${root}/`, '')}`);
  }
}

/** The suites that took longest, slowest first: where to look when the run gets slow. */
function printSlowestSuites(results, count = 10) {
  const seconds = (suite) => (suite.endTime - suite.startTime) / 1000;
  const slowest = [...results.testResults].sort((a, b) => seconds(b) - seconds(a)).slice(0, count);
  if (slowest.length === 0) return;
  heading(`the ${slowest.length} slowest suites`);
  console.table(slowest.map((suite) => ({ seconds: Number(seconds(suite).toFixed(1)), suite: suite.name.replace(`${root}/`, '') })));
}

function main() {
  const lintStatus = lint();
  const typecheckStatus = typecheck();
  const buildStatus = buildCli();
  const startedKafka = ensureKafka();
  let jest;
  try {
    jest = runJest();
  } finally {
    if (startedKafka) kafka('stop');
  }

  const { results } = jest;
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  let ok = lintStatus === 0 && typecheckStatus === 0 && buildStatus === 0 && jest.status === 0 && results !== null;
  if (results) {
    const brokenSuites = suitesThatFailedToRun(results).length;
    passed = results.numPassedTests;
    failed = results.numFailedTests + brokenSuites;
    skipped = results.numPendingTests + results.numTodoTests;
    ok &&= results.success && results.numFailedTestSuites === 0 && results.numRuntimeErrorTestSuites === 0;
    if (results.numTotalTests === 0) {
      console.log('jest ran no test');
      ok = false;
    }
    printSlowestSuites(results);
    heading('summary');
    describeFailures(results);
    if (brokenSuites > 0) console.log(`${brokenSuites} suite(s) failed to run; each counts as one failed test`);
  } else {
    failed = 1;
  }
  if (lintStatus !== 0) console.log('lint FAILED (see above)');
  if (typecheckStatus !== 0) console.log('the type-check FAILED (see above)');
  if (buildStatus !== 0) console.log('the CLI build FAILED (see above)');
  console.log(`${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`);
  process.exit(ok ? 0 : 1);
}

main();
