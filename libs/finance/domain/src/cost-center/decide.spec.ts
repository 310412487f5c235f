import { deciderSpecification, fold, IllegalTransition, RuleViolation } from '@itsm/event-sourcing';
import { InvalidMoney } from '../money';
import { costCenterDecider } from './decide';
import { close, closed, costCenterId, later, move, moved, now, open, opened, otherParentId, parentId, rename, renamed } from './cost-center.builders';

const spec = deciderSpecification(costCenterDecider, expect);
const given = spec.given.bind(spec);

describe('Cost center decider', () => {
  describe('when not opened yet', () => {
    it('opens the cost center with its code, name, currency and parent, at the time of the command', () => {
      given([]).when(open()).then([opened()]);
    });
    it('opens a cost center at the top of the hierarchy (no parent)', () => {
      given([]).when(open({ parentId: null })).then([opened({ parentId: null })]);
      given([]).when(open({ parentId: undefined })).then([opened({ parentId: null })]);
    });
    it('trims the name and the code, and upper-cases the code', () => {
      given([]).when(open({ name: '  IT operations  ', code: ' it-ops ' })).then([opened()]);
    });
    it('refuses a blank name', () => {
      given([]).when(open({ name: '   ' })).thenThrows(RuleViolation, 'The name must not be blank');
    });
    it('refuses a name over 160 characters', () => {
      given([]).when(open({ name: 'x'.repeat(161) })).thenThrows(RuleViolation, /at most 160 characters/);
      given([]).when(open({ name: 'x'.repeat(160) })).then([opened({ name: 'x'.repeat(160) })]);
    });
    it('refuses a blank code, one with other characters, and one over 32 characters', () => {
      given([]).when(open({ code: ' ' })).thenThrows(RuleViolation, 'The code must not be blank');
      given([]).when(open({ code: 'IT OPS' })).thenThrows(RuleViolation, /The code "IT OPS" must be a letter or digit/);
      given([]).when(open({ code: '-OPS' })).thenThrows(RuleViolation, /The code "-OPS"/);
      given([]).when(open({ code: 'C'.repeat(33) })).thenThrows(RuleViolation, /at most 32 characters/);
      given([]).when(open({ code: 'C'.repeat(32) })).then([opened({ code: 'C'.repeat(32) })]);
    });
    it('refuses a currency that is not an ISO 4217 code', () => {
      given([]).when(open({ currency: 'EURO' })).thenThrows(InvalidMoney, /"EURO" is not an ISO 4217 currency code/);
      given([]).when(open({ currency: 'eur' })).thenThrows(InvalidMoney, /"eur"/);
      given([]).when(open({ currency: 'JPY' })).then([opened({ currency: 'JPY' })]);
    });
    it('refuses to be its own parent', () => {
      given([]).when(open({ parentId: costCenterId })).thenThrows(RuleViolation, 'A cost center cannot be its own parent');
    });
    it('refuses to rename, move or close what is not opened', () => {
      given([]).when(rename('Other')).thenThrows(IllegalTransition, 'The cost center is not opened yet');
      given([]).when(move(null)).thenThrows(IllegalTransition, 'The cost center is not opened yet');
      given([]).when(close()).thenThrows(IllegalTransition, 'The cost center is not opened yet');
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
        code: 'IT-OPS',
        name: 'IT operations',
        currency: 'EUR',
        parentId,
        openedAt: now.toISOString(),
      });
    });
    it('renames it, keeping the previous name in the event', () => {
      given([opened()]).when(rename('  Infrastructure ')).then([renamed('Infrastructure')]);
      expect(fold(costCenterDecider, [opened(), renamed('Infrastructure')])).toMatchObject({ name: 'Infrastructure' });
    });
    it('does nothing when renamed to the name it has', () => {
      given([opened()]).when(rename('IT operations ')).thenNothingHappens();
    });
    it('refuses a blank new name', () => {
      given([opened()]).when(rename(' ')).thenThrows(RuleViolation, 'The name must not be blank');
    });
    it('moves it under another parent, or to the top', () => {
      given([opened()]).when(move(otherParentId)).then([moved(otherParentId)]);
      given([opened()]).when(move(null)).then([moved(null)]);
      given([opened({ parentId: null })]).when(move(parentId)).then([moved(parentId, null)]);
      expect(fold(costCenterDecider, [opened(), moved(otherParentId)])).toMatchObject({ parentId: otherParentId });
    });
    it('does nothing when moved under the parent it has', () => {
      given([opened()]).when(move(parentId)).thenNothingHappens();
    });
    it('refuses to move under itself (deeper cycles are the application’s check)', () => {
      given([opened()]).when(move(costCenterId)).thenThrows(RuleViolation, 'A cost center cannot be its own parent');
    });
    it('closes it', () => {
      given([opened()]).when(close()).then([closed()]);
      expect(fold(costCenterDecider, [opened(), closed()])).toMatchObject({ status: 'closed', closedAt: later.toISOString() });
    });
  });

  describe('when closed', () => {
    it('refuses to rename, move, close or open it again: there is no reopen', () => {
      given([opened(), closed()]).when(rename('Other')).thenThrows(IllegalTransition, 'Cost center IT-OPS is closed and cannot be renamed');
      given([opened(), closed()]).when(move(null)).thenThrows(IllegalTransition, 'Cost center IT-OPS is closed and cannot be moved');
      given([opened(), closed()]).when(close()).thenThrows(IllegalTransition, 'Cost center IT-OPS is closed and cannot be closed');
      given([opened(), closed()]).when(open()).thenThrows(IllegalTransition, /already opened/);
    });
  });
});
