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

export const EXAMPLES: Example[] = [salesforce, hubspot, pipedrive, freshsales, zendeskSell, keap, activecampaign, servicenow, monday];
