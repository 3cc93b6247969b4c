// Reading state, country and postal-code values as exports give them. Tables come from libraries
// (geoTables.generated.ts: npm "us", "i18n-iso-countries"; countryNames.ts: ICU region names);
// only the variants no library lists are typed here, each with its source.
import {COUNTRY_NAMES} from './countryNames';
import {ISO_ALPHA3, ISO_COUNTRY_NAMES, US_STATE_TABLE} from './geoTables.generated';

/**
 * Traditional (pre-USPS) abbreviations and common variants of US state names not in the AP list,
 * from the U.S. GPO Style Manual (2016), 10.3 "Abbreviations: States and territories".
 */
const US_TRADITIONAL =
  'AK=Alas.|CA=Cal.|CO=Col.|FL=Flor.|HI=H.I.|ID=Ida.|IA=Ia.|KS=Kans.|KY=Ken.|ME=Me.|NE=Nebr.|' +
  'NM=N. Mex.|NC=N. Car.|ND=N. Dak.|OR=Oreg.|PA=Penn.=Penna.|SC=S. Car.|SD=S. Dak.|TX=Tex.|UT=Ut.|' +
  'WV=W.V.|WI=Wisc.|PR=P.R.|VI=V.I.=USVI=US Virgin Islands=Virgin Islands|DC=Washington DC=Washington D.C.';

/**
 * Canadian provinces and territories: Canada Post codes, English and French names, and the
 * traditional abbreviations (Canadian Press style; Government of Canada, "Provinces and
 * territories: abbreviations").
 */
const CA_PROVINCES =
  'AB=Alberta=Alta.|BC=British Columbia=B.C.=Colombie-Britannique|MB=Manitoba=Man.|' +
  'NB=New Brunswick=N.B.=Nouveau-Brunswick|' +
  'NL=Newfoundland and Labrador=Newfoundland & Labrador=Newfoundland=Labrador=Nfld.=Nfld. and Lab.=N.L.=Terre-Neuve-et-Labrador|' +
  'NS=Nova Scotia=N.S.=Nouvelle-Écosse|NT=Northwest Territories=N.W.T.=Territoires du Nord-Ouest|' +
  'NU=Nunavut=Nvt.=Nun.|ON=Ontario=Ont.|PE=Prince Edward Island=P.E.I.=Île-du-Prince-Édouard|' +
  'QC=Quebec=Que.=P.Q.|SK=Saskatchewan=Sask.|YT=Yukon=Y.T.=Yuk.=Yukon Territory';

/** Everyday country names no library lists as the country's name (constituent countries, endonyms). */
const COUNTRY_VARIANTS =
  'US=U.S. of A.=US of A=America=United States of America|GB=U.K.=Britain=England=Scotland=Wales=Northern Ireland|' +
  'NL=Holland|DE=Deutschland|ES=España|AT=Österreich|CH=Schweiz=Suisse|MX=Méjico|' +
  'KR=Korea|HK=Hong Kong SAR|MO=Macau|MM=Burma|CI=Ivory Coast|VN=Viet Nam|CZ=Czech Republic|TR=Turkey';

/**
 * The lookup form of a state or country name: trimmed, lower-cased, runs of white space folded to
 * one space, accents removed ("  México " -> "mexico"; settled reading 12).
 */
export function foldName(raw: string): string {
  const s = raw.trim().toLowerCase().replace(/\s+/g, ' ');
  // (only non-ASCII text has accents to remove)
  // eslint-disable-next-line no-control-regex
  return /[^\u0000-\u007f]/.test(s) ? s.normalize('NFD').replace(/[\u0300-\u036f]/g, '') : s;
}

/** The forms a name is looked up by: folded, without dots, and without dots or spaces ("N. Mex." -> "nmex"). */
function keys(name: string): string[] {
  const folded = foldName(name);
  return [folded, folded.replace(/\./g, ''), folded.replace(/[.\s]/g, '')];
}

/** "CODE=name=variant…|…" -> every form of every name, and the code itself, to the code. */
function table(src: string, map = new Map<string, string>()): Map<string, string> {
  for (const entry of src.split('|')) {
    const [code, ...names] = entry.split('=');
    for (const name of names) {
      map.set(name, code);
      for (const k of keys(name)) if (!map.has(k)) map.set(k, code);
      if (name.includes('&')) for (const k of keys(name.replace(/&/g, 'and'))) if (!map.has(k)) map.set(k, code);
    }
    map.set(code.toLowerCase(), code);
    map.set(code, code);
  }
  return map;
}

let stateTable: Map<string, string> | undefined;
let countryTable: Map<string, string> | undefined;
let countryCodes: Set<string> | undefined;

/** US states, DC, territories and Canadian provinces by every name, abbreviation and code. */
function states(): Map<string, string> {
  if (!stateTable) {
    stateTable = table(US_STATE_TABLE);
    table(US_TRADITIONAL, stateTable);
    table(CA_PROVINCES, stateTable);
  }
  return stateTable;
}

/**
 * "Texas" / "tx" / " TX " / "Tex." / "N.  Y." / "Québec" -> the USPS or Canada Post code; text no
 * table knows comes back folded and upper-cased.
 */
export function normalizeState(raw: string): string {
  return lookup(states(), raw);
}

/** The code `table` gives `raw` as typed, else folded (and its spelling variants); unknown: folded, upper-cased. */
function lookup(table: Map<string, string>, raw: string): string {
  const direct = table.get(raw); // fast path: "TX", "tx", "Texas" as typed
  if (direct !== undefined) return direct;
  const key = foldName(raw);
  if (!key) return '';
  for (const k of keys(key)) {
    const code = table.get(k);
    if (code !== undefined) return code;
  }
  return key.toUpperCase();
}

const US_STATE_CODES = new Set(US_STATE_TABLE.split('|').map(entry => entry.slice(0, 2)));

/** Whether a normalised state is a US state, DC or a US territory. */
export function isUsState(code: string): boolean {
  return US_STATE_CODES.has(code);
}

function countries(): Map<string, string> {
  if (!countryTable) {
    countryTable = table(ISO_COUNTRY_NAMES);
    table(COUNTRY_NAMES, countryTable);
    table(COUNTRY_VARIANTS, countryTable);
    for (const pair of ISO_ALPHA3.split('|')) countryTable.set(pair.slice(0, 3).toLowerCase(), pair.slice(4));
  }
  return countryTable;
}

/** "USA" / "United States" / "us" / "México" -> "US", "MX" (ISO 3166-1 alpha-2). Unknown: folded, upper-cased text. */
export function normalizeCountry(raw: string): string {
  return lookup(countries(), raw);
}

/** Whether a normalised country is an ISO 3166-1 alpha-2 code this table knows. */
export function isCountryCode(code: string): boolean {
  countryCodes ??= new Set(countries().values());
  return countryCodes.has(code);
}

/** Countries and territories whose postal codes are US ZIPs. */
const ZIP_COUNTRIES = new Set(['US', 'PR', 'GU', 'VI', 'AS', 'MP', 'UM']);

/**
 * Whether a lead's postal code is read as a US ZIP (settled reading 6): its country (normalised)
 * is the US or a territory using ZIPs, or is empty; when the country is text no table knows, a US
 * state decides. A known country other than these is never a US context (Perth: AU, WA, 6000).
 */
export function isUsContext(country: string, state: string): boolean {
  if (country === '' || ZIP_COUNTRIES.has(country)) return true;
  if (isCountryCode(country)) return false;
  return isUsState(state);
}

const US_ZIP = /^(\d{5})(?:-?\d{4})?$/;
const LOST_ZEROS = /^(\d{3,5})(?:-?(\d{4}))?$/;

/**
 * A postal code as matched (settled reading 6). In a US context (`us`, the default; see
 * `isUsContext`) digits are a ZIP: 3–4 digits lost their leading zeros, 5 are a ZIP, 7–8 a ZIP+4
 * that lost them, 9 (or 5-4 with a hyphen) a ZIP+4; each becomes its first 5 digits. Anything else,
 * and every code in another country's context, is kept as written, upper-cased without spaces.
 * Numbers are read as their digits (spreadsheets drop leading zeros).
 */
export function normalizeZip(raw: unknown, us = true): string {
  if (typeof raw === 'string' && raw.length === 5 && isDigits(raw, 0, 5)) return raw; // fast path
  if (typeof raw === 'number') {
    if (!Number.isInteger(raw) || raw < 0) return String(raw);
    return us ? usZip(String(raw)) : String(raw);
  }
  const compact = String(raw).replace(/\s+/g, '').toUpperCase();
  return us ? usZip(compact) : compact;
}

function usZip(s: string): string {
  const m = US_ZIP.exec(s);
  if (m) return m[1];
  const lost = LOST_ZEROS.exec(s);
  if (lost === null) return s;
  // "2134" -> 02134; "2134-5678" -> 02134 (a ZIP+4 whose ZIP lost its zero)
  return '00000'.slice(lost[1].length) + lost[1];
}

/** Whether normalizeZip restored leading zeros: the code read is not how the value starts. */
export function zipZerosRestored(raw: unknown, zip: string): boolean {
  return zip.length === 5 && zip.charCodeAt(0) === 48 && !String(raw).trim().startsWith(zip);
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
