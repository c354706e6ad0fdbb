// The notebook's Parquet reader: runs one SQL query (read from stdin) with DuckDB and prints the rows as JSON
// ({"columns": [...], "rows": [[...], ...]}; BIGINT as strings, lists as arrays). analysis.ipynb calls this
// through subprocess and turns the result into a pandas DataFrame.
import { DuckDBInstance } from '@duckdb/node-api';

let sql = '';
for await (const chunk of process.stdin) sql += chunk;
const con = await (await DuckDBInstance.create(':memory:')).connect();
const reader = await con.runAndReadAll(sql);
process.stdout.write(JSON.stringify({ columns: reader.columnNames(), rows: reader.getRowsJson() }));
