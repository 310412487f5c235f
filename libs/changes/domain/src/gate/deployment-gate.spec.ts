import { approvalRecorded, histories, rejected } from '../change/change.builders';
import type { ChangeEvent } from '../change/events';
import { changeDecider } from '../change/decide';
import type { RaisedChange } from '../change/state';
import { deploymentGate } from './deployment-gate';

const fold = (events: ChangeEvent[]): RaisedChange => events.reduce(changeDecider.evolve, changeDecider.initialState()) as RaisedChange;

// The builders' window: 2026-03-10 20:00–22:00 UTC.
const before = new Date('2026-03-10T19:59:59.000Z');
const opening = new Date('2026-03-10T20:00:00.000Z');
const inside = new Date('2026-03-10T21:00:00.000Z');
const closing = new Date('2026-03-10T22:00:00.000Z');

const freeze = { kind: 'freeze-window', detail: 'Year-end freeze (2026-03-01 – 2026-03-31)' };
const majorIncident = { kind: 'major-incident', detail: 'INC0000007, a major incident on Payroll' };
const overlap = { kind: 'service-overlap', detail: 'CHG0000009 (scheduled) also works on Payroll' };

describe('the deployment gate', () => {
  describe('awaiting', () => {
    it.each([
      ['new', histories.normal.new, /CHG0000001 is new: submit it/],
      ['assess', histories.normal.assess, /awaits its risk assessment/],
      ['authorize', histories.normal.authorize, /awaits approval/],
      ['authorize (emergency)', histories.emergency.authorize, /awaits approval/],
    ])('while the change is %s: not yet authorized and scheduled', (_state, history, reason) => {
      expect(deploymentGate(fold(history), [], inside)).toEqual({ verdict: 'awaiting', reason: expect.stringMatching(reason), blockingConflicts: [] });
    });

    it('while the window has not opened, nothing blocking', () => {
      expect(deploymentGate(fold(histories.standard.scheduled), [], before)).toEqual({
        verdict: 'awaiting',
        reason: 'The window of CHG0000001 opens at 2026-03-10T20:00:00.000Z',
        blockingConflicts: [],
      });
    });
  });

  describe('allowed', () => {
    it('from the window’s start up to (not at) its end, scheduled or implementing', () => {
      for (const history of [histories.standard.scheduled, histories.normal.scheduled, histories.normal.implement]) {
        expect(deploymentGate(fold(history), [], opening)).toEqual({ verdict: 'allowed', reason: 'CHG0000001 may be deployed until 2026-03-10T22:00:00.000Z', blockingConflicts: [] });
        expect(deploymentGate(fold(history), [], inside).verdict).toBe('allowed');
      }
    });

    it('with conflicts that do not block the change’s type: a normal change’s overlap, an emergency change’s major incident', () => {
      expect(deploymentGate(fold(histories.normal.scheduled), [overlap], inside).verdict).toBe('allowed');
      expect(deploymentGate(fold(histories.emergency.scheduled), [majorIncident, freeze], inside).verdict).toBe('allowed');
    });
  });

  describe('prevented', () => {
    it('by a blocking conflict, inside the window or before it, naming the conflicts', () => {
      for (const now of [before, inside]) {
        expect(deploymentGate(fold(histories.standard.scheduled), [overlap, freeze], now)).toEqual({
          verdict: 'prevented',
          reason: `CHG0000001 is blocked: ${overlap.detail}; ${freeze.detail}`,
          blockingConflicts: [overlap, freeze],
        });
      }
      expect(deploymentGate(fold(histories.normal.implement), [majorIncident, overlap], inside)).toMatchObject({ verdict: 'prevented', blockingConflicts: [majorIncident] });
    });

    it('once the window is over', () => {
      expect(deploymentGate(fold(histories.normal.scheduled), [], closing)).toEqual({
        verdict: 'prevented',
        reason: 'The window of CHG0000001 ended at 2026-03-10T22:00:00.000Z: reschedule it',
        blockingConflicts: [],
      });
    });

    it('when canceled, with the reason', () => {
      expect(deploymentGate(fold(histories.standard.canceled), [], inside)).toMatchObject({ verdict: 'prevented', reason: 'CHG0000001 was canceled: No longer needed' });
    });

    it('when rejected and not resubmitted, naming who rejected it and why', () => {
      const history = [
        ...histories.normal.authorize,
        approvalRecorded('cab-2', 'reject', { approvals: 0, rejections: 1, eligible: null }, { comment: 'Too risky this month' }),
        rejected(['cab-2']),
      ];
      expect(deploymentGate(fold(history), [], inside)).toMatchObject({
        verdict: 'prevented',
        reason: 'CHG0000001 was rejected at stage cab by cab-2: Too risky this month; rework and submit it again',
      });
    });

    it('once implemented (review, closed): a new deployment is a new change', () => {
      for (const history of [histories.normal.review, histories.normal.closed]) {
        expect(deploymentGate(fold(history), [], inside)).toMatchObject({ verdict: 'prevented', reason: expect.stringMatching(/already implemented \(successful\)/) });
      }
    });
  });
});
