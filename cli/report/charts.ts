// Inline SVG charts for the HTML report (no script, no network). Every bar is a <g> carrying its
// numbers as data attributes (data-label, data-value, data-capacity) and showing them as text, so a
// reader and a test see the same figures. All text is escaped here.
import escapeHtml from 'escape-html';

export interface Bar {
  label: string;
  value: number;
  /** A limit drawn as a tick on the bar's row (e.g. capacity over the run); null/absent = none. */
  capacity?: number | null;
}

const W = 760;
const LABEL = 190;
const VALUE = 90;
const ROW = 22;

const esc = (s: string | number) => escapeHtml(String(s));
const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));

/** Most bars one horizontal chart draws; beyond it, the ones with most leads (the tables list all). */
export const MAX_BARS = 60;

/**
 * Horizontal bars, one row per bar, with an optional capacity tick per row. Of more than MAX_BARS,
 * the MAX_BARS largest are drawn (in their given order) and the caption says how many are left out.
 */
export function barChart(id: string, title: string, all: Bar[]): string {
  let bars = all;
  if (all.length > MAX_BARS) {
    const keep = new Set([...all].sort((x, y) => y.value - x.value).slice(0, MAX_BARS));
    bars = all.filter(b => keep.has(b));
    title += ` — the ${MAX_BARS} largest of ${all.length}; every one is in the table`;
  }
  const max = Math.max(1, ...bars.map(b => Math.max(b.value, b.capacity ?? 0)));
  const span = W - LABEL - VALUE;
  const h = bars.length * ROW + 8;
  const rows = bars.map((b, i) => {
    const y = 4 + i * ROW;
    const w = (b.value / max) * span;
    const capAttr = b.capacity === null || b.capacity === undefined ? '' : ` data-capacity="${esc(b.capacity)}"`;
    const capTick =
      b.capacity === null || b.capacity === undefined
        ? ''
        : `<line class="cap" x1="${LABEL + (b.capacity / max) * span}" x2="${LABEL + (b.capacity / max) * span}" y1="${y}" y2="${y + ROW - 4}"><title>capacity ${esc(fmt(b.capacity))}</title></line>`;
    const capText = b.capacity === null || b.capacity === undefined ? '' : ` / ${esc(fmt(b.capacity))}`;
    return (
      `<g class="bar" data-label="${esc(b.label)}" data-value="${esc(b.value)}"${capAttr}>` +
      `<text class="label" x="${LABEL - 6}" y="${y + 14}" text-anchor="end">${esc(truncate(b.label, 28))}</text>` +
      `<rect x="${LABEL}" y="${y + 2}" width="${w.toFixed(1)}" height="${ROW - 8}"><title>${esc(b.label)}: ${esc(fmt(b.value))}</title></rect>` +
      capTick +
      `<text class="value" x="${W - VALUE + 6}" y="${y + 14}"><tspan class="n">${esc(fmt(b.value))}</tspan>${capText}</text>` +
      '</g>'
    );
  });
  return figure(
    id,
    title,
    `<svg viewBox="0 0 ${W} ${h}" width="${W}" height="${h}" role="img" aria-label="${esc(title)}">${rows.join('')}</svg>`,
  );
}

/** Vertical columns over a fixed axis (e.g. the 24 hours of a day). */
export function columnChart(id: string, title: string, bars: Bar[]): string {
  const H = 160;
  const top = 18;
  const bottom = 22;
  const max = Math.max(1, ...bars.map(b => b.value));
  const step = (W - 20) / Math.max(1, bars.length);
  const cols = bars.map((b, i) => {
    const x = 10 + i * step;
    const hgt = (b.value / max) * (H - top - bottom);
    const y = H - bottom - hgt;
    return (
      `<g class="bar" data-label="${esc(b.label)}" data-value="${esc(b.value)}">` +
      `<rect x="${(x + 2).toFixed(1)}" y="${y.toFixed(1)}" width="${(step - 4).toFixed(1)}" height="${hgt.toFixed(1)}"><title>${esc(b.label)}: ${esc(b.value)}</title></rect>` +
      `<text class="value n" x="${(x + step / 2).toFixed(1)}" y="${(y - 3).toFixed(1)}" text-anchor="middle">${esc(fmt(b.value))}</text>` +
      `<text class="label" x="${(x + step / 2).toFixed(1)}" y="${H - 6}" text-anchor="middle">${esc(b.label)}</text>` +
      '</g>'
    );
  });
  return figure(
    id,
    title,
    `<svg viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${esc(title)}">${cols.join('')}</svg>`,
  );
}

/** Two bars per row (A and B), e.g. leads per rep under two configs. */
export function pairChart(id: string, title: string, rows: Array<{label: string; a: number; b: number}>): string {
  const max = Math.max(1, ...rows.map(r => Math.max(r.a, r.b)));
  const span = W - LABEL - VALUE;
  const h = rows.length * (ROW + 8) + 8;
  const out = rows.map((r, i) => {
    const y = 4 + i * (ROW + 8);
    const bar = (k: 'a' | 'b', dy: number) =>
      `<g class="bar ${k}" data-label="${esc(r.label)}" data-series="${k.toUpperCase()}" data-value="${esc(r[k])}">` +
      `<rect x="${LABEL}" y="${y + dy}" width="${((r[k] / max) * span).toFixed(1)}" height="11"><title>${esc(r.label)} ${k.toUpperCase()}: ${esc(r[k])}</title></rect>` +
      `<text class="value" x="${W - VALUE + 6}" y="${y + dy + 10}">${k.toUpperCase()} <tspan class="n">${esc(r[k])}</tspan></text></g>`;
    return (
      `<text class="label" x="${LABEL - 6}" y="${y + 16}" text-anchor="end">${esc(truncate(r.label, 28))}</text>` +
      bar('a', 2) +
      bar('b', 15)
    );
  });
  return figure(
    id,
    title,
    `<svg viewBox="0 0 ${W} ${h}" width="${W}" height="${h}" role="img" aria-label="${esc(title)}">${out.join('')}</svg>`,
  );
}

function figure(id: string, title: string, svg: string): string {
  return `<figure class="chart" data-chart="${esc(id)}"><figcaption>${esc(title)}</figcaption>${svg}</figure>`;
}

function truncate(s: string, n: number): string {
  return s.length > n ? s.slice(0, n - 1) + '…' : s;
}
