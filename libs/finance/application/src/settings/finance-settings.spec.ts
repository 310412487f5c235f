import { financeSettingsFrom, InvalidFinanceSettings } from './finance-settings';

describe('finance settings', () => {
  it('reports in EUR unless ITSM_FINANCE_REPORTING_CURRENCY names another ISO 4217 currency', () => {
    expect(financeSettingsFrom({})).toEqual({ reportingCurrency: 'EUR' });
    expect(financeSettingsFrom({ ITSM_FINANCE_REPORTING_CURRENCY: 'USD' })).toEqual({ reportingCurrency: 'USD' });
    expect(financeSettingsFrom({ ITSM_FINANCE_REPORTING_CURRENCY: ' JPY ' })).toEqual({ reportingCurrency: 'JPY' });
  });

  it('refuses to start with a currency it does not know, naming the setting', () => {
    expect(() => financeSettingsFrom({ ITSM_FINANCE_REPORTING_CURRENCY: 'EURO' })).toThrow(InvalidFinanceSettings);
    expect(() => financeSettingsFrom({ ITSM_FINANCE_REPORTING_CURRENCY: 'eur' })).toThrow(
      'Invalid settings: ITSM_FINANCE_REPORTING_CURRENCY must be an ISO 4217 currency code in upper case such as EUR or USD, not "eur"',
    );
  });
});
