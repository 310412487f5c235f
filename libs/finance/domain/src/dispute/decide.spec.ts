import { deciderSpecification, IllegalTransition, RuleViolation } from '@itsm/event-sourcing';
import type { OpenDispute, ResolveDispute, StartDisputeReview } from './commands';
import type { DisputeOpened, DisputeResolved, DisputeReviewStarted } from './events';
import { disputeDecider } from './decide';

const disputeId = '0190f3a4-1111-7222-8333-944445555666';
const now = new Date('2026-04-03T09:00:00.000Z');
const by = (id: string) => ({ now, actor: { id, role: 'finance' } });
const open = (data: Partial<OpenDispute['data']> = {}): OpenDispute => ({
  type: 'OpenDispute',
  data: { disputeId, statementId: 'stmt-2026-03-sales', lineId: 'line-7', reason: '  The credit for INC0000042 is missing ', ...data },
  metadata: by('sam'),
});
const review = (): StartDisputeReview => ({ type: 'StartDisputeReview', data: {}, metadata: by('fiona') });
const resolve = (data: Partial<ResolveDispute['data']> = {}): ResolveDispute => ({
  type: 'ResolveDispute',
  data: { outcome: 'accepted', resolution: 'Credit added in the next period', ...data },
  metadata: by('fiona'),
});
const opened: DisputeOpened = {
  type: 'DisputeOpened',
  data: { disputeId, statementId: 'stmt-2026-03-sales', lineId: 'line-7', reason: 'The credit for INC0000042 is missing', openedBy: 'sam', state: 'open', openedAt: now.toISOString() },
};
const reviewStarted: DisputeReviewStarted = { type: 'DisputeReviewStarted', data: { disputeId, reviewer: 'fiona', state: 'under-review', reviewStartedAt: now.toISOString() } };
const resolved = (outcome: 'accepted' | 'rejected' = 'accepted', resolution = 'Credit added in the next period'): DisputeResolved => ({
  type: 'DisputeResolved',
  data: { disputeId, outcome, resolution, resolvedBy: 'fiona', state: 'resolved', resolvedAt: now.toISOString() },
});

const spec = deciderSpecification(disputeDecider, expect);
const given = spec.given.bind(spec);

describe('Dispute decider', () => {
  describe('when not opened yet', () => {
    it('opens the dispute of a statement line with its reason, by the caller', () => {
      given([]).when(open()).then([opened]);
    });
    it('refuses a blank reason, statement or line, and a reason too long', () => {
      given([]).when(open({ reason: ' ' })).thenThrows(RuleViolation, 'The reason must not be blank');
      given([]).when(open({ statementId: '' })).thenThrows(RuleViolation, 'The statement must not be blank');
      given([]).when(open({ lineId: ' ' })).thenThrows(RuleViolation, 'The statement line must not be blank');
      given([]).when(open({ reason: 'x'.repeat(2001) })).thenThrows(RuleViolation, 'The reason must be at most 2000 characters');
    });
    it('refuses to review or resolve a dispute that does not exist', () => {
      given([]).when(review()).thenThrows(IllegalTransition, 'The dispute does not exist yet');
      given([]).when(resolve()).thenThrows(IllegalTransition, 'The dispute does not exist yet');
    });
  });

  describe('when open', () => {
    it('refuses to open it again', () => {
      given([opened]).when(open()).thenThrows(IllegalTransition, `Dispute ${disputeId} already exists`);
    });
    it('starts its review, by the reviewer', () => {
      given([opened]).when(review()).then([reviewStarted]);
    });
    it('refuses to resolve it before its review has started', () => {
      given([opened]).when(resolve()).thenThrows(IllegalTransition, 'The dispute is open: it is resolved after its review has started');
    });
  });

  describe('when under review', () => {
    it('records nothing when the review is started again', () => {
      given([opened, reviewStarted]).when(review()).then([]);
    });
    it('resolves it accepted or rejected, with the resolution', () => {
      given([opened, reviewStarted]).when(resolve()).then([resolved()]);
      given([opened, reviewStarted]).when(resolve({ outcome: 'rejected', resolution: ' The breach was superseded ' })).then([resolved('rejected', 'The breach was superseded')]);
    });
    it('refuses another outcome and a blank resolution', () => {
      given([opened, reviewStarted]).when(resolve({ outcome: 'maybe' })).thenThrows(RuleViolation, 'The outcome must be one of accepted, rejected, not maybe');
      given([opened, reviewStarted]).when(resolve({ resolution: '' })).thenThrows(RuleViolation, 'The resolution must not be blank');
    });
  });

  describe('when resolved', () => {
    it('is final: no second resolution, no new review', () => {
      given([opened, reviewStarted, resolved('rejected')]).when(resolve()).thenThrows(IllegalTransition, 'The dispute is already resolved (rejected)');
      given([opened, reviewStarted, resolved()]).when(review()).thenThrows(IllegalTransition, 'The dispute is resolved (accepted) and cannot be reviewed again');
    });
  });
});
