// Agreement: every matcher must pick the same exact and partial territory, with the same scores,
// as the linear scan (the most literal reading of the rules) for every lead it is given.
import {AsyncMatcher, describePick, Matcher, Pick, samePick} from './pick';
import type {SynthLead} from './synth';

export interface Agreement {
  matcher: string;
  leads: number;
  mismatches: number;
  /** First few disagreements, readable. */
  examples: string[];
}

function record(name: string, leads: SynthLead[], got: Pick[], want: Pick[]): Agreement {
  const examples: string[] = [];
  let mismatches = 0;
  for (let i = 0; i < got.length; i++) {
    if (!samePick(got[i], want[i])) {
      mismatches++;
      if (examples.length < 3) {
        const l = leads[i];
        examples.push(
          `${name} lead ${l.id} (zip ${l.zip}, ${l.state}, ${l.productLine}): got ${describePick(got[i])}, expected ${describePick(want[i])}`,
        );
      }
    }
  }
  return {matcher: name, leads: got.length, mismatches, examples};
}

export function agreeSync(name: string, m: Matcher, leads: SynthLead[], reference: Pick[]): Agreement {
  return record(name, leads, leads.map(m), reference.slice(0, leads.length));
}

export async function agreeAsync(
  name: string,
  m: AsyncMatcher,
  leads: SynthLead[],
  reference: Pick[],
  inFlight = 1,
): Promise<Agreement> {
  const got: Pick[] = new Array(leads.length);
  let next = 0;
  const worker = async () => {
    while (next < leads.length) {
      const i = next++;
      got[i] = await m(leads[i]);
    }
  };
  await Promise.all(Array.from({length: inFlight}, worker));
  return record(name, leads, got, reference.slice(0, leads.length));
}
