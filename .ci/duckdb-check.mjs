// Reads every table of a newsnlp output with DuckDB and checks the output
// contract from an independent engine: each table is readable with
// read_parquet, row counts match manifest.json, and for every token and
// entity substring(text, start + 1, "end" - start) is exactly its text.
// With JSONL (the output's `newsnlp export` folder) it also reads the
// export: row counts, integer offsets that slice the text. With README it
// runs every ```sql block of the README, its paths newsnlp-out/ and
// newsnlp-jsonl/ pointed at OUT and JSONL.
// Usage: node duckdb-check.mjs OUT [JSONL README]   (where @duckdb/node-api is installed)
import { DuckDBInstance } from '@duckdb/node-api';
import { readFileSync } from 'node:fs';

const [out, jsonl, readme] = process.argv.slice(2);
if (!out) {
  console.error('usage: node duckdb-check.mjs OUT');
  process.exit(2);
}
const manifest = JSON.parse(readFileSync(`${out}/manifest.json`, 'utf8'));
const instance = await DuckDBInstance.create(':memory:');
const conn = await instance.connect();
const one = async (sql) => (await conn.runAndReadAll(sql)).getRowObjectsJson()[0];
const tbl = (name) => `read_parquet('${out}/${name}/*.parquet')`;

let failures = 0;
const check = (ok, what) => {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failures++;
};

for (const name of ['documents', 'sentences', 'tokens', 'entities', 'quotes', 'errors']) {
  const { n } = await one(`SELECT count(*)::INTEGER AS n FROM ${tbl(name)}`);
  check(n === manifest.rows[name], `${name}: ${n} rows (manifest ${manifest.rows[name]})`);
}
for (const name of ['tokens', 'entities']) {
  const r = await one(`
    SELECT count(*)::INTEGER AS total,
           count(*) FILTER (WHERE substring(d.text, t.start + 1, t."end" - t.start) <> t.text)::INTEGER AS bad
    FROM ${tbl(name)} t JOIN ${tbl('documents')} d USING (doc_id)`);
  check(r.total > 0 && r.bad === 0, `${name}: ${r.total} spans, ${r.bad} that do not slice documents.text`);
}
const s = await one(`
  SELECT count(*)::INTEGER AS total,
         count(*) FILTER (WHERE trim(substring(d.text, s.start + 1, s."end" - s.start)) = '')::INTEGER AS bad
  FROM ${tbl('sentences')} s JOIN ${tbl('documents')} d USING (doc_id)`);
check(s.total > 0 && s.bad === 0, `sentences: ${s.total} spans, ${s.bad} empty`);
const z = await one(`
  WITH z AS (SELECT text, unnest(zones) AS zone FROM ${tbl('documents')})
  SELECT count(*)::INTEGER AS total,
         count(*) FILTER (WHERE zone.start < 0 OR zone."end" > length(text) OR zone.start >= zone."end")::INTEGER AS bad
  FROM z`);
check(z.total > 0 && z.bad === 0, `zones: ${z.total} zones read as a LIST of structs, ${z.bad} out of range`);
const t = await one(`SELECT typeof(published) AS ty FROM ${tbl('documents')} LIMIT 1`);
check(t.ty === 'TIMESTAMP WITH TIME ZONE', `documents.published is ${t.ty}`);

if (jsonl) {
  const js = (name) => `read_json('${jsonl}/${name}.jsonl')`;
  for (const name of ['documents', 'sentences', 'tokens', 'entities', 'quotes']) {
    const { n } = await one(`SELECT count(*)::INTEGER AS n FROM ${js(name)}`);
    check(n === manifest.rows[name], `export ${name}.jsonl: ${n} rows (manifest ${manifest.rows[name]})`);
  }
  const q = await one(`SELECT any_value(typeof(speaker_start)) AS ty, count(*)::INTEGER AS total,
      count(*) FILTER (WHERE substring(d.text, q.content_start + 1, q.content_end - q.content_start) <> q.content)::INTEGER AS bad,
      count(*) FILTER (WHERE q.speaker_start IS NOT NULL AND substring(d.text, q.speaker_start + 1, q.speaker_end - q.speaker_start) <> q.speaker)::INTEGER AS badspk
    FROM ${js('quotes')} q JOIN ${js('documents')} d USING (doc_id)`);
  check(q.ty === 'BIGINT' && q.total > 0 && q.bad === 0 && q.badspk === 0,
    `export quotes.jsonl: speaker_start is ${q.ty}; ${q.total} contents, ${q.bad} and ${q.badspk} speakers that do not slice documents.text`);
}
if (readme) {
  const blocks = [...readFileSync(readme, 'utf8').matchAll(/```sql\n([\s\S]*?)```/g)].map((m) => m[1]);
  check(blocks.length > 0, `README: ${blocks.length} sql blocks`);
  for (const [i, block] of blocks.entries()) {
    const sql = block.replaceAll('newsnlp-out/', `${out}/`).replaceAll('newsnlp-jsonl/', `${jsonl}/`);
    try {
      const rows = (await conn.runAndReadAll(sql)).getRowObjectsJson();
      check(rows.length > 0, `README sql block ${i + 1} (${block.split('\n')[0]}): ${rows.length} rows`);
    } catch (e) {
      check(false, `README sql block ${i + 1} (${block.split('\n')[0]}): ${e.message}`);
    }
  }
}

conn.closeSync();
if (failures > 0) {
  console.error(`duckdb-check: ${failures} failed`);
  process.exit(1);
}
console.log('duckdb-check: all passed');
