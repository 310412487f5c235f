import {
  financeEntityIdOf,
  ledgerImportStreamId,
  rateCardStreamId,
  upcastEvent,
  type AllocationRuleEvent,
  type CostCenterOpenedV1,
  type ExchangeRateSetV1,
  type LedgerImportedV1,
  type LedgerLinesImportedV1,
  type PeriodCreditInputV1,
  type PeriodInputsV1,
  type PeriodLabourEntryV1,
  type PeriodLedgerInputV1,
  type PeriodRuleInputV1,
  type PeriodUsageInputV1,
  type RateCardEvent,
  type UsageRecordedV1,
} from '@itsm/contracts';
import type { RecordedEvent } from '@itsm/event-sourcing';
import type { EventStore } from '@itsm/event-store';
import {
  allocationRuleDecider,
  exchangeRateTable,
  parsePeriod,
  rateCardDecider,
  sha256OfCanonicalJson,
  sha256OfLines,
  type AllocationRuleState,
  type CreatedRateCard,
  type ExchangeRate,
  type PeriodAdjustment,
  type PeriodComputationInputs,
  type PeriodLedgerLine,
  type PeriodRuleVersion,
  type PricedLabour,
  type RateCard,
  type UsageRecord,
} from '@itsm/finance-domain';
import { RuleViolation } from '@itsm/event-sourcing';
import { priceLabour } from '../labour-costs/price-labour';
import type { LoggedWork } from '../ports/finance-incidents.port';
import type { PeriodImportLines, RecentLedgerImports } from './recent-ledger-imports';

/** What a run takes from outside finance's own streams (a snapshot the run records) and from the period stream. */
export interface ForeignPeriodInputs {
  reportingCurrency: string;
  labourRateCard: { rateCardId: string; revision?: number } | null;
  labour: readonly PeriodLabourEntryV1[];
  credits: readonly PeriodCreditInputV1[];
  adjustments: readonly PeriodAdjustment[];
}

export interface ReadPeriodInputs {
  computation: PeriodComputationInputs;
  /** The manifest a run records (its `exchangeRates` are filled in from the computation). */
  manifest: PeriodInputsV1;
}

/** Events read per page of the log. */
const PAGE = 5_000;

/** The finance event types a period reads from the log (besides the ledger imports' lines, read per import). */
const PERIOD_SOURCE_TYPES = ['CostCenterOpened', 'AllocationRuleDefined', 'AllocationRuleRevised', 'AllocationRuleRetired', 'ExchangeRateSet', 'LedgerImported', 'UsageRecorded'];

const ledgerLineText = (line: LedgerLinesImportedV1['lines'][number]) =>
  `${line.lineNumber}|${line.postedOn}|${line.account}|${line.target.kind}|${line.target.id}|${line.amount.amount}|${line.amount.currency}`;
const usageRecordText = (index: number, record: UsageRecordedV1['records'][number]) =>
  `${index}|${record.postedOn}|${record.serviceId}|${record.consumerCostCenterId}|${record.unit}|${record.quantity}`;

export interface PeriodReadProgress {
  phase: 'log' | 'ledger';
  done: number;
  total: number;
}

/**
 * Reads what a period is computed from, out of the event log alone, up to a position: cost centers, the allocation
 * rules as they stood (each with its stream revision), the exchange rates, the ledger imports with lines booked in
 * the period (each import's lines hashed), the usage metered in it (each batch's records hashed), the rate card
 * that prices labour (at a revision). A run reads up to the log's head and records the position; a replay reads up to
 * that position, so it reads the very same events — the log is append-only, and a later change (a revised rule, a
 * new import) is after it.
 */
export class PeriodInputsReader {
  /** `imports`: the lines of imports this process read before (one per host); without it every read reads them. */
  constructor(
    private readonly store: Pick<EventStore, 'readAll' | 'readStream'>,
    private readonly imports?: RecentLedgerImports,
  ) {}

  async read(period: string, upTo: number, foreign: ForeignPeriodInputs, onProgress?: (progress: PeriodReadProgress) => void): Promise<ReadPeriodInputs> {
    const { start, end } = parsePeriod(period);
    const costCenters = new Map<string, { costCenterId: string; code: string; currency: string; revision: number }>();
    const rules = new Map<string, { state: AllocationRuleState; revision: number }>();
    const rates: ExchangeRate[] = [];
    const imports: { importId: string; data: LedgerImportedV1 }[] = [];
    const usage: UsageRecord[] = [];
    const usageBatches: PeriodUsageInputV1[] = [];
    for (let position = -1; position < upTo; ) {
      const page = await this.store.readAll({ fromPosition: position, maxCount: PAGE, filter: { types: PERIOD_SOURCE_TYPES } });
      for (const recorded of page.events) {
        if (recorded.globalPosition > upTo) break;
        const event = upcastEvent(recorded);
        this.take(event, { costCenters, rules, rates, imports, usage, usageBatches, start, end });
      }
      if (page.lastPosition <= position || page.events.length === 0) break;
      position = page.lastPosition;
      onProgress?.({ phase: 'log', done: Math.min(position, upTo), total: upTo });
    }
    const overlapping = imports.filter(({ data }) => data.firstPostedOn <= end && data.lastPostedOn >= start).sort((a, b) => (a.importId < b.importId ? -1 : 1));
    const ledger: PeriodLedgerLine[] = [];
    const ledgerImports: PeriodLedgerInputV1[] = [];
    for (const [index, { importId, data }] of overlapping.entries()) {
      const read = this.imports?.recall(importId, period, data.contentSha256) ?? (await this.readImport(importId, data, upTo, start, end));
      this.imports?.remember(importId, period, read);
      for (const line of read.lines) ledger.push(line);
      ledgerImports.push(read.input);
      onProgress?.({ phase: 'ledger', done: index + 1, total: overlapping.length });
    }
    const liveRules: PeriodRuleVersion[] = [...rules]
      .filter(([, { state }]) => state.status === 'defined')
      .map(([ruleId, { state, revision }]) => {
        const defined = state as Extract<AllocationRuleState, { status: 'defined' | 'retired' }>;
        return { ruleId, revision, source: defined.source, method: defined.method };
      })
      .sort((a, b) => (a.ruleId < b.ruleId ? -1 : 1));
    const ruleInputs: PeriodRuleInputV1[] = liveRules.map(({ ruleId, revision, source, method }) => ({ ruleId, revision, source, methodSha256: sha256OfCanonicalJson(method) }));
    const { labour, labourRateCard } = await this.priceLabour(foreign, upTo);
    const computation: PeriodComputationInputs = {
      period,
      reportingCurrency: foreign.reportingCurrency,
      costCenters: [...costCenters.values()],
      ledger,
      usage,
      rules: liveRules,
      labour,
      credits: foreign.credits,
      adjustments: foreign.adjustments,
      exchangeRates: exchangeRateTable(rates),
    };
    const manifest: PeriodInputsV1 = {
      logPosition: upTo,
      reportingCurrency: foreign.reportingCurrency,
      ledgerImports,
      usageBatches: usageBatches.sort((a, b) => (a.batchId < b.batchId ? -1 : 1)),
      rules: ruleInputs,
      labourRateCard,
      labour: [...foreign.labour],
      credits: [...foreign.credits],
      adjustmentIds: foreign.adjustments.map((adjustment) => adjustment.adjustmentId).sort(),
      exchangeRates: [],
      costCenters: [...costCenters.values()].sort((a, b) => (a.costCenterId < b.costCenterId ? -1 : 1)),
    };
    return { computation, manifest };
  }

  /** An import's lines booked between `start` and `end`, read from its stream, with their count and sha256. */
  private async readImport(importId: string, data: LedgerImportedV1, upTo: number, start: string, end: string): Promise<PeriodImportLines> {
    const events = (await this.store.readStream(ledgerImportStreamId(importId))).filter((event) => event.globalPosition <= upTo);
    const lines: PeriodLedgerLine[] = [];
    const texts: string[] = [];
    for (const event of events) {
      if (event.type !== 'LedgerLinesImported') continue;
      for (const line of (upcastEvent(event).data as LedgerLinesImportedV1).lines) {
        if (line.postedOn < start || line.postedOn > end) continue;
        // The event's own line (it has what a period line has, and more): no copy of 100,000 lines.
        lines.push(line);
        texts.push(ledgerLineText(line));
      }
    }
    return { lines, input: { importId, revision: events.at(-1)?.streamRevision ?? -1, contentSha256: data.contentSha256, lineCount: texts.length, linesSha256: sha256OfLines(texts) } };
  }

  private take(
    event: RecordedEvent,
    into: {
      costCenters: Map<string, { costCenterId: string; code: string; currency: string; revision: number }>;
      rules: Map<string, { state: AllocationRuleState; revision: number }>;
      rates: ExchangeRate[];
      imports: { importId: string; data: LedgerImportedV1 }[];
      usage: UsageRecord[];
      usageBatches: PeriodUsageInputV1[];
      start: string;
      end: string;
    },
  ): void {
    switch (event.type) {
      case 'CostCenterOpened': {
        const data = event.data as CostCenterOpenedV1;
        into.costCenters.set(data.costCenterId, { costCenterId: data.costCenterId, code: data.code, currency: data.currency, revision: event.streamRevision });
        return;
      }
      case 'AllocationRuleDefined':
      case 'AllocationRuleRevised':
      case 'AllocationRuleRetired': {
        const ruleId = financeEntityIdOf(event.streamId);
        const known = into.rules.get(ruleId) ?? { state: allocationRuleDecider.initialState(), revision: -1 };
        into.rules.set(ruleId, { state: allocationRuleDecider.evolve(known.state, event as unknown as AllocationRuleEvent), revision: event.streamRevision });
        return;
      }
      case 'ExchangeRateSet': {
        const { from, to, date, rate } = event.data as ExchangeRateSetV1;
        into.rates.push({ from, to, date, rate });
        return;
      }
      case 'LedgerImported':
        into.imports.push({ importId: financeEntityIdOf(event.streamId), data: event.data as LedgerImportedV1 });
        return;
      case 'UsageRecorded': {
        const data = event.data as UsageRecordedV1;
        const texts: string[] = [];
        data.records.forEach((record, index) => {
          if (record.postedOn < into.start || record.postedOn > into.end) return;
          into.usage.push({ source: { kind: 'service', id: record.serviceId }, consumerCostCenterId: record.consumerCostCenterId, unit: record.unit, quantity: record.quantity });
          texts.push(usageRecordText(index, record));
        });
        if (texts.length > 0) into.usageBatches.push({ batchId: financeEntityIdOf(event.streamId), revision: event.streamRevision, recordCount: texts.length, recordsSha256: sha256OfLines(texts) });
        return;
      }
    }
  }

  /** Labour priced with the rate card as its stream stood at `upTo` (or at the recorded revision). */
  private async priceLabour(foreign: ForeignPeriodInputs, upTo: number): Promise<{ labour: PricedLabour[]; labourRateCard: PeriodInputsV1['labourRateCard'] }> {
    if (foreign.labourRateCard === null) {
      if (foreign.labour.length > 0) throw new RuleViolation('Labour was logged in the period: name the rate card that prices it (labourRateCardId)');
      return { labour: [], labourRateCard: null };
    }
    const { rateCardId, revision } = foreign.labourRateCard;
    const events = (await this.store.readStream(rateCardStreamId(rateCardId), revision === undefined ? {} : { toRevision: revision })).filter((event) => event.globalPosition <= upTo);
    const card = events.map((event) => upcastEvent(event) as unknown as RateCardEvent).reduce(rateCardDecider.evolve, rateCardDecider.initialState() as RateCard);
    if (card.status === 'initial') throw new RuleViolation(`The rate card ${rateCardId} does not exist`);
    const work: LoggedWork[] = foreign.labour.map((entry) => ({ ...entry, incidentId: '', loggedBy: '', loggedAt: `${entry.loggedOn}T00:00:00.000Z` }));
    const priced = priceLabour(work, card as CreatedRateCard);
    const unpriced = priced.find((entry) => entry.cost === null);
    if (unpriced !== undefined) throw new RuleViolation(`The rate card ${rateCardId} cannot price the work ${unpriced.entryId} on ${unpriced.incidentNumber}: ${unpriced.problem}`);
    return {
      labour: priced.flatMap((entry) => (entry.cost === null ? [] : [{ serviceId: entry.serviceId, postedOn: entry.loggedOn, minutes: entry.minutes, cost: entry.cost }])),
      labourRateCard: { rateCardId, revision: events.at(-1)?.streamRevision ?? -1 },
    };
  }
}
