import { deciderSpecification, fold, IllegalTransition, RuleViolation } from '@itsm/event-sourcing';
import { changeDecider } from './decide';
import { changeId, raised, raise, now } from './change.builders';

const spec = deciderSpecification(changeDecider, expect);
const given = spec.given.bind(spec);

describe('Change decider', () => {
  describe('when not raised yet', () => {
    it('raises the change with its short description, at the time of the command', () => {
      given([]).when(raise()).then([raised()]);
    });
    it('trims the short description', () => {
      given([]).when(raise({ shortDescription: '  Short description of the change  ' })).then([raised()]);
    });
    it('refuses a blank short description', () => {
      given([]).when(raise({ shortDescription: '   ' })).thenThrows(RuleViolation, 'The short description must not be blank');
    });
    it('refuses a short description over 160 characters', () => {
      given([]).when(raise({ shortDescription: 'x'.repeat(161) })).thenThrows(RuleViolation, /at most 160 characters/);
      given([]).when(raise({ shortDescription: 'x'.repeat(160) })).then([raised({ shortDescription: 'x'.repeat(160) })]);
    });
  });

  describe('when raised', () => {
    it('refuses to raise it again', () => {
      given([raised()]).when(raise()).thenThrows(IllegalTransition, `Change ${changeId} is already raised`);
    });
    it('holds what the change was raised with', () => {
      expect(fold(changeDecider, [raised()])).toEqual({
        status: 'raised',
        changeId,
        shortDescription: 'Short description of the change',
        raisedAt: now.toISOString(),
      });
    });
  });
});
