import { DEFAULT_RISK_POLICY, defaultApprovalPolicy } from '@itsm/changes-domain';
import { changePoliciesFrom, ChangePolicySettingsInvalid, DEFAULT_CHANGE_POLICIES } from './change-policies';

const approvalPolicy = {
  version: 'acme-1',
  normal: Object.fromEntries(['low', 'moderate', 'high', 'very-high'].map((level) => [level, [{ name: 'cab', quorum: { rule: 'any' }, approvers: [], veto: false }]])),
  emergency: [{ name: 'ecab', quorum: { rule: 'n-of-m', n: 2 }, approvers: ['e1', 'e2', 'e3'], veto: false }],
};

const problemsOf = (settings: Parameters<typeof changePoliciesFrom>[0], readFile?: (path: string) => string): readonly string[] => {
  try {
    changePoliciesFrom(settings, readFile);
    return [];
  } catch (error) {
    if (error instanceof ChangePolicySettingsInvalid) return error.problems;
    throw error;
  }
};

describe('changePoliciesFrom: the change policies from the settings', () => {
  it('uses the defaults when nothing is set', () => {
    expect(changePoliciesFrom({})).toEqual(DEFAULT_CHANGE_POLICIES);
  });

  it('names the boards of the default approval policy', () => {
    const policies = changePoliciesFrom({ ITSM_CHANGE_CAB_MEMBERS: 'cab-1, cab-2,cab-3', ITSM_CHANGE_ECAB_MEMBERS: 'e1,e2,e3' });
    expect(policies.approval).toEqual(defaultApprovalPolicy({ cab: ['cab-1', 'cab-2', 'cab-3'], ecab: ['e1', 'e2', 'e3'] }));
  });

  it('reads policies given as JSON or as the path of a file, and the look-back', () => {
    const files: Record<string, string> = { '/etc/itsm/risk.json': JSON.stringify({ ...DEFAULT_RISK_POLICY, version: 'acme-risk-7' }) };
    const policies = changePoliciesFrom(
      { ITSM_CHANGE_APPROVAL_POLICY: JSON.stringify(approvalPolicy), ITSM_CHANGE_RISK_POLICY: '/etc/itsm/risk.json', ITSM_CHANGE_RISK_LOOKBACK_DAYS: '30' },
      (path) => files[path],
    );
    expect([policies.approval, policies.risk.version, policies.implementerLookBackDays]).toEqual([approvalPolicy, 'acme-risk-7', 30]);
  });

  it('refuses to start with any bad setting, listing every problem with its variable', () => {
    const problems = problemsOf(
      {
        ITSM_CHANGE_APPROVAL_POLICY: JSON.stringify({ ...approvalPolicy, emergency: [] }),
        ITSM_CHANGE_CAB_MEMBERS: 'cab-1',
        ITSM_CHANGE_RISK_POLICY: '/missing.json',
        ITSM_CHANGE_RISK_LOOKBACK_DAYS: '0',
      },
      (path) => {
        throw new Error(`ENOENT: no such file, open '${path}'`);
      },
    );
    expect(problems).toEqual([
      "ITSM_CHANGE_RISK_POLICY: ENOENT: no such file, open '/missing.json'",
      'ITSM_CHANGE_APPROVAL_POLICY: The approval policy is invalid (1 problem):\n    - emergency: must be a list of one or more stages',
      'ITSM_CHANGE_CAB_MEMBERS and ITSM_CHANGE_ECAB_MEMBERS name the boards of the default approval policy: name them in ITSM_CHANGE_APPROVAL_POLICY instead',
      'ITSM_CHANGE_RISK_LOOKBACK_DAYS: must be a whole number of days from 1 to 3660 (got "0")',
    ]);
    expect(problemsOf({ ITSM_CHANGE_APPROVAL_POLICY: '{ not json' })).toEqual([expect.stringMatching(/^ITSM_CHANGE_APPROVAL_POLICY: .*JSON/)]);
  });
});
