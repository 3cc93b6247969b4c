// Plain-text tables and number formatting for the report.
export function fmtRate(x: number | null | undefined): string {
  if (x === null || x === undefined || !isFinite(x)) return 'n/a';
  if (x >= 1e6) return (x / 1e6).toFixed(2) + 'M';
  if (x >= 1e4) return Math.round(x / 1e3) + 'k';
  if (x >= 1e3) return (x / 1e3).toFixed(1) + 'k';
  if (x >= 10) return Math.round(x).toString();
  return x.toFixed(1);
}

export function fmtNs(x: number | null | undefined): string {
  if (x === null || x === undefined || !isFinite(x)) return 'n/a';
  if (x >= 1e6) return (x / 1e6).toFixed(1) + ' ms';
  if (x >= 1e4) return (x / 1e3).toFixed(1) + ' µs';
  return Math.round(x) + ' ns';
}

export function fmtRatio(x: number | null | undefined): string {
  if (x === null || x === undefined || !isFinite(x)) return 'n/a';
  if (x >= 100) return Math.round(x).toLocaleString('en-US') + '×';
  return x.toFixed(2) + '×';
}

export function fmtBytes(x: number | null | undefined): string {
  if (x === null || x === undefined || !isFinite(x)) return 'n/a';
  if (Math.abs(x) >= 1024 * 1024) return (x / 1024 / 1024).toFixed(2) + ' MB';
  if (Math.abs(x) >= 1024) return (x / 1024).toFixed(1) + ' KB';
  return Math.round(x) + ' B';
}

export function table(headers: string[], rows: (string | number)[][]): string {
  const cells = [headers, ...rows.map(r => r.map(String))];
  const widths = headers.map((_, i) => Math.max(...cells.map(r => (r[i] ?? '').length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(cells[0]), widths.map(w => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}
