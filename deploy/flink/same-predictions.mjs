// Compares two runs' predictions with DuckDB (independent of the Java code that wrote them): the cluster run
// (first argument) must have the same rows as the reference DirectRunner run (second), joined on
// (example_id, backend): same top-1 and bit-identical logits; no row missing or duplicated; same summary
// accuracy per backend. Also checks that the cluster run really ran on FlinkRunner at the expected parallelism.
// Usage: node same-predictions.mjs <cluster run> <direct run> [min examples] [parallelism]
import { DuckDBInstance } from '@duckdb/node-api';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const [flinkDir, directDir, minExamples = '500', parallelism = '2'] = process.argv.slice(2);
if (!flinkDir || !directDir) {
  console.error('usage: node same-predictions.mjs <cluster run> <direct run> [min examples] [parallelism]');
  process.exit(2);
}
const lit = (d, f) => `'${path.join(d, f).replaceAll("'", "''")}'`;
const con = await (await DuckDBInstance.create(':memory:')).connect();
const one = async (sql) => (await con.runAndReadAll(sql)).getRowObjectsJson()[0];
await con.run(`CREATE VIEW f AS SELECT example_id, backend, top1, logits FROM read_parquet(${lit(flinkDir, 'predictions-*.parquet')})`);
await con.run(`CREATE VIEW d AS SELECT example_id, backend, top1, logits FROM read_parquet(${lit(directDir, 'predictions-*.parquet')})`);
const c = await one(`SELECT
  (SELECT count(*) FROM f) AS flink_rows, (SELECT count(*) FROM d) AS direct_rows,
  (SELECT count(DISTINCT (example_id, backend)) FROM f) AS flink_keys,
  (SELECT count(DISTINCT example_id) FROM f) AS examples,
  (SELECT count(DISTINCT backend) FROM f) AS backends,
  (SELECT count(*) FROM f JOIN d USING (example_id, backend)) AS joined,
  (SELECT count(*) FROM f JOIN d USING (example_id, backend) WHERE f.top1 = d.top1) AS same_top1,
  (SELECT count(*) FROM f JOIN d USING (example_id, backend) WHERE f.logits = d.logits) AS same_logits`);
const acc = (d) => `SELECT backend, accuracy, correct FROM read_parquet(${lit(d, 'summary.parquet')}) ORDER BY backend`;
const fAcc = JSON.stringify((await con.runAndReadAll(acc(flinkDir))).getRowObjectsJson());
const dAcc = JSON.stringify((await con.runAndReadAll(acc(directDir))).getRowObjectsJson());
const manifest = JSON.parse(readFileSync(path.join(flinkDir, 'run_manifest.json'), 'utf8'));

let passed = 0;
let failed = 0;
const check = (name, ok) => {
  ok ? passed++ : failed++;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}`);
};
const n = (x) => Number(x);
check(`cluster run ran on ${manifest.versions?.runner} with parallelism ${manifest.options?.parallelism}`,
  manifest.versions?.runner === 'FlinkRunner' && String(manifest.options?.parallelism) === parallelism);
check(`cluster run answered ${c.examples} examples x ${c.backends} backends (>= ${minExamples} examples)`,
  n(c.examples) >= n(minExamples));
check(`same number of prediction rows (${c.flink_rows} vs ${c.direct_rows})`, n(c.flink_rows) === n(c.direct_rows));
check(`no duplicated (example_id, backend) in the cluster run (${c.flink_keys} keys)`, n(c.flink_keys) === n(c.flink_rows));
check(`every row joins on (example_id, backend) (${c.joined})`, n(c.joined) === n(c.direct_rows));
check(`same top-1 on every row (${c.same_top1} of ${c.joined})`, n(c.same_top1) === n(c.joined));
check(`bit-identical logits on every row (${c.same_logits} of ${c.joined})`, n(c.same_logits) === n(c.joined));
check(`same summary accuracy per backend ${fAcc}`, fAcc === dAcc);
console.log(`flink vs direct: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
