// The report's SVG charts: figures carried as data attributes and shown as text, escaped; a chart
// of many bars draws the largest ones and says so.
import {barChart, columnChart, MAX_BARS} from '../report/charts';

const values = (svg: string) => [...svg.matchAll(/data-value="([^"]*)"/g)].map(m => Number(m[1]));

test('each bar carries its label, value and capacity, and shows the value', () => {
  const svg = barChart('x', 'Leads', [
    {label: 'ana', value: 12, capacity: 40},
    {label: 'ben', value: 0},
  ]);
  expect(svg).toContain('data-label="ana" data-value="12" data-capacity="40"');
  expect(svg).toContain('<tspan class="n">12</tspan> / 40');
  expect(svg).toContain('data-label="ben" data-value="0">');
});

test('labels and titles are escaped', () => {
  const svg = barChart('<x>', 'a & "b"', [{label: '<img src=x onerror=alert(1)>', value: 1}]);
  expect(svg).not.toMatch(/<img|<x>/);
  expect(svg).toContain('&lt;img src=x onerror=alert(1)&gt;');
  expect(svg).toContain('a &amp; &quot;b&quot;');
  expect(columnChart('h', 't', [{label: '"><script>', value: 2}])).not.toContain('<script>');
});

test(`more than ${MAX_BARS} bars: the largest ${MAX_BARS}, in their order, and the caption says so`, () => {
  const bars = Array.from({length: MAX_BARS + 15}, (_, i) => ({label: `t${i}`, value: (i * 37) % 101}));
  const svg = barChart('t', 'Leads per territory', bars);
  const kept = [...bars].sort((x, y) => y.value - x.value).slice(0, MAX_BARS);
  expect(values(svg)).toEqual(bars.filter(b => kept.includes(b)).map(b => b.value));
  expect(svg).toContain(`the ${MAX_BARS} largest of ${MAX_BARS + 15}; every one is in the table`);
  expect(values(barChart('t', 'few', bars.slice(0, 5)))).toEqual(bars.slice(0, 5).map(b => b.value));
});
