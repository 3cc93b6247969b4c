// docs/contract.md shows a config and the decision it gives: the decision must be the router's own output.
import fs from 'node:fs';
import path from 'node:path';
import {route} from '../../shared';

const text = fs.readFileSync(path.join(__dirname, '..', '..', 'docs', 'contract.md'), 'utf8');
const jsonBlocks = [...text.matchAll(/```json\n([\s\S]*?)```/g)].map(m => m[1]);

test('the example decision is what the example config gives for a Texas solar quote request', () => {
  const config = JSON.parse(jsonBlocks[0]);
  const shown = JSON.parse(jsonBlocks.find(b => b.trimStart().startsWith('{"leadId"'))!);
  const lead = {
    id: 'L1',
    address: {zip: '75201'},
    state: 'TX',
    productLine: 'solar',
    email: 'jo@example.org',
    message: 'Need a quote',
  };
  const {decision} = route(lead, config, undefined, shown.decidedAt);
  expect(decision).toEqual(shown);
});
