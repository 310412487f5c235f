import type { ChangeQuorum } from '@itsm/contracts';
import { RuleViolation } from '@itsm/event-sourcing';
import fc from 'fast-check';
import { approvalsNeeded, evaluateStage, type StageTally } from './quorum';

const any: ChangeQuorum = { rule: 'any' };
const majority: ChangeQuorum = { rule: 'majority' };
const unanimous: ChangeQuorum = { rule: 'unanimous' };
const nOfM = (n: number): ChangeQuorum => ({ rule: 'n-of-m', n });
const tally = (approvals: number, rejections: number, eligible: number | null): StageTally => ({ approvals, rejections, eligible });

describe('approval quorum', () => {
  describe('approvals needed', () => {
    it.each([
      ['any of 5', 1, any, 5],
      ['any of an open pool', 1, any, null],
      ['2-of-3', 2, nOfM(2), 3],
      ['2 of an open pool', 2, nOfM(2), null],
      ['majority of 4', 3, majority, 4],
      ['majority of 5', 3, majority, 5],
      ['majority of 1', 1, majority, 1],
      ['unanimous of 3', 3, unanimous, 3],
    ] as const)('%s needs %i', (_name, needed, quorum, eligible) => {
      expect(approvalsNeeded(quorum, eligible)).toBe(needed);
    });

    it.each([
      ['majority of an open pool', majority, null, /majority quorum needs a named list/],
      ['unanimous of an open pool', unanimous, null, /unanimous quorum needs a named list/],
      ['4-of-3', nOfM(4), 3, /cannot ask 4 approvals of 3 approvers/],
      ['0-of-3', nOfM(0), 3, /needs n of 1 or more/],
      ['1.5-of-3', nOfM(1.5), 3, /needs n of 1 or more/],
    ] as const)('refuses %s', (_name, quorum, eligible, message) => {
      expect(() => approvalsNeeded(quorum, eligible)).toThrow(RuleViolation);
      expect(() => approvalsNeeded(quorum, eligible)).toThrow(message);
    });
  });

  describe('stage outcome', () => {
    it.each([
      // quorum, veto, approvals, rejections, eligible → outcome
      ['any: one approval approves', any, false, 1, 0, 3, 'approved'],
      ['any: nothing yet is pending', any, false, 0, 0, 3, 'pending'],
      ['any: a rejection of 3 is counted, still reachable', any, false, 0, 1, 3, 'pending'],
      ['any: all 3 rejected', any, false, 0, 3, 3, 'rejected'],
      ['any, open pool: rejections never close it', any, false, 0, 7, null, 'pending'],
      ['any, veto: one rejection rejects', any, true, 0, 1, 3, 'rejected'],
      ['any, open pool, veto: one rejection rejects', any, true, 0, 1, null, 'rejected'],
      ['2-of-3: one approval is pending', nOfM(2), false, 1, 0, 3, 'pending'],
      ['2-of-3: two approvals approve', nOfM(2), false, 2, 0, 3, 'approved'],
      ['2-of-3: one rejection leaves two who can approve', nOfM(2), false, 0, 1, 3, 'pending'],
      ['2-of-3: two rejections make it unreachable', nOfM(2), false, 1, 2, 3, 'rejected'],
      ['2 of an open pool: two approvals approve', nOfM(2), false, 2, 5, null, 'approved'],
      ['majority of 4: two approvals are not enough', majority, false, 2, 0, 4, 'pending'],
      ['majority of 4: three approve', majority, false, 3, 1, 4, 'approved'],
      ['majority of 4: two rejections make three unreachable', majority, false, 1, 2, 4, 'rejected'],
      ['majority of 5: three approve', majority, false, 3, 0, 5, 'approved'],
      ['unanimous of 3: two approvals wait for the third', unanimous, false, 2, 0, 3, 'pending'],
      ['unanimous of 3: all approve', unanimous, false, 3, 0, 3, 'approved'],
      ['unanimous of 3: one rejection is enough to reject', unanimous, false, 1, 1, 3, 'rejected'],
    ] as const)('%s', (_name, quorum, veto, approvals, rejections, eligible, outcome) => {
      expect(evaluateStage({ quorum, veto }, tally(approvals, rejections, eligible))).toBe(outcome);
    });
  });

  describe('properties', () => {
    /** A consistent tally of m named approvers: approvals + rejections ≤ m. */
    const namedTally = fc
      .integer({ min: 1, max: 25 })
      .chain((m) => fc.tuple(fc.integer({ min: 0, max: m }), fc.constant(m)))
      .chain(([decided, m]) => fc.integer({ min: 0, max: decided }).map((approvals) => tally(approvals, decided - approvals, m)));
    const veto = fc.boolean();

    it('unanimous approval implies majority approval implies any approval', () => {
      fc.assert(
        fc.property(namedTally, veto, (t, v) => {
          const outcome = (quorum: ChangeQuorum) => evaluateStage({ quorum, veto: v }, t);
          if (outcome(unanimous) === 'approved') expect(outcome(majority)).toBe('approved');
          if (outcome(majority) === 'approved') expect(outcome(any)).toBe('approved');
        }),
      );
    });

    it('rejection goes the other way: any rejected implies majority rejected implies unanimous rejected', () => {
      fc.assert(
        fc.property(namedTally, veto, (t, v) => {
          const outcome = (quorum: ChangeQuorum) => evaluateStage({ quorum, veto: v }, t);
          if (outcome(any) === 'rejected') expect(outcome(majority)).toBe('rejected');
          if (outcome(majority) === 'rejected') expect(outcome(unanimous)).toBe('rejected');
        }),
      );
    });

    const quorumFor = (m: number): fc.Arbitrary<ChangeQuorum> =>
      fc.oneof(fc.constant(any), fc.constant(majority), fc.constant(unanimous), fc.integer({ min: 1, max: m }).map(nOfM));
    const stageWith = (tallies: fc.Arbitrary<StageTally>) =>
      tallies.chain((t) => fc.record({ t: fc.constant(t), veto, quorum: quorumFor(t.eligible as number) }));

    it('adding an approval never turns an approved stage into a rejected one, and never rejects an undecided one', () => {
      const undecided = namedTally.filter((t) => t.approvals + t.rejections < (t.eligible as number));
      fc.assert(
        fc.property(stageWith(undecided), ({ t, veto: v, quorum }) => {
          const before = evaluateStage({ quorum, veto: v }, t);
          const after = evaluateStage({ quorum, veto: v }, { ...t, approvals: t.approvals + 1 });
          if (before === 'approved') expect(after).toBe('approved');
          if (before !== 'rejected') expect(after).not.toBe('rejected');
        }),
      );
    });

    it('adding a rejection never turns a rejected stage into an approved or pending one', () => {
      const undecided = namedTally.filter((t) => t.approvals + t.rejections < (t.eligible as number));
      fc.assert(
        fc.property(stageWith(undecided), ({ t, veto: v, quorum }) => {
          const before = evaluateStage({ quorum, veto: v }, t);
          const after = evaluateStage({ quorum, veto: v }, { ...t, rejections: t.rejections + 1 });
          if (before === 'rejected') expect(after).toBe('rejected');
        }),
      );
    });

    it('a stage whose named approvers have all decided is no longer pending', () => {
      const allDecided = namedTally.map((t) => ({ ...t, rejections: (t.eligible as number) - t.approvals }));
      fc.assert(
        fc.property(stageWith(allDecided), ({ t, veto: v, quorum }) => {
          expect(evaluateStage({ quorum, veto: v }, t)).not.toBe('pending');
        }),
      );
    });

    it('a stage open to a role is rejected only by a veto', () => {
      const open = fc.record({ approvals: fc.nat(20), rejections: fc.nat(20), eligible: fc.constant(null) });
      const openQuorum = fc.oneof(fc.constant(any), fc.integer({ min: 1, max: 20 }).map(nOfM));
      fc.assert(
        fc.property(open, openQuorum, (t, quorum) => {
          expect(evaluateStage({ quorum, veto: false }, t)).not.toBe('rejected');
          expect(evaluateStage({ quorum, veto: true }, t)).toBe(t.rejections > 0 ? 'rejected' : t.approvals >= approvalsNeeded(quorum, null) ? 'approved' : 'pending');
        }),
      );
    });
  });
});
