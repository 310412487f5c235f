import { contextOfRecordReference } from './record-contexts';

describe('contextOfRecordReference', () => {
  it.each([
    ['INC0000042', 'incidents'],
    ['inc0000042', 'incidents'],
    ['CHG0000007', 'changes'],
    ['SVC0000001', 'catalog'],
    ['CAL0000003', 'catalog'],
    ['incident-0190f0c2-0000-7000-8000-000000000001', 'incidents'],
    ['freeze-window-0190f0c2-0000-7000-8000-000000000001', 'changes'],
    ['budget-0190f0c2-0000-7000-8000-000000000001', 'finance'],
  ])('finds the context of %s: %s', (reference, context) => {
    expect(contextOfRecordReference(reference)).toBe(context);
  });

  it.each(['XYZ0000001', 'INC', '0190f0c2-0000-7000-8000-000000000001', 'widget-1', ''])('names no context for %p', (reference) => {
    expect(contextOfRecordReference(reference)).toBeUndefined();
  });
});
