import { changedRiskInputs } from './changed-risk-inputs';
import { answers, facts } from './risk.builders';

describe('Which risk inputs an edit changed', () => {
  const before = { facts: facts({ serviceCriticalities: ['low', 'high'] }), answers: answers() };

  it('names nothing when the inputs are the same, whatever the order of the services', () => {
    expect(changedRiskInputs(before, { ...before, facts: facts({ serviceCriticalities: ['high', 'low'] }) })).toEqual([]);
  });

  it('names each changed fact and answer, so the re-assessment can say what prompted it', () => {
    const after = {
      facts: facts({ serviceCriticalities: ['low', 'critical'], expectedOutageMinutes: 30, implementerRecentFailureRate: { failed: 1, total: 3 } }),
      answers: answers({ tested: 'no', 'peer-reviewed': 'yes' }),
    };
    expect(changedRiskInputs(before, after)).toEqual(['serviceCriticalities', 'expectedOutageMinutes', 'implementerRecentFailureRate', 'answers.peer-reviewed', 'answers.tested']);
  });
});
