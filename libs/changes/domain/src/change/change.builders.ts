import type { RaiseChange } from './commands';
import type { ChangeRaised } from './events';

/** Facts the specs share; each builder takes only what a test changes. */
export const changeId = '0190f3a4-1111-7222-8333-944445555666';
export const now = new Date('2026-03-02T09:30:00.000Z');
const metadata = { now, actor: { id: 'agent-7', role: 'agent' } };

export const raise = (data: Partial<RaiseChange['data']> = {}): RaiseChange => ({
  type: 'RaiseChange',
  data: { changeId, shortDescription: 'Short description of the change', ...data },
  metadata,
});

export const raised = (data: Partial<ChangeRaised['data']> = {}): ChangeRaised => ({
  type: 'ChangeRaised',
  data: { changeId, shortDescription: 'Short description of the change', raisedAt: now.toISOString(), ...data },
});
