import type { RiskPolicy } from './risk-policy';

/**
 * The platform's starting policy. Rules give the level the facts alone justify; the questionnaire catches what only
 * the requester knows (testing, rollback, experience). Scores run 0 (best) to 2 (worst), so the weighted sum runs
 * 0 to 26: one weak answer on a heavy question gives moderate, two give high, most of them very-high.
 */
export const DEFAULT_RISK_POLICY: RiskPolicy = {
  version: '2026-12.1',
  rules: [
    { id: 'critical-service', description: 'A critical service is touched', when: { fact: 'maxServiceCriticality', atLeast: 'critical' }, level: 'high' },
    { id: 'high-criticality-service', description: 'A high-criticality service is touched', when: { fact: 'maxServiceCriticality', atLeast: 'high' }, level: 'moderate' },
    { id: 'very-wide-impact', description: '25 or more services depend on the changed services', when: { fact: 'dependentServiceCount', atLeast: 25 }, level: 'very-high' },
    { id: 'wide-impact', description: '10 or more services depend on the changed services', when: { fact: 'dependentServiceCount', atLeast: 10 }, level: 'high' },
    { id: 'some-impact', description: '3 or more services depend on the changed services', when: { fact: 'dependentServiceCount', atLeast: 3 }, level: 'moderate' },
    { id: 'very-long-outage', description: 'An outage of 4 hours or more is expected', when: { fact: 'expectedOutageMinutes', atLeast: 240 }, level: 'very-high' },
    { id: 'long-outage', description: 'An outage of an hour or more is expected', when: { fact: 'expectedOutageMinutes', atLeast: 60 }, level: 'high' },
    { id: 'outage', description: 'An outage is expected', when: { fact: 'expectedOutageMinutes', atLeast: 1 }, level: 'moderate' },
    { id: 'outside-maintenance-window', description: "The change window is outside the service's maintenance window", when: { fact: 'outsideMaintenanceWindow', is: true }, level: 'moderate' },
    { id: 'implementer-failure-rate', description: 'The implementer failed 20% or more of at least 5 recent changes', when: { fact: 'implementerFailureRate', atLeast: 0.2, minChanges: 5 }, level: 'high' },
    { id: 'emergency-change', description: 'Emergency changes skip the usual lead time and testing', when: { fact: 'changeType', is: 'emergency' }, level: 'high' },
  ],
  questionnaire: {
    questions: [
      {
        id: 'tested',
        text: 'Has the change been tested in a production-like environment?',
        weight: 3,
        answers: [
          { id: 'fully', text: 'Yes, fully', score: 0 },
          { id: 'partially', text: 'Partially', score: 1 },
          { id: 'no', text: 'No', score: 2 },
        ],
      },
      {
        id: 'rollback',
        text: 'Can the change be rolled back?',
        weight: 3,
        answers: [
          { id: 'tested', text: 'Yes, and the rollback has been tested', score: 0 },
          { id: 'untested', text: 'Yes, but the rollback has not been tested', score: 1 },
          { id: 'no', text: 'No', score: 2 },
        ],
      },
      {
        id: 'done-before',
        text: 'Has this change been done successfully before?',
        weight: 2,
        answers: [
          { id: 'many-times', text: 'Yes, several times', score: 0 },
          { id: 'once', text: 'Once', score: 1 },
          { id: 'never', text: 'Never', score: 2 },
        ],
      },
      {
        id: 'user-visible',
        text: 'Will users notice the change?',
        weight: 2,
        answers: [
          { id: 'no', text: 'No', score: 0 },
          { id: 'some-users', text: 'Some users', score: 1 },
          { id: 'all-users', text: 'All users', score: 2 },
        ],
      },
      {
        id: 'downtime',
        text: 'Does the change require downtime?',
        weight: 2,
        answers: [
          { id: 'none', text: 'No', score: 0 },
          { id: 'within-window', text: 'Yes, within the maintenance window', score: 1 },
          { id: 'beyond-window', text: 'Yes, beyond the maintenance window', score: 2 },
        ],
      },
      {
        id: 'vendor',
        text: 'Is a vendor involved in implementing it?',
        weight: 1,
        answers: [
          { id: 'no', text: 'No', score: 0 },
          { id: 'supervised', text: 'Yes, supervised by our staff', score: 1 },
          { id: 'alone', text: 'Yes, on their own', score: 2 },
        ],
      },
    ],
    thresholds: { moderate: 6, high: 12, 'very-high': 19 },
  },
};
