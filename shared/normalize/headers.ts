// Column headers common CRM, form and spreadsheet exports use for the canonical lead fields. A field
// that `fields` does not map is read from its own name first, then from these headers, in order.
// Sources: the default export headers of Salesforce lead/contact reports ("State/Province",
// "Zip/Postal Code", "No. of Employees", "Lead Source"; Mailing/Billing address prefixes), HubSpot
// contact/company exports ("State/Region", "Postal Code", "Country/Region", "Number of Employees"),
// Zoho CRM ("Zip Code", "No. of Employees"), Pipedrive, and their API names (PostalCode,
// NumberOfEmployees, LeadSource).
import type {CanonicalField} from '../config/schema';

const ADDRESS_PREFIXES = ['', 'Mailing ', 'Billing ', 'Company '];

function prefixed(names: string[]): string[] {
  const out: string[] = [];
  for (const p of ADDRESS_PREFIXES) for (const n of names) out.push(p + n);
  return out;
}

/** Default headers per canonical field (not counting the field's own name, tried first). */
export const DEFAULT_HEADERS: Readonly<Record<CanonicalField, readonly string[]>> = {
  id: ['Id', 'ID', 'Lead ID', 'Lead Id', 'Record ID', 'Record Id', 'leadId', 'lead_id'],
  zip: [
    ...prefixed(['Zip', 'ZIP', 'Zip Code', 'ZIP Code', 'Zip code', 'Zip/Postal Code', 'Postal Code', 'Postal code']),
    'Postcode',
    'Post Code',
    'zipCode',
    'zip_code',
    'postalCode',
    'postal_code',
    'PostalCode',
    'MailingPostalCode',
    'BillingPostalCode',
  ],
  state: [
    ...prefixed(['State', 'State/Province', 'State or Province', 'State/Region', 'Province']),
    'state_code',
    'stateCode',
    'StateCode',
    'MailingState',
    'BillingState',
  ],
  country: [
    ...prefixed(['Country', 'Country/Region', 'Country or Region']),
    'country_code',
    'countryCode',
    'CountryCode',
    'MailingCountry',
    'BillingCountry',
  ],
  industry: ['Industry', 'industry_name'],
  productLine: ['Product Line', 'Product line', 'product_line', 'Product Interest', 'Product'],
  source: ['Lead Source', 'Lead source', 'LeadSource', 'lead_source', 'leadSource', 'Source'],
  email: ['Email', 'E-mail', 'EMAIL', 'Email Address', 'E-mail Address', 'email_address', 'emailAddress'],
  companySize: [
    'No. of Employees',
    'Number of Employees',
    'NumberOfEmployees',
    'numberofemployees',
    'Employees',
    'Employee Count',
    'employee_count',
    'Company Size',
    'Company size',
    'company_size',
  ],
};
