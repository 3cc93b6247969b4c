import fc from 'fast-check';
import {normalizeCountry, normalizeState, normalizeZip, zipNumber} from '../normalize/geo';
import {emailDomain, normalizeText, toNumber} from '../normalize/text';

describe('zip normalisation', () => {
  test.each([
    ['75001', '75001'],
    ['75001-1234', '75001'],
    ['750011234', '75001'],
    [' 75001 ', '75001'],
    ['m5v 3l9', 'M5V3L9'],
    ['SW1A 1AA', 'SW1A1AA'],
    ['7500', '07500'],
    ['21341234', '02134'],
    ['110001', '110001'],
  ])('%p -> %p', (raw, want) => expect(normalizeZip(raw)).toBe(want));

  test('numbers from spreadsheets get their leading zeros back', () => {
    expect(normalizeZip(2134)).toBe('02134');
    expect(normalizeZip(21341234)).toBe('02134');
  });

  test('only 5-digit US ZIPs are numeric', () => {
    expect(zipNumber('02134')).toBe(2134);
    expect(zipNumber('M5V3L9')).toBeNaN();
    expect(zipNumber('7500')).toBeNaN();
  });
});

describe('state normalisation', () => {
  test.each([
    ['Texas', 'TX'],
    ['texas', 'TX'],
    [' tx ', 'TX'],
    ['New York', 'NY'],
    ['District of Columbia', 'DC'],
    ['Quebec', 'QC'],
    ['Ontario', 'ON'],
    ['Atlantis', 'ATLANTIS'],
  ])('%p -> %p', (raw, want) => expect(normalizeState(raw)).toBe(want));
});

describe('country normalisation', () => {
  test.each([
    ['USA', 'US'],
    ['United States', 'US'],
    ['united states of america', 'US'],
    ['us', 'US'],
    ['Canada', 'CA'],
    ['CAN', 'CA'],
    ['UK', 'GB'],
    ['Germany', 'DE'],
    ['Bosnia and Herzegovina', 'BA'],
    ['Narnia', 'NARNIA'],
  ])('%p -> %p', (raw, want) => expect(normalizeCountry(raw)).toBe(want));
});

describe('text and numbers', () => {
  test('text compares trimmed and case-insensitively', () => {
    expect(normalizeText('  Solar ')).toBe('solar');
  });
  test('numeric strings become numbers', () => {
    expect(toNumber('1,200')).toBe(1200);
    expect(toNumber(' 42 ')).toBe(42);
    expect(toNumber('12a')).toBeNaN();
    expect(normalizeText('1,200')).toBe('1200');
  });
  test('text already in canonical form comes back as is, and anything else as trim + lower case', () => {
    const slow = (s: string) => {
      const t = s.trim().toLowerCase().replace(/\s+/g, ' ');
      return /^[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/.test(t) && t.length < 24
        ? String(Number(t.replace(/,/g, '')))
        : t;
    };
    const chars = fc.constantFrom(...'aZz09 +-,.\t\u00a0\u00c9\u00e9\ufeff\u0130_'.split(''));
    fc.assert(
      fc.property(fc.array(chars, {maxLength: 8}), cs => {
        const s = cs.join('');
        expect(normalizeText(s)).toBe(slow(s));
      }),
      {numRuns: 2000},
    );
    for (const s of ['solar', 'hvac', 'x-1', 'a b', '', ' ', '-5', '+1,000', 'İstanbul', 'Éa']) {
      expect(normalizeText(s)).toBe(slow(s));
    }
  });
  test('e-mail domains', () => {
    expect(emailDomain(' Jo@ACME.com ')).toBe('acme.com');
    expect(emailDomain('nobody')).toBe('');
    expect(emailDomain('x@')).toBe('');
  });
});

test('the generated state and country tables are what their libraries give now', async () => {
  const path = require('node:path') as typeof import('node:path');
  const fs = require('node:fs') as typeof import('node:fs');
  const {execFileSync} = require('node:child_process') as typeof import('node:child_process');
  const script = path.join(__dirname, '../normalize/generate-tables.mjs');
  const fresh = execFileSync(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `import {generate} from ${JSON.stringify(script)}; process.stdout.write(generate());`,
    ],
    {encoding: 'utf8'},
  );
  expect(fs.readFileSync(path.join(__dirname, '../normalize/geoTables.generated.ts'), 'utf8')).toBe(fresh);
});
