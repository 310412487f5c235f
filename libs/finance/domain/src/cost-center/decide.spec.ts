import { deciderSpecification, fold, IllegalTransition, RuleViolation } from '@itsm/event-sourcing';
import { costCenterDecider } from './decide';
import { costCenterId, opened, open, now } from './cost-center.builders';

const spec = deciderSpecification(costCenterDecider, expect);
const given = spec.given.bind(spec);

describe('Cost center decider', () => {
  describe('when not opened yet', () => {
    it('opens the cost center with its name, at the time of the command', () => {
      given([]).when(open()).then([opened()]);
    });
    it('trims the name', () => {
      given([]).when(open({ name: '  Name of the cost center  ' })).then([opened()]);
    });
    it('refuses a blank name', () => {
      given([]).when(open({ name: '   ' })).thenThrows(RuleViolation, 'The name must not be blank');
    });
    it('refuses a name over 160 characters', () => {
      given([]).when(open({ name: 'x'.repeat(161) })).thenThrows(RuleViolation, /at most 160 characters/);
      given([]).when(open({ name: 'x'.repeat(160) })).then([opened({ name: 'x'.repeat(160) })]);
    });
  });

  describe('when opened', () => {
    it('refuses to open it again', () => {
      given([opened()]).when(open()).thenThrows(IllegalTransition, `Cost center ${costCenterId} is already opened`);
    });
    it('holds what the cost center was opened with', () => {
      expect(fold(costCenterDecider, [opened()])).toEqual({
        status: 'opened',
        costCenterId,
        name: 'Name of the cost center',
        openedAt: now.toISOString(),
      });
    });
  });
});
