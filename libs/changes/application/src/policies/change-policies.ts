import { readFileSync } from 'node:fs';
import {
  DEFAULT_RISK_POLICY,
  defaultApprovalPolicy,
  parseApprovalPolicy,
  parseRiskPolicy,
  type ApprovalPolicy,
  type RiskPolicy,
} from '@itsm/changes-domain';

/** The policies the changes handlers apply, fixed when the process starts. */
export interface ChangePolicies {
  /** Rules and questionnaire of the risk assessment (`assessRisk`). */
  risk: RiskPolicy;
  /** Which approval stages a change goes through, by type and risk level. */
  approval: ApprovalPolicy;
  /** How far back the implementer group's completed changes count for its failure rate. */
  implementerLookBackDays: number;
}

export const DEFAULT_IMPLEMENTER_LOOK_BACK_DAYS = 90;

export const DEFAULT_CHANGE_POLICIES: ChangePolicies = {
  risk: DEFAULT_RISK_POLICY,
  approval: defaultApprovalPolicy(),
  implementerLookBackDays: DEFAULT_IMPLEMENTER_LOOK_BACK_DAYS,
};

/** The settings that shape the policies (environment variables, read at start-up). */
export interface ChangePolicySettings {
  /** A risk policy: its JSON, or the path of a JSON file (`parseRiskPolicy`). Default `DEFAULT_RISK_POLICY`. */
  ITSM_CHANGE_RISK_POLICY?: string;
  /** An approval policy: its JSON, or the path of a JSON file (`parseApprovalPolicy`). Default: the default policy. */
  ITSM_CHANGE_APPROVAL_POLICY?: string;
  /** Comma-separated ids of the CAB members the default approval policy names (not with ITSM_CHANGE_APPROVAL_POLICY). */
  ITSM_CHANGE_CAB_MEMBERS?: string;
  /** Comma-separated ids of the ECAB members the default approval policy names (not with ITSM_CHANGE_APPROVAL_POLICY). */
  ITSM_CHANGE_ECAB_MEMBERS?: string;
  /** Days of the implementer's record the risk assessment counts; default 90. */
  ITSM_CHANGE_RISK_LOOKBACK_DAYS?: string | number;
}

/** The policy settings cannot be used: every problem, one line each, naming its variable. */
export class ChangePolicySettingsInvalid extends Error {
  override readonly name = 'ChangePolicySettingsInvalid';
  constructor(readonly problems: readonly string[]) {
    super(['Invalid change policy settings:', ...problems.map((problem) => `  ${problem}`)].join('\n'));
  }
}

const blank = (value: string | undefined): value is undefined => value === undefined || value.trim() === '';

const membersOf = (value: string | undefined): string[] => (blank(value) ? [] : [...new Set(value.split(',').map((id) => id.trim()).filter((id) => id !== ''))]);

/**
 * The policies from the settings, each checked strictly (a policy with a mistyped field would silently weaken the
 * controls): a JSON text starting with `{`, or the path of a file holding it. Throws ChangePolicySettingsInvalid
 * listing every problem, so that the process refuses to start rather than assess or approve with a wrong policy.
 */
export const changePoliciesFrom = (
  settings: ChangePolicySettings,
  readFile: (path: string) => string = (path) => readFileSync(path, 'utf8'),
): ChangePolicies => {
  const problems: string[] = [];
  const parsed = <Policy>(name: keyof ChangePolicySettings, parse: (json: unknown) => Policy): Policy | undefined => {
    const value = settings[name];
    if (typeof value !== 'string' || blank(value)) return undefined;
    try {
      const text = value.trimStart().startsWith('{') ? value : readFile(value.trim());
      return parse(JSON.parse(text));
    } catch (error) {
      problems.push(`${name}: ${error instanceof Error ? error.message.replace(/\n/g, '\n    ') : String(error)}`);
      return undefined;
    }
  };
  const risk = parsed('ITSM_CHANGE_RISK_POLICY', parseRiskPolicy);
  const approval = parsed('ITSM_CHANGE_APPROVAL_POLICY', parseApprovalPolicy);
  const boards = { cab: membersOf(settings.ITSM_CHANGE_CAB_MEMBERS), ecab: membersOf(settings.ITSM_CHANGE_ECAB_MEMBERS) };
  if (!blank(settings.ITSM_CHANGE_APPROVAL_POLICY) && boards.cab.length + boards.ecab.length > 0) {
    problems.push('ITSM_CHANGE_CAB_MEMBERS and ITSM_CHANGE_ECAB_MEMBERS name the boards of the default approval policy: name them in ITSM_CHANGE_APPROVAL_POLICY instead');
  }
  const rawDays = settings.ITSM_CHANGE_RISK_LOOKBACK_DAYS;
  const days = rawDays === undefined || rawDays === '' ? DEFAULT_IMPLEMENTER_LOOK_BACK_DAYS : Number(rawDays);
  if (!Number.isInteger(days) || days < 1 || days > 3660) problems.push(`ITSM_CHANGE_RISK_LOOKBACK_DAYS: must be a whole number of days from 1 to 3660 (got ${JSON.stringify(rawDays)})`);
  if (problems.length > 0) throw new ChangePolicySettingsInvalid(problems);
  return {
    risk: risk ?? DEFAULT_RISK_POLICY,
    approval: approval ?? defaultApprovalPolicy(boards),
    implementerLookBackDays: days,
  };
};
