// Independent check of a TinyODE run folder: DuckDB (not Java) reads the Parquet tables, recomputes top-1
// accuracy per backend from predictions-*.parquet and compares it with summary.parquet; also checks that
// answered + dead letters = selected examples. Usage: node check-run.mjs <run folder>. Exit 0 = consistent.
import { DuckDBInstance } from '@duckdb/node-api';
import path from 'node:path';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node check-run.mjs <run folder>');
  process.exit(2);
}
const q = (f) => `'${path.join(dir, f).replaceAll("'", "''")}'`;
const db = await DuckDBInstance.create(':memory:');
const con = await db.connect();
const rows = async (sql) => (await con.runAndReadAll(sql)).getRowObjectsJson();

const recomputed = await rows(`
  SELECT backend, count(*) AS answered, sum(CASE WHEN correct THEN 1 ELSE 0 END) AS correct,
         avg(CASE WHEN correct THEN 1.0 ELSE 0.0 END) AS accuracy,
         sum(len(stages)) AS stage_rows, sum(len(logits)) AS logit_values
  FROM read_parquet(${q('predictions-*.parquet')}) WHERE label >= 0 GROUP BY backend ORDER BY backend`);
const summary = await rows(`SELECT backend, examples_selected, examples_answered, failures, correct, accuracy
  FROM read_parquet(${q('summary.parquet')}) ORDER BY backend`);
const dead = await rows(`SELECT backend, step, count(*) AS n FROM read_parquet(${q('dead_letters-*.parquet')})
  GROUP BY backend, step ORDER BY backend, step`);

let ok = summary.length > 0;
const problems = [];
for (const s of summary) {
  const r = recomputed.find((x) => x.backend === s.backend);
  if (!r) {
    ok = false;
    problems.push(`${s.backend}: no predictions`);
    continue;
  }
  if (Number(r.correct) !== Number(s.correct) || Math.abs(Number(r.accuracy) - Number(s.accuracy)) > 1e-12) {
    ok = false;
    problems.push(`${s.backend}: DuckDB accuracy ${r.accuracy} (${r.correct}) != summary ${s.accuracy} (${s.correct})`);
  }
  const failed = dead.filter((d) => d.backend === '' || d.backend === s.backend).reduce((a, d) => a + Number(d.n), 0);
  if (Number(r.answered) + failed !== Number(s.examples_selected)) {
    ok = false;
    problems.push(`${s.backend}: ${r.answered} answered + ${failed} dead letters != ${s.examples_selected} selected`);
  }
}
console.log(JSON.stringify({ ok, recomputed, summary, dead_letters: dead, problems }, null, 1));
process.exit(ok ? 0 : 1);
