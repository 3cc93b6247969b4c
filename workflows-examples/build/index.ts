// Every example, in the order of the index table.
import type {Example} from './example';
import {salesforce} from './examples/salesforce';
import {hubspot} from './examples/hubspot';
import {pipedrive} from './examples/pipedrive';
import {freshsales} from './examples/freshsales';
import {zendeskSell} from './examples/zendesk-sell';
import {keap} from './examples/keap';
import {activecampaign} from './examples/activecampaign';
import {servicenow} from './examples/servicenow';
import {monday} from './examples/monday';
import {dynamics} from './examples/dynamics';
import {zoho} from './examples/zoho';
import {insightly} from './examples/insightly';
import {sugarcrm} from './examples/sugarcrm';
import {apptivo} from './examples/apptivo';
import {bitrix24} from './examples/bitrix24';
import {sapSalesCloud} from './examples/sap-sales-cloud';
import {liondesk} from './examples/liondesk';
import {airtable, googleSheets, sendgrid, slack, twilio} from './examples/channels';

export const EXAMPLES: Example[] = [
  salesforce,
  hubspot,
  dynamics,
  zoho,
  pipedrive,
  freshsales,
  zendeskSell,
  bitrix24,
  sapSalesCloud,
  insightly,
  keap,
  activecampaign,
  sugarcrm,
  apptivo,
  googleSheets,
  slack,
  twilio,
  sendgrid,
  airtable,
  monday,
  servicenow,
  liondesk,
];
