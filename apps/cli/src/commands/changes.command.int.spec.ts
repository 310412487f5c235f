import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { changeStreamId, formatChangeNumber, schemaVersionOf } from '@itsm/contracts';
import { newId, type NewEvent } from '@itsm/event-sourcing';
import { assessRisk, DEFAULT_RISK_POLICY, type QuestionnaireAnswers, type RiskFacts } from '@itsm/changes-domain';
import { openEventLog, validateRuntimeConfig } from '@itsm/platform-kit';
import { createProgram } from '../program';
import { runBacktestRisk } from './changes.command';

const event = (type: string, data: object): NewEvent => ({ type, data, schemaVersion: schemaVersionOf(type), metadata: { actor: { id: 'spec', role: 'admin' }, correlationId: newId() } });

const answers: QuestionnaireAnswers = { tested: 'fully', rollback: 'tested', 'done-before': 'many-times', 'user-visible': 'no', downtime: 'none', vendor: 'no' };
const facts = (expectedOutageMinutes: number): RiskFacts => ({
  changeType: 'normal',
  serviceCriticalities: ['medium'],
  dependentServiceCount: 0,
  expectedOutageMinutes,
  outsideMaintenanceWindow: false,
  implementerRecentFailureRate: { failed: 0, total: 0 },
});

/** A change raised, assessed under the default policy (its inputs recorded unless `withInputs` is false) and completed. */
const assessedChange = (sequence: number, outage: number, outcome: string, withInputs = true): { streamId: string; events: NewEvent[] } => {
  const changeId = newId();
  const risk = assessRisk(facts(outage), answers, DEFAULT_RISK_POLICY);
  return {
    streamId: changeStreamId(changeId),
    events: [
      event('ChangeRaised', {
        changeId, number: formatChangeNumber(sequence), type: 'normal', requesterId: 'rita', templateId: null, state: 'new', raisedAt: '2030-01-01T00:00:00.000Z',
        shortDescription: 'spec', description: 'spec', justification: 'spec', serviceIds: [newId()], implementationPlan: 'p', backoutPlan: 'b', testPlan: 't',
        plannedStart: '2030-01-02T00:00:00.000Z', plannedEnd: '2030-01-02T01:00:00.000Z', implementer: { group: 'ops', agent: null },
      }),
      event('ChangeRiskAssessed', {
        changeId, level: risk.level, policyVersion: risk.policyVersion, firedRules: risk.firedRules,
        questionScores: risk.questionScores.map(({ question, answer, score }) => ({ question, answer, score })), ruleLevel: risk.ruleLevel,
        questionnaireLevel: risk.questionnaireLevel, previousLevel: null, previousState: 'assess', state: 'authorize', assessedAt: '2030-01-01T01:00:00.000Z',
        ...(withInputs ? { inputs: { facts: facts(outage), answers } } : {}),
      }),
      event('ChangeCompleted', { changeId, outcome, notes: 'done', reviewRequired: false, previousState: 'implement', state: 'review', completedAt: '2030-01-02T01:00:00.000Z' }),
    ],
  };
};

const env = (dataDir: string): NodeJS.ProcessEnv => {
  const vars: NodeJS.ProcessEnv = { ...process.env, ITSM_DATA_DIR: dataDir };
  delete vars['DATABASE_URL'];
  delete vars['EVENTSTORE_URL'];
  return vars;
};

describe('itsm changes backtest-risk (embedded data folder)', () => {
  let dataDir: string;
  let policyDir: string;
  const policyFile = (name: string, policy: unknown): string => {
    const file = join(policyDir, name);
    writeFileSync(file, typeof policy === 'string' ? policy : JSON.stringify(policy));
    return file;
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'itsm-backtest-'));
    policyDir = mkdtempSync(join(tmpdir(), 'itsm-policy-'));
    const log = await openEventLog(validateRuntimeConfig(env(dataDir)));
    try {
      // 1: no outage (low), 2: a 30-minute outage (moderate), failed; 3: a 90-minute outage (high); 4: assessed before inputs were kept.
      for (const change of [assessedChange(1, 0, 'successful'), assessedChange(2, 30, 'failed'), assessedChange(3, 90, 'successful'), assessedChange(4, 0, 'successful', false)]) {
        await log.store.appendToStream(change.streamId, change.events, { expectedRevision: 'no-stream' });
      }
    } finally {
      await log.close();
    }
  }, 120_000);

  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(policyDir, { recursive: true, force: true });
  });

  it('replays the assessed changes under a candidate: the moves, each level’s outcomes, and those it cannot replay', async () => {
    const candidate = { ...DEFAULT_RISK_POLICY, version: '2027-01.1', rules: DEFAULT_RISK_POLICY.rules.map((rule) => (rule.id === 'outage' ? { ...rule, level: 'high' } : rule)) };
    const report = await runBacktestRisk({ policy: policyFile('stricter.json', candidate), env: env(dataDir), quiet: true, progressBar: false });
    expect(report).toMatchObject({ candidateVersion: '2027-01.1', changesReplayed: 3, changedLevel: 1, examples: [{ number: 'CHG0000002', from: 'moderate', to: 'high' }] });
    expect(report.byCandidateLevel.high).toMatchObject({ changes: 2, failureRate: { numerator: 1, denominator: 2 } });
    expect(report.notReplayed).toEqual([expect.objectContaining({ number: 'CHG0000004', reason: expect.stringMatching(/did not record the facts and answers/) })]);
  }, 120_000);

  it('prints the report as text, or as JSON with --json (the command line as typed)', async () => {
    const file = policyFile('default.json', DEFAULT_RISK_POLICY);
    const printed: string[] = [];
    // The command reads the settings from the environment, as when typed: the data folder, not a server.
    const saved = { DATABASE_URL: process.env['DATABASE_URL'], EVENTSTORE_URL: process.env['EVENTSTORE_URL'] };
    delete process.env['DATABASE_URL'];
    delete process.env['EVENTSTORE_URL'];
    const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => (printed.push(String(chunk)), true));
    try {
      await createProgram().parseAsync(['node', 'itsm', 'changes', 'backtest-risk', '--policy', file, '--data-dir', dataDir, '--json']);
      await createProgram().parseAsync(['node', 'itsm', 'changes', 'backtest-risk', '--policy', file, '--data-dir', dataDir]);
    } finally {
      write.mockRestore();
      for (const [name, value] of Object.entries(saved)) if (value !== undefined) process.env[name] = value;
    }
    expect(JSON.parse(printed[0])).toMatchObject({ candidateVersion: '2026-12.1', changesReplayed: 3, changedLevel: 0 });
    expect(printed[1]).toMatch(/^Back-test of risk policy 2026-12\.1 over 3 past changes, recorded under 2026-12\.1 \(3\)\n0 of 3 would change level; 1 could not be replayed/);
  }, 120_000);

  it('refuses a policy file that is not JSON, or does not parse, naming every problem, before it opens the log', async () => {
    await expect(runBacktestRisk({ policy: policyFile('broken.json', '{ "version": '), env: env(dataDir), quiet: true })).rejects.toThrow(/broken\.json is not a JSON policy file/);
    const wrong = { ...DEFAULT_RISK_POLICY, version: ' ', rules: [{ ...DEFAULT_RISK_POLICY.rules[0], level: 'severe' }] };
    const refusal = runBacktestRisk({ policy: policyFile('wrong.json', wrong), env: env(join(policyDir, 'no-such-data-dir')), quiet: true });
    await expect(refusal).rejects.toThrow(/The risk policy is invalid \(2 problems\):\n- version: must be a non-blank string\n- rules\[0\]\.level: must be one of/);
  });
});
