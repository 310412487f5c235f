import { DEFAULT_RISK_POLICY } from './default-risk-policy';
import { parseRiskPolicy } from './parse-risk-policy';
import { RiskPolicyInvalid, type RiskPolicyProblem } from './risk-errors';
import { asJson } from './risk.builders';

// A policy file as it arrives: plain JSON, edited by each case.
type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any
const policyFile = (edit: (file: Json) => void = () => undefined): Json => {
  const file = asJson(DEFAULT_RISK_POLICY) as Json;
  edit(file);
  return file;
};

const problemsOf = (file: unknown): readonly RiskPolicyProblem[] => {
  try {
    parseRiskPolicy(file);
  } catch (error) {
    if (error instanceof RiskPolicyInvalid) return error.problems;
    throw error;
  }
  throw new Error('Expected the policy to be refused');
};

describe('Parsing a risk policy file', () => {
  describe('given a valid policy', () => {
    it('accepts the default policy round-tripped through JSON, unchanged', () => {
      expect(parseRiskPolicy(asJson(DEFAULT_RISK_POLICY))).toEqual(DEFAULT_RISK_POLICY);
    });

    it('returns a copy: later edits to the file object do not reach the policy', () => {
      const file = policyFile();
      const policy = parseRiskPolicy(file);
      file.rules[0].level = 'low';
      expect(policy.rules[0].level).toBe('high');
    });

    it('accepts a policy with no rules (questionnaire only)', () => {
      expect(parseRiskPolicy(policyFile((f) => (f.rules = []))).rules).toEqual([]);
    });
  });

  describe('given a bad policy, it names the problem by its path', () => {
    it.each<[string, unknown, string, string | RegExp]>([
      ['not an object', null, '(policy)', 'must be an object'],
      ['a list', [], '(policy)', 'must be an object'],
      ['no version', policyFile((f) => delete f.version), 'version', 'is required'],
      ['a blank version', policyFile((f) => (f.version = '  ')), 'version', 'must be a non-blank string'],
      ['an unknown field', policyFile((f) => (f.author = 'me')), 'author', /is not a known field/],
      ['rules not a list', policyFile((f) => (f.rules = {})), 'rules', 'must be a list'],
      ['a rule that is not an object', policyFile((f) => (f.rules[3] = 'wide-impact')), 'rules[3]', 'must be an object'],
      ['a rule without id', policyFile((f) => delete f.rules[0].id), 'rules[0].id', 'is required'],
      ['an unknown fact', policyFile((f) => (f.rules[0].when = { fact: 'moonPhase', is: 'full' })), 'rules[0].when.fact', /must be one of maxServiceCriticality, .*, not "moonPhase"/],
      ['a condition without a fact', policyFile((f) => (f.rules[0].when = { atLeast: 3 })), 'rules[0].when.fact', /is required/],
      ['a condition that is not an object', policyFile((f) => (f.rules[0].when = 'always')), 'rules[0].when', 'must be an object'],
      ['an unknown level', policyFile((f) => (f.rules[1].level = 'severe')), 'rules[1].level', 'must be one of "low", "moderate", "high", "very-high", not "severe"'],
      ['a mistyped condition field', policyFile((f) => (f.rules[3].when = { fact: 'dependentServiceCount', atleast: 10 })), 'rules[3].when.atleast', /is not a known field \(expected fact, atLeast\)/],
      ['a count that is not a number', policyFile((f) => (f.rules[3].when.atLeast = 'ten')), 'rules[3].when.atLeast', 'must be a whole number ≥ 1, not "ten"'],
      ['a count of 0', policyFile((f) => (f.rules[4].when.atLeast = 0)), 'rules[4].when.atLeast', 'must be a whole number ≥ 1, not 0'],
      ['a fractional outage', policyFile((f) => (f.rules[6].when.atLeast = 59.5)), 'rules[6].when.atLeast', 'must be a whole number ≥ 1, not 59.5'],
      ['an unknown criticality', policyFile((f) => (f.rules[0].when.atLeast = 'severe')), 'rules[0].when.atLeast', /must be one of "low", "medium", "high", "critical"/],
      ['a failure rate above 1', policyFile((f) => (f.rules[9].when.atLeast = 20)), 'rules[9].when.atLeast', /must be a ratio above 0 and at most 1/],
      ['a failure rate without minChanges', policyFile((f) => delete f.rules[9].when.minChanges), 'rules[9].when.minChanges', 'is required'],
      ['a window condition on false', policyFile((f) => (f.rules[8].when.is = false)), 'rules[8].when.is', 'must be true'],
      ['an unknown change type', policyFile((f) => (f.rules[10].when.is = 'urgent')), 'rules[10].when.is', /must be one of "standard", "normal", "emergency"/],
      ['a duplicate rule id', policyFile((f) => (f.rules[4].id = 'wide-impact')), 'rules[4].id', 'duplicates the rule id "wide-impact" of rules[3]'],
      ['no questionnaire', policyFile((f) => delete f.questionnaire), 'questionnaire', 'is required'],
      ['no questions', policyFile((f) => (f.questionnaire.questions = [])), 'questionnaire.questions', 'must hold at least one question'],
      ['a duplicate question id', policyFile((f) => (f.questionnaire.questions[2].id = 'tested')), 'questionnaire.questions[2].id', 'duplicates the question id "tested" of questionnaire.questions[0]'],
      ['a question without answers', policyFile((f) => delete f.questionnaire.questions[1].answers), 'questionnaire.questions[1].answers', 'is required'],
      ['a question with no answer offered', policyFile((f) => (f.questionnaire.questions[1].answers = [])), 'questionnaire.questions[1].answers', 'must offer at least one answer'],
      ['a duplicate answer id', policyFile((f) => (f.questionnaire.questions[0].answers[2].id = 'fully')), 'questionnaire.questions[0].answers[2].id', 'duplicates the answer id "fully" of questionnaire.questions[0].answers[0]'],
      ['an answer without score', policyFile((f) => delete f.questionnaire.questions[0].answers[1].score), 'questionnaire.questions[0].answers[1].score', 'is required'],
      ['a negative score', policyFile((f) => (f.questionnaire.questions[0].answers[1].score = -1)), 'questionnaire.questions[0].answers[1].score', 'must be a number ≥ 0, not -1'],
      ['a weight of 0', policyFile((f) => (f.questionnaire.questions[5].weight = 0)), 'questionnaire.questions[5].weight', 'must be a number above 0, not 0'],
      ['a missing threshold', policyFile((f) => delete f.questionnaire.thresholds['very-high']), 'questionnaire.thresholds.very-high', 'is required'],
      ['high not above moderate', policyFile((f) => (f.questionnaire.thresholds.high = 6)), 'questionnaire.thresholds.high', 'must be above moderate (6), not 6'],
      ['very-high not above high', policyFile((f) => (f.questionnaire.thresholds['very-high'] = 10)), 'questionnaire.thresholds.very-high', 'must be above high (12), not 10'],
    ])('refuses %s', (_case, file, path, message) => {
      const problems = problemsOf(file);
      expect(problems).toContainEqual({ path, message: typeof message === 'string' ? message : expect.stringMatching(message) });
    });
  });

  it('lists every problem at once, each with its path, in the error message too', () => {
    const file = policyFile((f) => {
      f.version = '';
      f.rules[0].level = 'extreme';
      f.questionnaire.thresholds.high = 1;
    });
    const problems = problemsOf(file);
    expect(problems.map(({ path }) => path)).toEqual(['version', 'rules[0].level', 'questionnaire.thresholds.high']);
    expect(() => parseRiskPolicy(file)).toThrow(/^The risk policy is invalid \(3 problems\):\n- version: .*\n- rules\[0\]\.level: .*\n- questionnaire\.thresholds\.high: /);
  });

  it('reports only the fact of a condition whose fact is unknown (its other fields depend on it)', () => {
    expect(problemsOf(policyFile((f) => (f.rules[0].when = { fact: 'moonPhase', is: 'full' })))).toHaveLength(1);
  });
});
