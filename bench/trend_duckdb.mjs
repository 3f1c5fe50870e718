// DuckDB peer for bench/trend.sh: the monthly sums per customer and product
// of a gen_erp.py export (Chinese headers, UTF-8), with the same number and
// date forms acct reads (¥, thousands separators, (123) negatives;
// 2026-02-05, 2026/2/5, 2026年2月5日). Prints the number of groups and the
// grand total so the work cannot be skipped.
// Usage: node trend_duckdb.mjs EXPORT.csv  (run where @duckdb/node-api is installed)
import { DuckDBInstance } from '@duckdb/node-api';

const file = process.argv[2];
const db = await DuckDBInstance.create(':memory:');
const con = await db.connect();
const sql = `
WITH rows AS (
  SELECT trim("客户名称") AS customer, trim("物料名称") AS product,
         CAST(substr("单据日期", 1, 4) AS INTEGER) * 100
           + CAST(split_part(translate("单据日期", '/.年月日', '-----'), '-', 2) AS INTEGER) AS month,
         CAST(replace(replace(replace(replace(replace("价税合计", '¥', ''), '￥', ''), ',', ''), '(', '-'), ')', '') AS DECIMAL(18,4)) AS amount
  FROM read_csv('${file.replace(/'/g, "''")}', header = true, all_varchar = true)
), sums AS (
  SELECT customer, product, month, sum(amount) AS total FROM rows GROUP BY ALL
)
SELECT count(*) AS groups, sum(total) AS grand_total FROM sums`;
const reader = await con.runAndReadAll(sql);
console.log(JSON.stringify(reader.getRowObjectsJson()));
