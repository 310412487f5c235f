import { deciderSpecification, fold, IllegalTransition, RuleViolation } from '@itsm/event-sourcing';
import { InvalidMoney } from '../money';
import type { CostPoolOpened } from './events';
import type { OpenCostPool } from './commands';
import { costPoolDecider } from './decide';

const costPoolId = '0190f3a4-6666-7222-8333-944445555666';
const owner = '0190f3a4-1111-7222-8333-944445555666';
const now = new Date('2026-03-02T09:30:00.000Z');
const metadata = { now, actor: { id: 'finance-1', role: 'finance' } };
const at = now.toISOString();

const open = (data: Partial<OpenCostPool['data']> = {}): OpenCostPool => ({
  type: 'OpenCostPool',
  data: { costPoolId, name: 'Hosting', currency: 'EUR', ownerCostCenterId: owner, ...data },
  metadata,
});
const opened = (data: Partial<CostPoolOpened['data']> = {}): CostPoolOpened => ({
  type: 'CostPoolOpened',
  data: { costPoolId, name: 'Hosting', currency: 'EUR', ownerCostCenterId: owner, openedAt: at, ...data },
});
const rename = (name: string) => ({ type: 'RenameCostPool' as const, data: { name }, metadata });
const close = () => ({ type: 'CloseCostPool' as const, data: {}, metadata });
const closed = { type: 'CostPoolClosed' as const, data: { costPoolId, closedAt: at } };

const spec = deciderSpecification(costPoolDecider, expect);
const given = spec.given.bind(spec);

describe('Cost pool decider', () => {
  describe('when not opened yet', () => {
    it('opens the pool with its name, currency and owner cost center', () => {
      given([]).when(open({ name: ' Hosting ' })).then([opened()]);
    });
    it('refuses a blank name, an unknown currency and no owner', () => {
      given([]).when(open({ name: '' })).thenThrows(RuleViolation, 'The name must not be blank');
      given([]).when(open({ currency: 'EU' })).thenThrows(InvalidMoney, /"EU"/);
      given([]).when(open({ ownerCostCenterId: ' ' })).thenThrows(RuleViolation, 'The owner cost center must not be blank');
    });
    it('refuses to rename or close what is not opened', () => {
      given([]).when(rename('x')).thenThrows(IllegalTransition, 'The cost pool is not opened yet');
      given([]).when(close()).thenThrows(IllegalTransition, 'The cost pool is not opened yet');
    });
  });

  describe('when opened', () => {
    it('refuses to open it again', () => {
      given([opened()]).when(open()).thenThrows(IllegalTransition, `Cost pool ${costPoolId} is already opened`);
    });
    it('renames it, and does nothing for the name it has', () => {
      given([opened()]).when(rename('Cloud hosting')).then([{ type: 'CostPoolRenamed', data: { costPoolId, name: 'Cloud hosting', previousName: 'Hosting', renamedAt: at } }]);
      given([opened()]).when(rename('Hosting')).thenNothingHappens();
    });
    it('closes it; a closed pool takes no more changes', () => {
      given([opened()]).when(close()).then([closed]);
      expect(fold(costPoolDecider, [opened(), closed])).toMatchObject({ status: 'closed' });
      given([opened(), closed]).when(rename('x')).thenThrows(IllegalTransition, `Cost pool ${costPoolId} is closed and cannot be renamed`);
      given([opened(), closed]).when(close()).thenThrows(IllegalTransition, /is closed and cannot be closed/);
    });
  });
});
