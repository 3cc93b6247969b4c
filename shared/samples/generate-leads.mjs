// Regenerates leads.csv deterministically (seeded PRNG): node shared/samples/generate-leads.mjs
import fs from 'node:fs';
import path from 'node:path';

let seed = 20261123;
const rand = () => ((seed = (Math.imul(seed ^ (seed >>> 15), 1 | seed) + 0x6d2b79f5) | 0), ((seed >>> 0) % 1e9) / 1e9);
const pick = xs => xs[Math.floor(rand() * xs.length)];

const geo = [
  ['TX', ['75001', '75201', '76101', '77002', '78701', '79901']],
  ['CA', ['94105', '94301', '95814', '90012', '92101', '93101']],
  ['NY', ['10001', '10451', '11201', '11354', '12207', '14604']],
  ['NJ', ['07030', '08540']], ['MA', ['02108', '01002']], ['PA', ['19103', '15222']],
  ['FL', ['33101', '32801']], ['GA', ['30303']], ['NC', ['27601']], ['TN', ['37203']],
  ['IL', ['60601']], ['OH', ['43215']], ['MI', ['48226']], ['MN', ['55401']],
  ['CO', ['80202']], ['WA', ['98101']], ['AZ', ['85004']], ['OR', ['97201']],
];
const stateNames = {TX: 'Texas', CA: 'California', NY: 'New York', FL: 'Florida', IL: 'Illinois'};
const industries = ['manufacturing', 'healthcare', 'biotech', 'retail', 'software', 'construction', 'education', 'hospitality', 'logistics'];
const products = ['solar', 'storage', 'batteries', 'ev-charging', 'hvac', 'solar', 'solar'];
const sources = ['web', 'web', 'web', 'aggregator', 'referral', 'email', 'phone', 'event'];
const first = ['Olivia', 'Liam', 'Emma', 'Noah', 'Ava', 'Mason', 'Sophia', 'Lucas', 'Mia', 'Ethan', 'Amelia', 'Logan', 'Harper', 'Elijah', 'Aria', 'James'];
const last = ['Smith', 'Johnson', 'Garcia', 'Brown', 'Nguyen', 'Patel', 'Kim', 'Martinez', 'Lopez', 'Wilson', 'Anderson', 'Thomas', 'Moore', 'Clark'];
const named = ['acme.com', 'globex.com', 'initech.com'];
const syl1 = ['north', 'blue', 'bright', 'green', 'summit', 'river', 'iron', 'cedar', 'pioneer', 'atlas', 'harbor', 'maple', 'granite', 'silver', 'eagle', 'prairie', 'coastal', 'metro', 'union', 'liberty'];
const syl2 = ['works', 'labs', 'logistics', 'foods', 'health', 'energy', 'partners', 'systems', 'farms', 'builders', 'clinic', 'motors', 'textiles', 'dental', 'hotels'];
const company = () => { const r = rand(); if (r < 0.04) return pick(named); if (r < 0.3) return null; return pick(syl1) + pick(syl2) + pick(['.com', '.io', '.co', '.net']); };
const messages = ['Can you send a quote for 40 panels?', 'Interested in pricing for a battery backup', 'Please book a demo next week',
  'Just browsing your site', 'Newsletter signup', 'We want to purchase a storage system', 'Question about my invoice', 'Looking for a proposal for our warehouse roof'];

const header = ['id', 'createdAt', 'firstName', 'lastName', 'email', 'company', 'zip', 'state', 'country', 'industry', 'productLine', 'source', 'companySize', 'message'];
const rows = [];
const start = Date.UTC(2026, 10, 2, 13, 0, 0); // Mon 2 Nov 2026
const emails = [];
for (let i = 1; i <= 3000; i++) {
  const t = new Date(start + Math.floor((i / 3000) * 21) * 86400000 + Math.floor(rand() * 13 * 3600000)).toISOString(); // 12:00-01:00 UTC
  const id = `L${String(i).padStart(5, '0')}`;
  const r = rand();
  if (r < 0.02) { rows.push([id, t, '', '', '', '', '', '', '', '', '', '', '', '']); continue; } // empty row
  if (r < 0.035) { rows.push([id, 'not a date', '=IMPORTXML("http://x","//a")', '', 'not-an-email', '', 'ABC', 'Atlantis', 'Narnia', '', '', '', 'lots', '']); continue; }
  if (r < 0.09 && emails.length) { // duplicate of an earlier lead
    const e = pick(emails);
    rows.push([id, t, 'Dup', 'Licate', e.toUpperCase(), '', '', '', 'US', '', '', 'web', '', '']); continue;
  }
  const fn = pick(first), ln = pick(last);
  let country = 'US', state, zip;
  if (rand() < 0.06) { country = pick(['Canada', 'CA', 'CAN']); state = pick(['ON', 'Quebec', 'BC']); zip = pick(['M5V 3L9', 'H2X 1Y4', 'V6B 1A1']); }
  else { const g = pick(geo); state = rand() < 0.15 && stateNames[g[0]] ? stateNames[g[0]] : g[0]; zip = pick(g[1]); if (rand() < 0.1) zip += '-' + String(1000 + Math.floor(rand() * 8999)); if (rand() < 0.1) country = pick(['USA', 'United States', 'us']); }
  const domain = company() ?? pick(['gmail.com', 'yahoo.com', 'outlook.com', 'icloud.com']);
  const email = `${fn}.${ln}${i % 97}@${domain}`.toLowerCase();
  emails.push(email);
  const size = rand() < 0.04 ? 5000 + Math.floor(rand() * 50000) : Math.floor(5 + rand() * 900);
  rows.push([id, t, fn, ln, email, domain.split('.')[0], zip, state, country, pick(industries), pick(products), pick(sources),
    size >= 1000 ? size.toLocaleString('en-US') : String(size), pick(messages)]);
}
const csvCell = v => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
const text = [header, ...rows].map(r => r.map(csvCell).join(',')).join('\n') + '\n';
fs.writeFileSync(path.join(path.dirname(new URL(import.meta.url).pathname), 'leads.csv'), text);
console.log(`wrote ${rows.length} leads`);
