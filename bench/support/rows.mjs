// Every bench reports its rows here too, so `npm run bench` can end with one table of every figure next to
// its limit and target (issue 8: "prints every row").
const MARK = 'BENCH-ROW ';

/**
 * row: { what, figure, limit, ratio, target, met } — figure/limit/ratio/target are display strings, met a boolean
 * (or null where a row has no target). Printed as one marked JSON line that bench/run.mjs collects.
 */
export function reportRow(bench, row) {
  process.stdout.write(`${MARK}${JSON.stringify({ bench, ...row })}\n`);
}

export function parseRow(line) {
  if (!line.startsWith(MARK)) return null;
  try {
    return JSON.parse(line.slice(MARK.length));
  } catch {
    return null;
  }
}

/** Markdown table of rows: the summary printed at the end and written to docs/benchmarks.md. */
export function rowsTable(rows) {
  const verdict = (r) => (r.met === null || r.met === undefined ? '–' : r.met ? 'met' : '**missed**');
  const cell = (v) => String(v ?? '–').replaceAll('|', '\\|');
  return [
    '| bench | what | figure | limit in the same run | ratio | target | verdict |',
    '|---|---|---:|---|---:|---|---|',
    ...rows.map((r) => `| ${cell(r.bench)} | ${cell(r.what)} | ${cell(r.figure)} | ${cell(r.limit)} | ${cell(r.ratio)} | ${cell(r.target)} | ${verdict(r)} |`),
  ].join('\n');
}
