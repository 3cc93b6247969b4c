// Issue 13 part 2: Route Lead and Round Robin read live availability and open load from the user
// lists platform nodes and HTTP Request nodes return (shapes from the platforms' API docs).
import type {IDataObject, IExecuteFunctions, INodeExecutionData} from 'n8n-workflow';
import {sameForEveryItem} from '../sameForEveryItem';
import {forgetInProcessCopies} from '../staticDataStateStore';
import {FakeExecuteFunctions, runNode} from '../../test/fakeExecuteFunctions';
import {RouteLead} from '../../RouteLead/RouteLead.node';
import {RoundRobin} from '../../RoundRobin/RoundRobin.node';
import {liveAvailabilityOnce, readLiveRows} from '../liveAvailability';

const routeLead = new RouteLead().getNodeType(1);
const roundRobin = new RoundRobin().getNodeType(1);
const routing = (i: INodeExecutionData) => i.json.routing as IDataObject;

const reps = {
  rep: [
    {id: 'ana', name: 'Ana Diaz', email: 'ana@example.com'},
    {id: 'ben', name: 'Ben Ode', email: 'ben@example.com'},
  ],
};
const leads = [{id: 'L1'}, {id: 'L2'}, {id: 'L3'}];

async function route(liveAvailability: IDataObject, extra: IDataObject = {}) {
  const {output} = await runNode(routeLead, {
    parameters: {
      configSource: 'ui',
      reps,
      cascade: ['pool'],
      liveAvailability,
      options: {includeCandidates: true},
      ...extra,
    },
    items: leads,
  });
  return output;
}

beforeEach(() => forgetInProcessCopies());

describe('Route Lead: live availability', () => {
  test('Slack users.list with presence (one item holding `members`): the away rep gets no lead', async () => {
    // https://api.slack.com/methods/users.list (presence=true adds `presence` to each member)
    const slack = {
      ok: true,
      members: [
        {id: 'U01', name: 'ana', real_name: 'Ana Diaz', profile: {email: 'Ana@Example.com'}, presence: 'away'},
        {id: 'U02', name: 'ben', real_name: 'Ben Ode', profile: {email: 'ben@example.com'}, presence: 'active'},
      ],
    };
    const [assigned, unassigned] = await route({
      source: [slack],
      repField: 'profile.email',
      availableField: 'presence',
    });
    expect(unassigned).toHaveLength(0);
    expect(assigned.map(i => routing(i).ownerId)).toEqual(['ben', 'ben', 'ben']);
    const ana = (routing(assigned[0]).candidates as IDataObject[]).find(c => c.repId === 'ana');
    expect(ana).toEqual({repId: 'ana', eligible: false, why: 'away', presence: 'away'});
    expect(routing(assigned[0]).warnings).toBeUndefined();
  });

  test('Twilio TaskRouter workers (`workers`, activity_name) matched by friendly name', async () => {
    // https://www.twilio.com/docs/taskrouter/api/worker#read-multiple-worker-resources
    const twilio = {
      workers: [
        {sid: 'WK1', friendly_name: 'Ana Diaz', activity_name: 'Offline', available: false},
        {sid: 'WK2', friendly_name: 'Ben Ode', activity_name: 'Available', available: true},
      ],
      meta: {page: 0, page_size: 50},
    };
    const [assigned] = await route({
      source: JSON.stringify(twilio),
      repField: 'friendly_name',
      availableField: 'activity_name',
    });
    expect(assigned.map(i => routing(i).ownerId)).toEqual(['ben', 'ben', 'ben']);
  });

  test('Bitrix24 user.get (`result`, IS_ONLINE Y/N) as n8n items', async () => {
    // https://apidocs.bitrix24.com/api-reference/user/user-get.html
    const bitrix = {
      result: [
        {ID: '1', NAME: 'Ana', EMAIL: 'ana@example.com', IS_ONLINE: 'Y'},
        {ID: '2', NAME: 'Ben', EMAIL: 'ben@example.com', IS_ONLINE: 'N'},
      ],
      total: 2,
    };
    const [assigned] = await route({source: [{json: bitrix}], repField: 'EMAIL', availableField: 'IS_ONLINE'});
    expect(assigned.map(i => routing(i).ownerId)).toEqual(['ana', 'ana', 'ana']);
  });

  test('an error item from a failed availability call: every lead still routed, availability unknown', async () => {
    const failed = {error: {message: 'Request failed with status code 500', httpCode: '500'}};
    const [assigned, unassigned] = await route({source: [failed], repField: 'email', availableField: 'presence'});
    expect(unassigned).toHaveLength(0);
    expect(assigned.map(i => routing(i).ownerId)).toEqual(['ana', 'ben', 'ana']);
    for (const item of assigned) {
      expect((routing(item).warnings as IDataObject[]).map(w => w.code)).toEqual(['availability_unknown']);
    }
  });

  test('a rep missing from the rows is unknown (routed, warned); the others follow their presence', async () => {
    const rows = [{email: 'ben@example.com', available: false}];
    const [assigned] = await route({source: rows});
    expect(assigned.map(i => routing(i).ownerId)).toEqual(['ana', 'ana', 'ana']);
    expect((routing(assigned[0]).warnings as IDataObject[])[0]).toMatchObject({
      code: 'availability_unknown',
      value: 'ana',
    });
  });

  test('configured available values; open load against Open Cap names the open limit', async () => {
    const rows = [
      {user: 'ana', status: 'Green', open: 4},
      {user: 'ben', status: 'Green', open: 1},
    ];
    const withCaps = {
      rep: [
        {...reps.rep[0], openCap: '5'},
        {...reps.rep[1], openCap: '2'},
      ],
    };
    const [assigned, unassigned] = await route(
      {source: rows, repField: 'user', availableField: 'status', availableValues: 'green', openLoadField: 'open'},
      {reps: withCaps},
    );
    // ana 4/5, ben 1/2: L1 ana (5/5), L2 ben (2/2), L3 nobody.
    expect(assigned.map(i => routing(i).ownerId)).toEqual(['ana', 'ben']);
    expect(unassigned).toHaveLength(1);
    expect((routing(unassigned[0]).candidates as IDataObject[]).map(c => c.capacityLimit)).toEqual(['open', 'open']);
    expect(routing(unassigned[0]).reason).toContain('cap on open records');
  });

  test('Open Cap 0 takes no leads even when no open load is read (blank = no cap)', async () => {
    const withCaps = {
      rep: [
        {...reps.rep[0], openCap: '0'},
        {...reps.rep[1], openCap: ''},
      ],
    };
    const [assigned] = await route({}, {reps: withCaps});
    expect(assigned.map(i => routing(i).ownerId)).toEqual(['ben', 'ben', 'ben']);
    const ana = (routing(assigned[0]).candidates as IDataObject[]).find(c => c.repId === 'ana');
    expect(ana).toEqual({repId: 'ana', eligible: false, why: 'at_capacity', capacityLimit: 'open'});
  });

  test('no source: the feature is off (no presence, no warning)', async () => {
    const [assigned] = await route({source: '', repField: 'email'});
    expect(assigned.map(i => routing(i).ownerId)).toEqual(['ana', 'ben', 'ana']);
    expect(routing(assigned[0]).warnings).toBeUndefined();
  });

  test('a roster with Presence and Open Load columns is the same concept (old roster columns still work)', async () => {
    const roster = [
      {Name: 'Ana Diaz', Email: 'ana@example.com', Available: true, Presence: 'dnd'},
      {Name: 'Ben Ode', Email: 'ben@example.com', Available: true, 'Open Load': 3, 'Open Cap': 3},
      {Name: 'Cy Ray', Email: 'cy@example.com', Available: true},
    ];
    const [assigned] = await route({}, {options: {roster, includeCandidates: true}});
    expect(assigned.map(i => routing(i).ownerId)).toEqual(['cy@example.com', 'cy@example.com', 'cy@example.com']);
    expect((routing(assigned[0]).candidates as IDataObject[]).map(c => c.why)).toEqual(['away', 'at_capacity', null]);
  });

  test('the rows are read once per execution, and an expression there does not rebuild the config per item', async () => {
    const spy = jest.spyOn(FakeExecuteFunctions.prototype, 'getNodeParameter');
    try {
      const {output} = await runNode(routeLead, {
        parameters: {
          configSource: 'ui',
          reps,
          cascade: ['pool'],
          liveAvailability: {source: [{email: 'ana@example.com', available: 'no'}]},
        },
        items: leads,
      });
      expect(output[0].map(i => routing(i).ownerId)).toEqual(['ben', 'ben', 'ben']);
      const reads = (name: string) => spy.mock.calls.filter(c => c[0] === name).length;
      expect(reads('liveAvailability')).toBe(1);
      expect(reads('reps')).toBe(1);
    } finally {
      spy.mockRestore();
    }
    // As n8n stores it: the source is an expression; the other parameters are the same for every item.
    let built = 0;
    const ctx = {
      getNode: () => ({parameters: {reps, liveAvailability: {source: "={{ $('Get presence').all() }}"}}}),
    } as unknown as IExecuteFunctions;
    const once = sameForEveryItem(ctx, () => ++built);
    expect([once(0), once(1), once(2)]).toEqual([1, 1, 1]);
  });
});

describe('Round Robin: live availability', () => {
  test('assignees with presence and open load: least loaded balances the open load', async () => {
    const {output} = await runNode(roundRobin, {
      parameters: {
        operation: 'assign',
        assigneesSource: 'list',
        assignees: {
          assignee: [
            {id: 'ana', name: 'Ana Diaz', email: 'ana@example.com'},
            {id: 'ben', name: 'Ben Ode', email: 'ben@example.com'},
            {id: 'cy', name: 'Cy Ray', email: 'cy@example.com'},
          ],
        },
        strategy: 'least_loaded',
        liveAvailability: {
          source: [
            {email: 'ana@example.com', presence: 'online', openDeals: 6},
            {email: 'ben@example.com', presence: 'online', openDeals: 4},
            {email: 'cy@example.com', presence: 'offline', openDeals: 0},
          ],
          availableField: 'presence',
          openLoadField: 'openDeals',
        },
      },
      items: [{id: 1}, {id: 2}, {id: 3}, {id: 4}],
    });
    // ben 4 -> 5 -> 6 (tie with ana: rotation after ben gives ana) -> ...
    expect(output[0].map(i => routing(i).ownerId)).toEqual(['ben', 'ben', 'ana', 'ben']);
  });

  test('an error item: assigned anyway with the availability_unknown warning', async () => {
    const {output} = await runNode(roundRobin, {
      parameters: {
        operation: 'assign',
        assignees: {assignee: [{id: 'ana'}, {id: 'ben'}]},
        liveAvailability: {source: [{json: {error: 'ETIMEDOUT'}}], availableField: 'presence'},
      },
      items: [{id: 1}, {id: 2}],
    });
    expect(output[0].map(i => routing(i).ownerId)).toEqual(['ana', 'ben']);
    expect((routing(output[0][0]).warnings as IDataObject[])[0].code).toBe('availability_unknown');
  });
});

describe('an availability read that gave nothing', () => {
  test.each([
    ['an empty list', []],
    ['the expression `… ?? []` over an error item, as n8n resolves it', '[]'],
  ])('%s: every lead routed, each decision warns availability_unknown', async (_, source) => {
    const [assigned] = await route({source, repField: 'email', availableField: 'presence'});
    expect(assigned).toHaveLength(3);
    for (const i of assigned)
      expect((routing(i).warnings as IDataObject[])?.map(w => w.code)).toEqual(['availability_unknown']);
  });
});

test('n8n leaves Source out when its expression gives an empty list: read as "no rows came back", never as off', () => {
  // What getNodeParameter('liveAvailability') returns in n8n 2.40.7 for `… ?? []` over a failed read's error item.
  const ctx = {
    getNodeParameter: () => ({repField: 'properties.hubspot_owner_id'}),
    getNode: () => ({
      parameters: {liveAvailability: {source: "={{ $('Get availability').first().json.results ?? [] }}"}},
    }),
  } as unknown as IExecuteFunctions;
  const config = liveAvailabilityOnce(ctx)({reps: [{id: 'ana'}, {id: 'ben'}]});
  expect(config.reps).toEqual([
    {id: 'ana', presence: null},
    {id: 'ben', presence: null},
  ]);
  // No Source at all: live availability is off, the reps are left as they are.
  const off = {getNodeParameter: () => ({}), getNode: () => ({parameters: {}})} as unknown as IExecuteFunctions;
  expect(liveAvailabilityOnce(off)({reps: [{id: 'ana'}]}).reps).toEqual([{id: 'ana'}]);
});

describe('readLiveRows', () => {
  test('says why nothing could be read', () => {
    expect(readLiveRows({source: [{error: {message: 'HTTP 500'}}]})?.failed).toBe('HTTP 500');
    expect(readLiveRows({source: []})?.failed).toBe('no rows came back');
    expect(readLiveRows({source: ''})).toBeNull();
    expect(() => readLiveRows({source: '{not json'})).toThrow(/liveAvailability.source/);
  });
});
