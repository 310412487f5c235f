import { CURRENCY_CODES } from '@itsm/finance-domain';

/** Finance's own settings, read from the environment and checked when the finance module starts. */
export interface FinanceSettings {
  /** `ITSM_FINANCE_REPORTING_CURRENCY` (default EUR): the ISO 4217 currency statements and totals are reported in. */
  reportingCurrency: string;
}

export const DEFAULT_REPORTING_CURRENCY = 'EUR';

/** A finance setting that is not valid: the host refuses to start, naming it. */
export class InvalidFinanceSettings extends Error {
  override readonly name = 'InvalidFinanceSettings';
}

/** The settings of `env`, or InvalidFinanceSettings naming every invalid one. */
export const financeSettingsFrom = (env: Record<string, unknown>): FinanceSettings => {
  const raw = env['ITSM_FINANCE_REPORTING_CURRENCY'];
  const reportingCurrency = raw === undefined || raw === '' ? DEFAULT_REPORTING_CURRENCY : String(raw).trim();
  if (!CURRENCY_CODES.includes(reportingCurrency)) {
    throw new InvalidFinanceSettings(
      `Invalid settings: ITSM_FINANCE_REPORTING_CURRENCY must be an ISO 4217 currency code in upper case such as EUR or USD, not "${String(raw).slice(0, 20)}"`,
    );
  }
  return { reportingCurrency };
};
