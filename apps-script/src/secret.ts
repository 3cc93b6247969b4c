// The installation's secret for keyed pseudonyms (contract: RouteOptions.secret): dedupe keys and
// learned account domains are stored as HMAC-SHA-256 under it, so the state in document
// properties does not reveal e-mails or domains to whoever can read it. It lives in script
// properties, which editors of the spreadsheet cannot read through the add-on and which are not
// part of the state; it is created on first use. If it is lost (script properties cleared, the
// script copied), stored dedupe keys and learned domains stop matching: repeats are routed as new
// leads and domains are learned again; nothing else changes.
export const SECRET_KEY = 'leadRouting.secret';

/** The secret, created (two random UUIDs, about 244 random bits) the first time it is needed. */
export function installationSecret(): string {
  const store = PropertiesService.getScriptProperties();
  const existing = store.getProperty(SECRET_KEY);
  if (existing) return existing;
  const secret = (Utilities.getUuid() + Utilities.getUuid()).replace(/-/g, '');
  store.setProperty(SECRET_KEY, secret);
  return secret;
}
