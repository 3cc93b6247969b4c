import {COUNTRY_NAMES} from './countryNames';

const US_STATES =
  'AL=Alabama|AK=Alaska|AZ=Arizona|AR=Arkansas|CA=California|CO=Colorado|CT=Connecticut|DE=Delaware|' +
  'DC=District of Columbia|FL=Florida|GA=Georgia|HI=Hawaii|ID=Idaho|IL=Illinois|IN=Indiana|IA=Iowa|' +
  'KS=Kansas|KY=Kentucky|LA=Louisiana|ME=Maine|MD=Maryland|MA=Massachusetts|MI=Michigan|MN=Minnesota|' +
  'MS=Mississippi|MO=Missouri|MT=Montana|NE=Nebraska|NV=Nevada|NH=New Hampshire|NJ=New Jersey|' +
  'NM=New Mexico|NY=New York|NC=North Carolina|ND=North Dakota|OH=Ohio|OK=Oklahoma|OR=Oregon|' +
  'PA=Pennsylvania|RI=Rhode Island|SC=South Carolina|SD=South Dakota|TN=Tennessee|TX=Texas|UT=Utah|' +
  'VT=Vermont|VA=Virginia|WA=Washington|WV=West Virginia|WI=Wisconsin|WY=Wyoming|PR=Puerto Rico|' +
  'GU=Guam|VI=U.S. Virgin Islands|AS=American Samoa|MP=Northern Mariana Islands';
const CA_PROVINCES =
  'AB=Alberta|BC=British Columbia|MB=Manitoba|NB=New Brunswick|NL=Newfoundland and Labrador|' +
  'NS=Nova Scotia|NT=Northwest Territories|NU=Nunavut|ON=Ontario|PE=Prince Edward Island|QC=Quebec|' +
  'SK=Saskatchewan|YT=Yukon';
const STATE_ALIASES: Record<string, string> = {
  'washington dc': 'DC',
  'washington d.c.': 'DC',
  'd.c.': 'DC',
  'virgin islands': 'VI',
  newfoundland: 'NL',
  québec: 'QC',
  'yukon territory': 'YT',
  pei: 'PE',
};
const ALPHA3: Record<string, string> = {
  USA: 'US',
  CAN: 'CA',
  MEX: 'MX',
  GBR: 'GB',
  DEU: 'DE',
  FRA: 'FR',
  ESP: 'ES',
  ITA: 'IT',
  NLD: 'NL',
  BEL: 'BE',
  CHE: 'CH',
  AUT: 'AT',
  SWE: 'SE',
  NOR: 'NO',
  DNK: 'DK',
  FIN: 'FI',
  IRL: 'IE',
  PRT: 'PT',
  POL: 'PL',
  CZE: 'CZ',
  HUN: 'HU',
  ROU: 'RO',
  GRC: 'GR',
  TUR: 'TR',
  ISR: 'IL',
  ARE: 'AE',
  SAU: 'SA',
  IND: 'IN',
  CHN: 'CN',
  JPN: 'JP',
  KOR: 'KR',
  SGP: 'SG',
  HKG: 'HK',
  TWN: 'TW',
  AUS: 'AU',
  NZL: 'NZ',
  BRA: 'BR',
  ARG: 'AR',
  CHL: 'CL',
  COL: 'CO',
  PER: 'PE',
  ZAF: 'ZA',
  NGA: 'NG',
  EGY: 'EG',
  KEN: 'KE',
  RUS: 'RU',
  UKR: 'UA',
  PHL: 'PH',
  IDN: 'ID',
  MYS: 'MY',
  THA: 'TH',
  VNM: 'VN',
  PAK: 'PK',
  BGD: 'BD',
  LUX: 'LU',
  ISL: 'IS',
  EST: 'EE',
  LVA: 'LV',
  LTU: 'LT',
  SVK: 'SK',
  SVN: 'SI',
  HRV: 'HR',
  SRB: 'RS',
  BGR: 'BG',
  PRI: 'PR',
};
const COUNTRY_ALIASES: Record<string, string> = {
  'united states of america': 'US',
  'u.s.a.': 'US',
  'u.s.': 'US',
  'us of a': 'US',
  america: 'US',
  uk: 'GB',
  'u.k.': 'GB',
  'great britain': 'GB',
  england: 'GB',
  scotland: 'GB',
  wales: 'GB',
  'northern ireland': 'GB',
  britain: 'GB',
  holland: 'NL',
  'the netherlands': 'NL',
  deutschland: 'DE',
  españa: 'ES',
  turkey: 'TR',
  'czech republic': 'CZ',
  'south korea': 'KR',
  korea: 'KR',
  'republic of korea': 'KR',
  'russian federation': 'RU',
  uae: 'AE',
  'hong kong': 'HK',
  macau: 'MO',
  macao: 'MO',
  'ivory coast': 'CI',
  'viet nam': 'VN',
  burma: 'MM',
  myanmar: 'MM',
};

function table(src: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const pair of src.split('|')) {
    const [code, name] = pair.split('=');
    map.set(name.toLowerCase(), code);
    map.set(code.toLowerCase(), code);
    map.set(code, code);
    map.set(name, code);
  }
  return map;
}

let stateTable: Map<string, string> | undefined;
let countryTable: Map<string, string> | undefined;

/** "Texas" / "tx" / " TX " -> "TX"; US states and territories, Canadian provinces. Unknown: upper-cased text. */
function states(): Map<string, string> {
  if (!stateTable) {
    stateTable = table(US_STATES + '|' + CA_PROVINCES);
    for (const k of Object.keys(STATE_ALIASES)) stateTable.set(k, STATE_ALIASES[k]);
  }
  return stateTable;
}

export function normalizeState(raw: string): string {
  const table = states();
  const direct = table.get(raw); // fast path: "TX", "tx", "Texas" as typed
  if (direct !== undefined) return direct;
  const key = raw.trim().toLowerCase();
  if (!key) return '';
  return table.get(key) ?? table.get(key.replace(/\./g, '')) ?? key.toUpperCase();
}

/** "USA" / "United States" / "us" -> "US" (ISO 3166-1 alpha-2). Unknown: upper-cased text. */
export function normalizeCountry(raw: string): string {
  if (countryTable) {
    const direct = countryTable.get(raw);
    if (direct !== undefined) return direct;
  }
  const key = raw.trim().toLowerCase();
  if (!key) return '';
  if (!countryTable) {
    countryTable = table(COUNTRY_NAMES);
    for (const name of [...countryTable.keys()]) {
      if (name.includes('&')) countryTable.set(name.replace(/&/g, 'and'), countryTable.get(name)!);
    }
    for (const k of Object.keys(ALPHA3)) countryTable.set(k.toLowerCase(), ALPHA3[k]);
    for (const k of Object.keys(COUNTRY_ALIASES)) countryTable.set(k, COUNTRY_ALIASES[k]);
  }
  return countryTable.get(key) ?? key.toUpperCase();
}

const US_ZIP = /^(\d{5})(?:-?\d{4})?$/;

/**
 * A US ZIP or ZIP+4 becomes its first 5 digits; numbers (spreadsheets drop leading zeros) are
 * padded back to 5 digits; any other postal code is upper-cased without spaces.
 */
export function normalizeZip(raw: unknown): string {
  if (typeof raw === 'string' && raw.length === 5 && isDigits(raw, 0, 5)) return raw; // fast path
  if (typeof raw === 'number') {
    if (!Number.isInteger(raw) || raw < 0) return String(raw);
    const digits = String(raw);
    if (digits.length <= 5) return '00000'.slice(digits.length) + digits;
    if (digits.length <= 9) return ('000000000'.slice(digits.length) + digits).slice(0, 5);
    return digits;
  }
  const s = String(raw).trim();
  const m = US_ZIP.exec(s);
  if (m) return m[1];
  const compact = s.replace(/\s+/g, '').toUpperCase();
  const m2 = US_ZIP.exec(compact);
  return m2 ? m2[1] : compact;
}

function isDigits(s: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** A normalised zip that is a 5-digit US ZIP, as a number; otherwise NaN. */
export function zipNumber(zip: string): number {
  if (zip.length !== 5 || !isDigits(zip, 0, 5)) return NaN;
  return (
    (zip.charCodeAt(0) - 48) * 10000 +
    (zip.charCodeAt(1) - 48) * 1000 +
    (zip.charCodeAt(2) - 48) * 100 +
    (zip.charCodeAt(3) - 48) * 10 +
    (zip.charCodeAt(4) - 48)
  );
}
