#!/usr/bin/env node
// Compares the target summaries of two `npm run bench` runs (bench-results/summary.json), e.g. of two commits:
//   node tools/bench/compare.mjs before/summary.json after/summary.json
// Prints each target's figure in both runs, the change, and the verdicts. Exits 1 when a target met in the first
// run is missed in the second. See tools/bench/README.md ("Comparing two commits").
import { readFileSync } from 'node:fs';

const [beforePath, afterPath] = process.argv.slice(2);
if (!beforePath || !afterPath) {
  console.error('usage: node tools/bench/compare.mjs A/summary.json B/summary.json');
  process.exit(2);
}

const load = (path) => {
  const summary = JSON.parse(readFileSync(path, 'utf8'));
  if (!Array.isArray(summary.targets)) throw new Error(`${path} is not a bench summary (no "targets" list)`);
  return summary;
};
const before = load(beforePath);
const after = load(afterPath);

const keyOf = (target) => `${target.part} · ${target.figure}`;
const verdictOf = (target) => (target === undefined ? 'absent' : target.met === null ? 'n/a' : target.met ? 'met' : 'MISSED');
const ratioText = (target) => (target?.ratio === null || target?.ratio === undefined ? '' : ` (${Math.round(target.ratio * 100)}%)`);
const change = (a, b) => {
  if (typeof a?.amount !== 'number' || typeof b?.amount !== 'number' || a.amount === 0) return '';
  const delta = (b.amount / a.amount - 1) * 100;
  return `${delta >= 0 ? '+' : ''}${delta.toFixed(1)}%`;
};

const beforeByKey = new Map(before.targets.map((target) => [keyOf(target), target]));
const afterByKey = new Map(after.targets.map((target) => [keyOf(target), target]));
const keys = [...new Set([...beforeByKey.keys(), ...afterByKey.keys()])];

const rows = [['target', `A ${before.commit ?? ''}`, `B ${after.commit ?? ''}`, 'B vs A', 'verdict A → B']];
let regressions = 0;
for (const key of keys) {
  const a = beforeByKey.get(key);
  const b = afterByKey.get(key);
  if (a?.met === true && b?.met === false) regressions++;
  rows.push([`${key}\n  ${(b ?? a).target}`, `${a?.value ?? '—'}${ratioText(a)}`, `${b?.value ?? '—'}${ratioText(b)}`, change(a, b), `${verdictOf(a)} → ${verdictOf(b)}`]);
}

const load1 = (summary) => summary.machine?.loadAverage?.load1 ?? '?';
console.log(`A: ${beforePath} (${before.finishedAt}, scale ${before.scale}, load ${load1(before)})`);
console.log(`B: ${afterPath} (${after.finishedAt}, scale ${after.scale}, load ${load1(after)})`);
if (before.scale !== after.scale) console.log('note: the runs used different BENCH_SCALE values');
const widths = rows[0].map((_, column) => Math.max(...rows.flatMap((row) => row[column].split('\n').map((line) => line.length))));
for (const row of rows) {
  const lines = Math.max(...row.map((cell) => cell.split('\n').length));
  for (let line = 0; line < lines; line++) {
    console.log(row.map((cell, column) => (cell.split('\n')[line] ?? '').padEnd(widths[column])).join('  ').trimEnd());
  }
}
console.log(`\n${regressions === 0 ? 'no target went from met to missed' : `${regressions} target(s) went from met to missed`}`);
process.exitCode = regressions === 0 ? 0 : 1;
