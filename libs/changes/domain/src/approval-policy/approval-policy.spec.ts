import { approvalStagesFor, DEFAULT_APPROVAL_POLICY, defaultApprovalPolicy, type ApprovalPolicy } from './approval-policy';
import { ApprovalPolicyInvalid, parseApprovalPolicy } from './parse-approval-policy';

const technical = { name: 'technical', quorum: { rule: 'any' }, approvers: [], veto: false };
const problemsOf = (json: unknown): string[] => {
  try {
    parseApprovalPolicy(json);
  } catch (error) {
    if (error instanceof ApprovalPolicyInvalid) return error.problems.map(({ path, message }) => `${path}: ${message}`);
    throw error;
  }
  return [];
};

describe('approvalStagesFor: which stages a change goes through', () => {
  describe('with the default policy (no board named)', () => {
    it('asks one technical approval of a low-risk normal change', () => {
      expect(approvalStagesFor(DEFAULT_APPROVAL_POLICY, 'normal', 'low')).toEqual([technical]);
    });
    it('adds a CAB of two approvers from moderate risk, with a veto from high risk', () => {
      const cab = (veto: boolean) => ({ name: 'cab', quorum: { rule: 'n-of-m', n: 2 }, approvers: [], veto });
      expect(approvalStagesFor(DEFAULT_APPROVAL_POLICY, 'normal', 'moderate')).toEqual([technical, cab(false)]);
      expect(approvalStagesFor(DEFAULT_APPROVAL_POLICY, 'normal', 'high')).toEqual([technical, cab(true)]);
      expect(approvalStagesFor(DEFAULT_APPROVAL_POLICY, 'normal', 'very-high')).toEqual([technical, cab(true)]);
    });
    it('asks two ECAB approvals of an emergency change, whatever its risk (it may not be assessed yet)', () => {
      const ecab = [{ name: 'ecab', quorum: { rule: 'n-of-m', n: 2 }, approvers: [], veto: false }];
      expect(approvalStagesFor(DEFAULT_APPROVAL_POLICY, 'emergency', null)).toEqual(ecab);
      expect(approvalStagesFor(DEFAULT_APPROVAL_POLICY, 'emergency', 'very-high')).toEqual(ecab);
    });
    it('has no stages for a standard change (pre-approved) nor for a normal change not assessed', () => {
      expect(approvalStagesFor(DEFAULT_APPROVAL_POLICY, 'standard', 'high')).toEqual([]);
      expect(approvalStagesFor(DEFAULT_APPROVAL_POLICY, 'normal', null)).toEqual([]);
    });
    it('hands out copies: editing them does not change the policy', () => {
      const [stage] = approvalStagesFor(DEFAULT_APPROVAL_POLICY, 'emergency', null);
      stage.approvers.push('mallory');
      expect(approvalStagesFor(DEFAULT_APPROVAL_POLICY, 'emergency', null)[0].approvers).toEqual([]);
    });
  });

  describe('with named boards', () => {
    const policy = defaultApprovalPolicy({ cab: ['cab-1', 'cab-2', 'cab-3'], ecab: ['ecab-1', 'ecab-2', 'ecab-3'] });
    it('makes the CAB a majority of its members', () => {
      expect(approvalStagesFor(policy, 'normal', 'high')[1]).toEqual({ name: 'cab', quorum: { rule: 'majority' }, approvers: ['cab-1', 'cab-2', 'cab-3'], veto: true });
    });
    it('makes the ECAB 2 of its 3 members, or all of a one-member board', () => {
      expect(approvalStagesFor(policy, 'emergency', null)).toEqual([{ name: 'ecab', quorum: { rule: 'n-of-m', n: 2 }, approvers: ['ecab-1', 'ecab-2', 'ecab-3'], veto: false }]);
      expect(approvalStagesFor(defaultApprovalPolicy({ ecab: ['solo'] }), 'emergency', null)[0].quorum).toEqual({ rule: 'n-of-m', n: 1 });
    });
    it('names the policy version after its boards', () => {
      expect([DEFAULT_APPROVAL_POLICY.version, policy.version]).toEqual(['default-1', 'default-1+boards']);
    });
  });
});

describe('parseApprovalPolicy: a policy file checked strictly', () => {
  const valid: ApprovalPolicy = {
    version: 'acme-2026.1',
    normal: {
      low: [technical as never],
      moderate: [technical as never, { name: 'cab', quorum: { rule: 'majority' }, approvers: ['a', 'b', 'c'], veto: false }],
      high: [technical as never, { name: 'cab', quorum: { rule: 'unanimous' }, approvers: ['a', 'b'], veto: true }],
      'very-high': [{ name: 'cab', quorum: { rule: 'n-of-m', n: 3 }, approvers: [], veto: true }],
    },
    emergency: [{ name: 'ecab', quorum: { rule: 'n-of-m', n: 2 }, approvers: ['e1', 'e2', 'e3'], veto: false }],
  };

  it('takes a valid policy (and the default one), as a copy', () => {
    const json = structuredClone(valid);
    const parsed = parseApprovalPolicy(json);
    json.emergency[0].approvers.push('x');
    expect(parsed).toEqual(valid);
    expect(parseApprovalPolicy(JSON.parse(JSON.stringify(DEFAULT_APPROVAL_POLICY)))).toEqual(DEFAULT_APPROVAL_POLICY);
  });

  it('lists every problem with its path', () => {
    const broken = {
      version: ' ',
      normal: {
        low: [],
        moderate: [{ name: 'cab', quorum: { rule: 'majority' }, approvers: [], veto: false }],
        high: [{ name: 'cab', quorum: { rule: 'n-of-m', n: 4 }, approvers: ['a', 'b', 'a'], veto: 'yes' }, { name: 'x', quorum: { rule: 'most' }, approvers: [], veto: false, approver: 'b' }],
        'very-high': [technical, technical],
      },
      emergency: [{ name: 'ecab', quorum: { rule: 'n-of-m', n: 0 }, approvers: [], veto: false }],
      extra: true,
    };
    expect(problemsOf(broken)).toEqual([
      'extra: is not a known field (expected version, normal, emergency)',
      'version: must be a one-line, non-blank name',
      'normal.low: must be a list of one or more stages',
      'normal.moderate[0].quorum: A majority quorum needs a named list of approvers',
      'normal.high[0].veto: must be true or false',
      'normal.high[0].approvers: must be a list of distinct approver ids (empty: anyone acting as cab-member or change-manager)',
      'normal.high[1].approver: is not a known field (expected name, quorum, approvers, veto)',
      'normal.high[1].quorum.rule: must be one of "any", "n-of-m", "majority", "unanimous", not "most"',
      'normal.very-high: names stage "technical" more than once',
      'emergency[0].quorum.n: An n-of-m quorum needs n of 1 or more (got 0)',
    ]);
  });

  it('refuses missing levels and fields, and an n-of-m asking more than its approvers', () => {
    expect(problemsOf({ version: 'v', normal: { low: [technical] }, emergency: [{ name: 'e', quorum: { rule: 'n-of-m', n: 3 }, approvers: ['a', 'b'], veto: false }] })).toEqual([
      'normal.moderate: is required',
      'normal.high: is required',
      'normal.very-high: is required',
      'emergency[0].quorum.n: An n-of-m quorum cannot ask 3 approvals of 2 approvers',
    ]);
    expect(problemsOf([])).toEqual(['(policy): must be an object { version, normal, emergency }']);
    expect(problemsOf({ version: 'v', normal: {}, emergency: [{ name: 'e', quorum: { rule: 'n-of-m' }, approvers: [], veto: false }] })).toContain('emergency[0].quorum.n: is required');
  });
});
