import { expect } from '@jest/globals';
import { call, waitUntil, type JsonAnswer, type Role } from '@itsm/platform-kit';

/*
 * Issue 10's acceptance scenario for change enablement, through HTTP only, in ONE place: the embedded platform's spec
 * (apps/platform/test/changes-acceptance.int.spec.ts) and the distributed one (gateway → catalog, incidents and changes
 * processes over Kafka: apps/gateway/src/distributed-changes.int.spec.ts) both run `runChangesAcceptanceScenario`
 * against their base URL, with tokens of their own signing. Facts that cross contexts (the changes' copies of the
 * catalog and of incidents, the incidents' copy of changes, the caused-by link recorded on the change) arrive through
 * the log embedded and through Kafka distributed: the steps that read them wait for them (`eventually`), the others
 * read their own writes.
 */

/** The ECAB the scenario's approval policy names: emergency changes need 2 of these 3. */
export const CHANGES_ACCEPTANCE_ECAB = ['cab-1', 'cab-2', 'cab-3'] as const;

const technicalStage = { name: 'technical', quorum: { rule: 'any' }, approvers: [], veto: false };

/**
 * The approval policy the scenario's hosts start with (`ITSM_CHANGE_APPROVAL_POLICY`, JSON; see the changes
 * application README): a normal change needs one technical approval whatever its risk, an emergency change 2 of the 3
 * ECAB members.
 */
export const CHANGES_ACCEPTANCE_APPROVAL_POLICY = JSON.stringify({
  version: 'acceptance-1',
  normal: { low: [technicalStage], moderate: [technicalStage], high: [technicalStage], 'very-high': [technicalStage] },
  emergency: [{ name: 'ecab', quorum: { rule: 'n-of-m', n: 2 }, approvers: [...CHANGES_ACCEPTANCE_ECAB], veto: false }],
});

/** Where the scenario runs: a base URL (the platform's or the gateway's) and bearer headers of the host's signing. */
export interface ChangesAcceptanceHost {
  /** `http://127.0.0.1:<port>`, without `/api/v1`. */
  baseUrl: string;
  /** Authorization headers of a caller `sub` with these roles. */
  headersFor(roles: Role[], sub: string): Promise<Record<string, string>>;
  /** How long a fact of another context may take to arrive (default 30 s). */
  propagationMs?: number;
  /** Told each step as it starts (long runs show progress). */
  progress?(step: string): void;
}

/** What the scenario leaves behind, for a host that checks more (its logs, its topics). */
export interface ChangesAcceptanceOutcome {
  erpServiceId: string;
  databaseServiceId: string;
  majorIncident: { id: string; number: string };
  causedIncident: { id: string; number: string };
  normalChange: { id: string; number: string };
  emergencyChange: { id: string; number: string };
}

/** Low risk on the default questionnaire: tested, rollback tested, done many times, nothing visible, no downtime. */
const LOW_RISK_ANSWERS = { tested: 'fully', rollback: 'tested', 'done-before': 'many-times', 'user-visible': 'no', downtime: 'none', vendor: 'no' };

const DAY_MS = 24 * 3_600_000;

/** A window of `hours` starting `days` from now at 20:00 UTC. */
const windowIn = (days: number, hours = 2): { plannedStart: string; plannedEnd: string } => {
  const start = new Date(Math.floor(Date.now() / DAY_MS) * DAY_MS + days * DAY_MS + 20 * 3_600_000);
  return { plannedStart: start.toISOString(), plannedEnd: new Date(start.getTime() + hours * 3_600_000).toISOString() };
};

const changeBody = (type: 'normal' | 'emergency', serviceId: string, window: { plannedStart: string; plannedEnd: string }, what: string, implementer: { group: string; agent: string }) => ({
  type,
  shortDescription: what,
  description: `${what}, as planned with the service owners`,
  justification: type === 'emergency' ? 'The major incident on ERP needs it now' : 'Vendor security fix',
  serviceIds: [serviceId],
  implementationPlan: '1. Announce 2. Apply 3. Verify',
  backoutPlan: 'Restore the snapshot taken before',
  testPlan: 'Smoke tests of the posting run',
  ...window,
  implementer,
});

interface ConflictItem {
  kind: string;
  detail: string;
  incidentId?: string;
  incidentNumber?: string;
}

export const runChangesAcceptanceScenario = async (host: ChangesAcceptanceHost): Promise<ChangesAcceptanceOutcome> => {
  const propagationMs = host.propagationMs ?? 30_000;
  const step = (text: string) => host.progress?.(text);
  const api = (path: string) => `${host.baseUrl}/api/v1${path}`;
  const as = (roles: Role[], sub: string) => host.headersFor(roles, sub);
  const send = async (method: 'POST' | 'PATCH', path: string, who: Promise<Record<string, string>>, body: unknown = {}, headers: Record<string, string> = {}) =>
    call(api(path), { method, headers: { ...(await who), ...headers }, body });
  const get = async (path: string, who: Promise<Record<string, string>>, headers: Record<string, string> = {}) =>
    call(api(path), { headers: { ...(await who), ...headers } });
  const expectStatus = (answer: JsonAnswer, status: number, what: string): JsonAnswer => {
    if (answer.status !== status) throw new Error(`${what}: expected ${status}, got ${answer.status}: ${JSON.stringify(answer.body)}`);
    return answer;
  };
  const after = (write: JsonAnswer) => ({ 'x-wait-for-position': write.headers.get('x-log-position') ?? '' });
  /** Polls `probe` until it gives a value: for a fact another context's events bring. */
  const eventually = <T>(what: string, probe: () => Promise<T | undefined>) => waitUntil(what, probe, propagationMs);
  const refusal = (answer: JsonAnswer, status: number) => {
    expect(answer.status).toBe(status);
    expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    return String(answer.body.detail);
  };

  const owner = as(['service-owner'], 'sam');
  const agent = as(['agent'], 'adam');
  const incidentManager = as(['incident-manager'], 'ines');
  const requester = as(['agent'], 'rita');
  const manager = as(['change-manager'], 'mia');
  const technicalReviewer = as(['cab-member'], 'tom');
  const [ecab1, ecab2, ecab3] = CHANGES_ACCEPTANCE_ECAB.map((sub) => as(['cab-member'], sub));
  // The emergency change's requester sits on the CAB (not the ECAB: the decider refuses stages naming the requester).
  const emergencyRequester = as(['agent', 'cab-member'], 'carol');
  const implementerAgent = as(['agent'], 'ivan');

  step('the catalog: ERP depends on Database');
  const service = async (name: string, kind: string) => {
    const registered = expectStatus(
      await send('POST', '/services', owner, { name, kind, description: `${name} for everyone`, ownerGroup: 'erp-owners', supportGroup: 'erp-ops' }),
      201,
      `register ${name}`,
    );
    expectStatus(await send('POST', `/services/${registered.body.id}/go-live`, owner), 200, `${name} goes live`);
    return registered.body.id as string;
  };
  const databaseServiceId = await service('Database', 'technical');
  const erpServiceId = await service('ERP', 'business');
  const dependency = expectStatus(await send('POST', `/services/${erpServiceId}/dependencies`, owner, { dependsOnServiceId: databaseServiceId }), 201, 'ERP depends on Database');

  step('a major incident accepted on ERP');
  const incident = async (shortDescription: string, catalogWrite?: JsonAnswer) => {
    const opened = expectStatus(
      await send('POST', '/incidents', agent, { shortDescription, description: 'Reported by finance', serviceId: erpServiceId, impact: 1, urgency: 1 }, catalogWrite ? after(catalogWrite) : {}),
      201,
      `open "${shortDescription}"`,
    );
    expectStatus(await send('POST', `/incidents/${opened.body.id}/start`, agent, { assignTo: { group: 'erp-ops', agent: 'adam' } }), 200, 'start work');
    return { id: opened.body.id as string, number: opened.body.number as string };
  };
  const majorIncident = await incident('ERP postings fail for every company', dependency);
  expectStatus(await send('POST', `/incidents/${majorIncident.id}/major`, agent, { action: 'propose', justification: 'Every company is affected' }), 200, 'propose major');
  expectStatus(await send('POST', `/incidents/${majorIncident.id}/major`, incidentManager, { action: 'accept' }), 200, 'accept major');

  step('a normal change on Database: assessed, its conflicts name the major incident, it cannot be scheduled');
  const normal = expectStatus(
    await send('POST', '/changes', requester, changeBody('normal', databaseServiceId, windowIn(10), 'Patch the database engine', { group: 'dba', agent: 'dora' })),
    201,
    'raise the normal change',
  );
  const normalChange = { id: normal.body.id as string, number: normal.body.number as string };
  expectStatus(await send('POST', `/changes/${normalChange.id}/submit`, requester), 200, 'submit the normal change');
  const assessed = expectStatus(
    await send('POST', `/changes/${normalChange.id}/assess`, manager, { answers: LOW_RISK_ANSWERS, expectedOutageMinutes: 0 }),
    200,
    'assess the normal change',
  );
  expect(assessed.body).toMatchObject({ state: 'authorize', approvals: { status: 'pending', stages: [expect.objectContaining({ name: 'technical' })] } });
  const majorConflictOf = (items: ConflictItem[]) => items.find((item) => item.kind === 'major-incident' && item.incidentId === majorIncident.id);
  const conflictsOf = async (changeId: string): Promise<ConflictItem[] | undefined> => {
    const answer = await get(`/changes/${changeId}/conflicts`, manager);
    return answer.status === 200 ? (answer.body.items as ConflictItem[]) : undefined;
  };
  // The freeze needs the changes' copies: ERP → Database from the catalog, the accepted major incident from incidents.
  const frozen = await eventually(`the conflicts of ${normalChange.number} to name ${majorIncident.number}`, async () => {
    const items = await conflictsOf(normalChange.id);
    return items && majorConflictOf(items) ? items : undefined;
  });
  expect(majorConflictOf(frozen)).toEqual(
    expect.objectContaining({
      kind: 'major-incident',
      incidentId: majorIncident.id,
      incidentNumber: majorIncident.number,
      serviceId: databaseServiceId,
      viaServiceId: erpServiceId,
      detail: expect.stringMatching(new RegExp(`^Major incident ${majorIncident.number} is open on ERP \\(SVC\\d{7}\\), which depends on Database \\(SVC\\d{7}\\)`)),
    }),
  );
  const notScheduled = await send('POST', `/changes/${normalChange.id}/approvals`, technicalReviewer, { decision: 'approve' });
  expect(refusal(notScheduled, 409)).toMatch(new RegExp(`^Change ${normalChange.number} cannot be scheduled while conflicts block it: major-incident \\(Major incident ${majorIncident.number} is open on ERP`));
  expect((await get(`/changes/${normalChange.id}`, manager)).body).toMatchObject({ state: 'authorize', approvals: { status: 'pending', stages: [expect.objectContaining({ decisions: [] })] } });

  step('an emergency change on ERP goes to ECAB (2 of 3); its requester cannot approve it');
  const implementer = { group: 'erp-ops', agent: 'ivan' };
  const emergency = expectStatus(await send('POST', '/changes', emergencyRequester, changeBody('emergency', erpServiceId, windowIn(1), 'Roll back the ERP posting module', implementer)), 201, 'raise the emergency change');
  const emergencyChange = { id: emergency.body.id as string, number: emergency.body.number as string };
  expect(emergency.body.requesterId).toBe('carol');
  const submitted = expectStatus(await send('POST', `/changes/${emergencyChange.id}/submit`, emergencyRequester), 200, 'submit the emergency change');
  expect(submitted.body).toMatchObject({
    type: 'emergency',
    state: 'authorize',
    approvals: { round: 1, status: 'pending', stages: [expect.objectContaining({ name: 'ecab', quorum: { rule: 'n-of-m', n: 2 }, approvers: [...CHANGES_ACCEPTANCE_ECAB] })] },
  });
  const selfApproval = await send('POST', `/changes/${emergencyChange.id}/approvals`, emergencyRequester, { decision: 'approve' });
  expect(refusal(selfApproval, 409)).toBe(`carol requested change ${emergencyChange.number}: a requester cannot approve or reject their own change`);

  step('one ECAB approval, then the window moves: the approval lapses and the history says why');
  const first = expectStatus(await send('POST', `/changes/${emergencyChange.id}/approvals`, ecab2, { decision: 'approve', comment: 'Go' }), 200, 'cab-2 approves');
  expect(first.body).toMatchObject({ state: 'authorize', approvals: { round: 1, status: 'pending', stages: [expect.objectContaining({ decisions: [expect.objectContaining({ approverId: 'cab-2', decision: 'approve' })] })] } });
  const moved = windowIn(1, 3);
  const edited = expectStatus(
    await send('PATCH', `/changes/${emergencyChange.id}`, emergencyRequester, { plannedStart: new Date(Date.parse(moved.plannedStart) + 3_600_000).toISOString(), plannedEnd: moved.plannedEnd }, { 'if-match': first.headers.get('etag') ?? '' }),
    200,
    'move the window',
  );
  expect(edited.body).toMatchObject({ state: 'authorize', approvals: { round: 2, status: 'pending', stages: [expect.objectContaining({ name: 'ecab', decisions: [] })] } });
  const history = expectStatus(await get(`/changes/${emergencyChange.id}/history`, manager, after(edited)), 200, 'the history');
  const lapse = (history.body.items as Array<{ field: string; oldValue: string | null; newValue: string | null; eventType: string; actor: string }>).filter(
    (line) => line.eventType === 'ChangeApprovalsLapsed',
  );
  expect(lapse).toEqual([
    expect.objectContaining({ field: 'approvalStatus', oldValue: 'pending', newValue: 'lapsed', actor: 'carol' }),
    expect.objectContaining({ field: 'approvals.lapsed', newValue: 'material-change: plannedStart, plannedEnd; lapsed: ecab approve by cab-2', actor: 'carol' }),
  ]);

  step('approved again by two ECAB members (a new round), implemented, completed as failed; closed only after its review');
  expectStatus(await send('POST', `/changes/${emergencyChange.id}/approvals`, ecab1, { decision: 'approve' }), 200, 'cab-1 approves');
  const authorized = expectStatus(await send('POST', `/changes/${emergencyChange.id}/approvals`, ecab3, { decision: 'approve' }), 200, 'cab-3 approves');
  expect(authorized.body).toMatchObject({ state: 'scheduled', approvals: { round: 2, status: 'approved' } });
  // The major incident is still open: it is reported on the emergency change, which goes on through ECAB all the same.
  expect((await conflictsOf(emergencyChange.id))?.map((item) => item.kind)).toContain('major-incident');
  expect((await send('POST', `/changes/${emergencyChange.id}/start`, implementerAgent)).body).toMatchObject({ state: 'implement' });
  const completed = expectStatus(await send('POST', `/changes/${emergencyChange.id}/complete`, implementerAgent, { outcome: 'failed', notes: 'Postings still fail after the rollback' }), 200, 'complete as failed');
  expect(completed.body).toMatchObject({ state: 'review', outcome: 'failed' });
  const closeRefused = await send('POST', `/changes/${emergencyChange.id}/close`, manager);
  expect(refusal(closeRefused, 409)).toMatch(/review/i);
  expectStatus(await send('POST', `/changes/${emergencyChange.id}/review`, manager, { summary: 'The rollback missed the schema migration', lessons: 'Roll back the schema too' }), 200, 'record the PIR');
  expect((await send('POST', `/changes/${emergencyChange.id}/close`, manager)).body).toMatchObject({ state: 'closed' });

  step('an incident caused by the change: DORA change failure rate 1/1 for ERP');
  const causedIncident = await incident('ERP month-end close broken since the rollback');
  // The incidents' copy of changes learns the change from its events: the link waits until it knows the number.
  const linked = await eventually(`the incidents to know ${emergencyChange.number}`, async () => {
    const answer = await send('POST', `/incidents/${causedIncident.id}/link`, agent, { kind: 'change', changeNumber: emergencyChange.number, relation: 'caused-by' });
    return answer.status === 200 ? answer : undefined;
  });
  expect(linked.body.changeLinks).toEqual([{ changeId: emergencyChange.id, changeNumber: emergencyChange.number, relation: 'caused-by' }]);
  const from = new Date(Date.now() - DAY_MS).toISOString();
  const to = new Date(Date.now() + DAY_MS).toISOString();
  const dora = await eventually(`DORA of ERP to count ${causedIncident.number}`, async () => {
    const answer = await get(`/services/${erpServiceId}/dora?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`, manager);
    return answer.status === 200 && answer.body.changeFailureRate.incidents.includes(causedIncident.number) ? answer.body : undefined;
  });
  expect(dora.changeFailureRate).toMatchObject({ value: 1, numerator: 1, denominator: 1, changes: [emergencyChange.number], incidents: [causedIncident.number] });
  expect(dora.deploymentFrequency).toMatchObject({ numerator: 1, changes: [emergencyChange.number] });
  expect((await get(`/changes/${emergencyChange.id}`, manager)).body.causedIncidents).toEqual([expect.objectContaining({ incidentId: causedIncident.id, incidentNumber: causedIncident.number })]);

  step('the major incident resolved: the freeze lifts, the database change is scheduled');
  expectStatus(await send('POST', `/incidents/${majorIncident.id}/resolve`, agent, { code: 'solved-workaround', notes: 'Postings replayed by hand' }), 200, 'resolve the major incident');
  await eventually(`the conflicts of ${normalChange.number} to drop ${majorIncident.number}`, async () => {
    const items = await conflictsOf(normalChange.id);
    return items && !majorConflictOf(items) ? items : undefined;
  });
  const scheduled = expectStatus(await send('POST', `/changes/${normalChange.id}/approvals`, technicalReviewer, { decision: 'approve' }), 200, 'approve the database change');
  expect(scheduled.body).toMatchObject({ state: 'scheduled', approvals: { status: 'approved' } });

  return { erpServiceId, databaseServiceId, majorIncident, causedIncident, normalChange, emergencyChange };
};
