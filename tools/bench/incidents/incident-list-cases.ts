import { INCIDENT_STATES, PRIORITIES } from '@itsm/contracts';
import type { IncidentListFilter } from '@itsm/incidents-read-models';
import { SEED_SUPPORT_GROUPS, type SeededService } from '../../../apps/cli/src/commands/seed-catalog';
import { SEED_AGENT_COUNT, SEED_DESCRIPTION_WORDS } from '../../../apps/cli/src/commands/seed-incident-plan';

/** One list query shape, asked many times with varied values (`filterFor(i)`), as users would. */
export interface ListCase {
  name: string;
  /** Text search (its own target: p99 < 200 ms) rather than a filter (p99 < 50 ms). */
  textSearch: boolean;
  filterFor(iteration: number): IncidentListFilter;
}

const cycle = <T>(items: readonly T[]) => (iteration: number): T => items[iteration % items.length];

/** Search terms as people type them: whole words, word prefixes, fragments inside words, two words, numbers. */
const searchTerms = (): string[] => {
  const { symptoms, objects, places } = SEED_DESCRIPTION_WORDS;
  const words = [...objects, ...places.map((place) => place.split(' ')[0])];
  return [
    ...words,
    ...objects.map((object) => object.slice(0, 4)),
    ...objects.flatMap((object, index) => [`${object} ${places[index % places.length].split(' ')[0]}`]),
    ...symptoms.map((symptom) => symptom.split(' ')[0].toLowerCase()),
    ...objects.filter((object) => object.length >= 6).map((object) => object.slice(2, 6)),
    ...[1, 42, 4711, 65_432, 999_999].map((n) => `INC${String(n).padStart(7, '0')}`),
    ...['42', '4711'],
  ];
};

export const listCases = (services: readonly SeededService[]): ListCase[] => {
  const states = cycle(INCIDENT_STATES);
  const groups = cycle(SEED_SUPPORT_GROUPS);
  const terms = cycle(searchTerms());
  return [
    { name: 'no filter (newest first)', textSearch: false, filterFor: () => ({}) },
    { name: 'state', textSearch: false, filterFor: (i) => ({ state: states(i) }) },
    { name: 'priority', textSearch: false, filterFor: (i) => ({ priority: cycle(PRIORITIES)(i) }) },
    { name: 'assignment group', textSearch: false, filterFor: (i) => ({ assignmentGroup: groups(i) }) },
    { name: 'group + state (queue)', textSearch: false, filterFor: (i) => ({ assignmentGroup: groups(i), state: i % 2 ? 'assigned' : 'in-progress' }) },
    { name: 'assignee', textSearch: false, filterFor: (i) => ({ assignee: `agent-${1 + ((i * 37) % SEED_AGENT_COUNT)}` }) },
    { name: 'breached', textSearch: false, filterFor: (i) => ({ breached: i % 4 !== 3 }) },
    { name: 'service', textSearch: false, filterFor: (i) => ({ serviceId: cycle(services)(i).serviceId }) },
    { name: 'major', textSearch: false, filterFor: () => ({ major: true }) },
    { name: 'text search (q)', textSearch: true, filterFor: (i) => ({ q: terms(i) }) },
    { name: 'q + state', textSearch: true, filterFor: (i) => ({ q: terms(i), state: states(i + 1) }) },
  ];
};
