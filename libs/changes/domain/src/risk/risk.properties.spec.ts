import fc from 'fast-check';
import { assessRisk } from './assess-risk';
import { backtestRisk, CHANGE_OUTCOMES, type PastChange } from './backtest-risk';
import { DEFAULT_RISK_POLICY } from './default-risk-policy';
import { parseRiskPolicy } from './parse-risk-policy';
import { CHANGE_TYPES, criticalityRank, SERVICE_CRITICALITIES, type QuestionnaireAnswers, type RiskFacts } from './risk-facts';
import { RISK_LEVELS, highestOf, riskRank, type RiskLevel } from './risk-level';
import type { RiskCondition, RiskPolicy, RiskQuestion } from './risk-policy';

// Generators ------------------------------------------------------------------------------------------------------

const id = fc.stringMatching(/^[a-z][a-z0-9-]{0,9}$/);
const level = fc.constantFrom(...RISK_LEVELS);

const facts: fc.Arbitrary<RiskFacts> = fc.record({
  changeType: fc.constantFrom(...CHANGE_TYPES),
  serviceCriticalities: fc.array(fc.constantFrom(...SERVICE_CRITICALITIES), { maxLength: 5 }),
  dependentServiceCount: fc.nat(60),
  expectedOutageMinutes: fc.nat(600),
  outsideMaintenanceWindow: fc.boolean(),
  implementerRecentFailureRate: fc.nat(20).chain((total) => fc.nat(total).map((failed) => ({ failed, total }))),
});

const condition: fc.Arbitrary<RiskCondition> = fc.oneof(
  fc.record({ fact: fc.constant('maxServiceCriticality' as const), atLeast: fc.constantFrom(...SERVICE_CRITICALITIES) }),
  fc.record({ fact: fc.constant('dependentServiceCount' as const), atLeast: fc.integer({ min: 1, max: 60 }) }),
  fc.record({ fact: fc.constant('expectedOutageMinutes' as const), atLeast: fc.integer({ min: 1, max: 600 }) }),
  fc.constant({ fact: 'outsideMaintenanceWindow' as const, is: true as const }),
  fc.record({ fact: fc.constant('implementerFailureRate' as const), atLeast: fc.double({ min: 0.01, max: 1, noNaN: true }), minChanges: fc.integer({ min: 1, max: 10 }) }),
  fc.record({ fact: fc.constant('changeType' as const), is: fc.constantFrom(...CHANGE_TYPES) }),
);

const question: fc.Arbitrary<RiskQuestion> = fc.record({
  id,
  text: fc.constant('A generated question?'),
  weight: fc.oneof(fc.integer({ min: 1, max: 5 }), fc.double({ min: 0.1, max: 5, noNaN: true })),
  answers: fc.uniqueArray(fc.record({ id, text: fc.constant('An answer'), score: fc.nat(4) }), { selector: (a) => a.id, minLength: 1, maxLength: 4 }),
});

/** Any valid policy: the properties hold for candidates too, not only for the default. */
const policy: fc.Arbitrary<RiskPolicy> = fc.record({
  version: id,
  rules: fc.uniqueArray(fc.record({ id, description: fc.constant('A generated rule'), when: condition, level }), { selector: (r) => r.id, maxLength: 8 }),
  questionnaire: fc.record({
    questions: fc.uniqueArray(question, { selector: (q) => q.id, minLength: 1, maxLength: 5 }),
    thresholds: fc.tuple(fc.integer({ min: 1, max: 20 }), fc.integer({ min: 1, max: 20 }), fc.integer({ min: 1, max: 20 }))
      .map(([moderate, step, nextStep]) => ({ moderate, high: moderate + step, 'very-high': moderate + step + nextStep })),
  }),
});

const answersTo = (of: RiskPolicy): fc.Arbitrary<QuestionnaireAnswers> =>
  fc.record(Object.fromEntries(of.questionnaire.questions.map((q) => [q.id, fc.constantFrom(...q.answers.map((a) => a.id))])));

const policyWithInputs = policy.chain((p) => fc.tuple(fc.constant(p), facts, answersTo(p)));

/** The same facts, each as bad or worse: higher criticalities (or more services), more dependents, longer outage, more failures. */
const worse = (f: RiskFacts): fc.Arbitrary<RiskFacts> =>
  fc.record({
    changeType: fc.integer({ min: CHANGE_TYPES.indexOf(f.changeType), max: CHANGE_TYPES.length - 1 }).map((i) => CHANGE_TYPES[i]),
    serviceCriticalities: fc
      .tuple(
        fc.tuple(...f.serviceCriticalities.map((c) => fc.integer({ min: criticalityRank(c), max: SERVICE_CRITICALITIES.length - 1 }).map((i) => SERVICE_CRITICALITIES[i]))),
        fc.array(fc.constantFrom(...SERVICE_CRITICALITIES), { maxLength: 2 }),
      )
      .map(([raised, added]) => [...raised, ...added]),
    dependentServiceCount: fc.nat(30).map((more) => f.dependentServiceCount + more),
    expectedOutageMinutes: fc.nat(300).map((more) => f.expectedOutageMinutes + more),
    outsideMaintenanceWindow: f.outsideMaintenanceWindow ? fc.constant(true) : fc.boolean(),
    implementerRecentFailureRate: fc.nat(10).map((moreFailures) => ({ failed: f.implementerRecentFailureRate.failed + moreFailures, total: f.implementerRecentFailureRate.total + moreFailures })),
  });

const defaultAnswers = answersTo(DEFAULT_RISK_POLICY);
const atLeast = (a: RiskLevel, b: RiskLevel) => riskRank(a) >= riskRank(b);

// Properties ------------------------------------------------------------------------------------------------------

describe('Risk properties', () => {
  it('every valid policy survives a JSON round trip through parseRiskPolicy unchanged', () => {
    fc.assert(fc.property(policy, (p) => expect(parseRiskPolicy(JSON.parse(JSON.stringify(p)))).toEqual(p)));
  });

  it('assessRisk is deterministic and leaves its inputs as they were', () => {
    fc.assert(
      fc.property(policyWithInputs, ([p, f, a]) => {
        const before = structuredClone({ p, f, a });
        expect(assessRisk(f, a, p)).toEqual(assessRisk(f, a, p));
        expect({ p, f, a }).toEqual(before);
      }),
    );
  });

  it('the level is the higher of the rule level and the questionnaire level, never lower than either', () => {
    fc.assert(
      fc.property(policyWithInputs, ([p, f, a]) => {
        const assessment = assessRisk(f, a, p);
        expect(atLeast(assessment.level, assessment.ruleLevel) && atLeast(assessment.level, assessment.questionnaireLevel)).toBe(true);
        expect([assessment.ruleLevel, assessment.questionnaireLevel]).toContain(assessment.level);
        expect(assessment.ruleLevel).toBe(highestOf(assessment.firedRules.map((fired) => fired.level)));
      }),
    );
  });

  it('under the default policy, making facts worse never lowers the level', () => {
    const factsAndWorse = facts.chain((f) => fc.tuple(fc.constant(f), worse(f)));
    fc.assert(
      fc.property(factsAndWorse, defaultAnswers, ([f, w], a) => {
        const before = assessRisk(f, a, DEFAULT_RISK_POLICY);
        const after = assessRisk(w, a, DEFAULT_RISK_POLICY);
        expect(atLeast(after.level, before.level)).toBe(true);
        expect(atLeast(after.ruleLevel, before.ruleLevel)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('under any policy, answers that score as much or more never lower the level', () => {
    const policyAnswersAndWorse = policyWithInputs.chain(([p, f, a]) =>
      fc.tuple(
        fc.constant(p),
        fc.constant(f),
        fc.constant(a),
        fc.record(
          Object.fromEntries(
            p.questionnaire.questions.map((q) => {
              const score = q.answers.find((answer) => answer.id === a[q.id])?.score ?? 0;
              return [q.id, fc.constantFrom(...q.answers.filter((answer) => answer.score >= score).map((answer) => answer.id))];
            }),
          ),
        ),
      ),
    );
    fc.assert(
      fc.property(policyAnswersAndWorse, ([p, f, a, w]) => {
        expect(atLeast(assessRisk(f, w, p).level, assessRisk(f, a, p).level)).toBe(true);
      }),
    );
  });

  it('a back-test of a policy against itself, with the levels it recorded, changes nothing', () => {
    const history = policy.chain((p) =>
      fc.tuple(fc.constant(p), fc.array(fc.tuple(facts, answersTo(p), fc.option(fc.constantFrom(...CHANGE_OUTCOMES)), fc.nat(3)), { maxLength: 30 })),
    );
    fc.assert(
      fc.property(history, ([p, entries]) => {
        const changes: PastChange[] = entries.map(([f, a, outcome, causedIncidents], i) => ({
          changeId: `change-${i}`,
          number: `CHG${i}`,
          facts: f,
          answers: a,
          recordedLevel: assessRisk(f, a, p).level,
          recordedPolicyVersion: p.version,
          outcome,
          causedIncidents,
        }));
        const report = backtestRisk(changes, p);
        expect(report).toMatchObject({ changesReplayed: changes.length, changedLevel: 0, examples: [], notReplayed: [] });
        expect(report.byCandidateLevel).toEqual(report.byRecordedLevel);
      }),
    );
  });

  it('a back-test accounts for every replayed change once, in the moves and in each level table', () => {
    // Mostly answered to the candidate's questionnaire, some to the default's (which the candidate cannot replay).
    const candidateAndHistory = policy.chain((candidate) =>
      fc.tuple(
        fc.constant(candidate),
        fc.array(fc.tuple(facts, fc.oneof({ arbitrary: answersTo(candidate), weight: 4 }, { arbitrary: defaultAnswers, weight: 1 }), level, fc.option(fc.constantFrom(...CHANGE_OUTCOMES))), { maxLength: 30 }),
      ),
    );
    fc.assert(
      fc.property(candidateAndHistory, ([candidate, entries]) => {
        const changes: PastChange[] = entries.map(([f, a, recordedLevel, outcome], i) => ({
          changeId: `change-${i}`, number: `CHG${i}`, facts: f, answers: a, recordedLevel, recordedPolicyVersion: DEFAULT_RISK_POLICY.version, outcome, causedIncidents: 0,
        }));
        const report = backtestRisk(changes, candidate);
        const cells = RISK_LEVELS.flatMap((from) => RISK_LEVELS.map((to) => ({ from, to, count: report.moves[from][to] })));
        const sum = (counts: number[]) => counts.reduce((total, count) => total + count, 0);
        expect(report.changesReplayed + report.notReplayed.length).toBe(changes.length);
        expect(sum(cells.map((cell) => cell.count))).toBe(report.changesReplayed);
        expect(sum(cells.filter((cell) => cell.from !== cell.to).map((cell) => cell.count))).toBe(report.changedLevel);
        expect(sum(RISK_LEVELS.map((l) => report.byCandidateLevel[l].changes))).toBe(report.changesReplayed);
        expect(sum(RISK_LEVELS.map((l) => report.byRecordedLevel[l].changes))).toBe(report.changesReplayed);
      }),
    );
  });
});
