import { fold } from '@itsm/event-sourcing';
import { changeDecider } from './decide';
import { changeId, fields, hrService, payrollService, raised, updated } from './change.builders';
import { materialContentHash, materialContentOf } from './material-content';
import type { RaisedChange } from './state';

const content = { changeId, ...fields };

describe('material content (what an approver approves)', () => {
  it('is canonical JSON of the change id and its material fields only', () => {
    expect(JSON.parse(materialContentOf(content))).toEqual({
      changeId,
      plannedStart: fields.plannedStart,
      plannedEnd: fields.plannedEnd,
      serviceIds: [payrollService],
      implementationPlan: fields.implementationPlan,
      backoutPlan: fields.backoutPlan,
      testPlan: fields.testPlan,
    });
    expect(materialContentOf(content)).toBe(materialContentOf({ ...content, description: 'Other words', shortDescription: 'Other' } as never));
  });

  it('does not depend on the order of the services or of the fields', () => {
    const { testPlan, plannedStart, ...rest } = content;
    const reordered = { testPlan, ...rest, plannedStart, serviceIds: [hrService, payrollService] };
    expect(Object.keys(reordered)).not.toEqual(Object.keys(content));
    expect(materialContentOf(reordered)).toBe(materialContentOf({ ...content, serviceIds: [payrollService, hrService] }));
  });

  it('changes with any material field', () => {
    for (const [field, value] of Object.entries({
      plannedStart: '2026-03-10T19:00:00.000Z', plannedEnd: '2026-03-10T23:00:00.000Z', serviceIds: [hrService],
      implementationPlan: 'x', backoutPlan: 'y', testPlan: 'z', changeId: 'another',
    })) {
      expect([field, materialContentHash({ ...content, [field]: value })]).not.toEqual([field, materialContentHash(content)]);
    }
  });

  it('hashes as sha256 hex, and reads straight from the folded change', () => {
    expect(materialContentHash(content)).toMatch(/^[0-9a-f]{64}$/);
    const change = fold(changeDecider, [raised(), updated({ description: 'Not material' })]) as RaisedChange;
    expect(materialContentHash(change)).toBe(materialContentHash(content));
  });
});
