import {hoursFromText, listFromText, outOfOfficeFromText} from '../sheetText';
import {parseConfig} from '../config/validate';

test('a list cell or parameter: an array or comma-separated text, trimmed, blanks dropped (every surface reads it so)', () => {
  expect(listFromText(' demo, pricing,, quote ')).toEqual(['demo', 'pricing', 'quote']);
  expect(listFromText(['solar', ' ev ', '', null])).toEqual(['solar', 'ev']);
  expect(listFromText(75001)).toEqual(['75001']);
  expect(listFromText('')).toEqual([]);
  expect(listFromText(null)).toEqual([]);
  expect(listFromText(undefined)).toEqual([]);
});

test('hours text: day or day range, optional "=" or ":", spaces tolerated; unreadable parts reported', () => {
  expect(hoursFromText('Mon-Fri 09:00-17:00; sat=10:00 - 14:00\nsun: 8:00-9:30')).toEqual({
    hours: {'mon-fri': '09:00-17:00', sat: '10:00-14:00', sun: '8:00-9:30'},
    bad: [],
  });
  expect(hoursFromText('all day; tue 09:00-12:00')).toEqual({hours: {tue: '09:00-12:00'}, bad: ['all day']});
  // what it produces is valid config
  const {hours} = hoursFromText('mon-fri 09:00-17:00; sat 22:00-02:00');
  expect(() => parseConfig({reps: [{id: 'a', hours}]})).not.toThrow();
});

test('out-of-office text: single days and ranges; unreadable parts reported', () => {
  expect(outOfOfficeFromText('2026-12-24..2026-12-31, 2027-01-05; 2027-02-01 to 2027-02-03')).toEqual({
    periods: [
      {from: '2026-12-24', to: '2026-12-31'},
      {from: '2027-01-05', to: '2027-01-05'},
      {from: '2027-02-01', to: '2027-02-03'},
    ],
    bad: [],
  });
  expect(outOfOfficeFromText('next week').bad).toEqual(['next week']);
});

describe('dates as spreadsheet cells give them', () => {
  const {dateFromCell, outOfOfficeFromText} = require('../sheetText') as typeof import('../sheetText');
  it.each([
    ['2026-03-10', '2026-03-10'],
    ['2026-03-10T00:00:00.000Z', '2026-03-10'],
    ['2026-03-10 14:30', '2026-03-10'],
    ['3/10/2026', '2026-03-10'],
    ['03/10/2026 10:00:00', '2026-03-10'],
    ['25/12/2026', '2026-12-25'],
    [46091, '2026-03-10'],
    ['2/30/2026', null],
    ['next tuesday', null],
  ])('%p -> %p', (cell, want) => expect(dateFromCell(cell)).toBe(want));

  it('day first when declared', () => expect(dateFromCell('3/10/2026', 'DMY')).toBe('2026-10-03'));

  it('ranges and lists of formatted dates', () => {
    expect(outOfOfficeFromText('3/10/2026 - 3/14/2026; 2026-04-01').periods).toEqual([
      {from: '2026-03-10', to: '2026-03-14'},
      {from: '2026-04-01', to: '2026-04-01'},
    ]);
    expect(outOfOfficeFromText('soon').bad).toEqual(['soon']);
  });
});
