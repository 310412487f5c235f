import { InvalidEventSelection, parseEventSelection } from './event-selection';

describe('parseEventSelection', () => {
  it('selects every type when absent or empty', () => {
    expect(parseEventSelection(undefined).eventTypes).toBeUndefined();
    expect(parseEventSelection(' ').matches('itsm.finance.CostCenterOpened.v1')).toBe(true);
  });

  it('takes exact CloudEvents types and prefixes, and names the log types behind them', () => {
    const selection = parseEventSelection('itsm.catalog.*, itsm.finance.CostCenterOpened.v1');
    expect(selection.matches('itsm.catalog.ServiceRegistered.v1')).toBe(true);
    expect(selection.matches('itsm.finance.CostCenterOpened.v1')).toBe(true);
    expect(selection.matches('itsm.finance.CostCenterClosed.v1')).toBe(false);
    expect(selection.eventTypes).toContain('CostCenterOpened');
    expect(selection.eventTypes).not.toContain('CostCenterClosed');
  });

  it.each([
    ['not a type', 'itsm incidents'],
    ['a star inside', 'itsm.*.IncidentOpened.v1'],
    ['an unknown type', 'itsm.incidents.IncidentTeleported.v1'],
    ['an outdated or future version', 'itsm.finance.CostCenterOpened.v9'],
    ['a prefix that matches nothing', 'acme.*'],
    ['an empty entry', 'itsm.*,,itsm.catalog.*'],
  ])('refuses %s', (_case, types) => {
    expect(() => parseEventSelection(types)).toThrow(InvalidEventSelection);
  });
});
