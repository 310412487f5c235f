import {
  ledgerImportStreamId,
  rateCardStreamId,
  upcastEvent,
  type LedgerImportedV1,
  type LedgerLinesImportedV1,
  type PeriodCreditInputV1,
  type PeriodInputsV1,
  type PeriodLabourEntryV1,
  type PeriodLedgerInputV1,
  type PeriodRuleInputV1,
  type RateCardEvent,
} from '@itsm/contracts';
import type { EventStore } from '@itsm/event-store';
import {
  exchangeRateTable,
  parsePeriod,
  rateCardDecider,
  sha256OfCanonicalJson,
  sha256OfLines,
  type AllocationRuleState,
  type CreatedRateCard,
  type PeriodAdjustment,
  type PeriodComputationInputs,
  type PeriodLedgerLine,
  type PeriodRuleVersion,
  type PricedLabour,
  type RateCard,
} from '@itsm/finance-domain';
import { RuleViolation } from '@itsm/event-sourcing';
import { priceLabour } from '../labour-costs/price-labour';
import type { LoggedWork } from '../ports/finance-incidents.port';
import { PeriodLogInputs, PERIOD_SOURCE_TYPES } from './period-log-inputs';
import type { PeriodImportLines, RecentLedgerImports } from './recent-ledger-imports';
import type { RecentPeriodLogs } from './recent-period-logs';

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
  /**
   * sha256 of everything the computation depends on (the manifest's hashes of ledger lines and usage records, the
   * rules' revisions and methods, cost centers, priced labour, credits, adjustments, every exchange rate read): equal
   * fingerprints, equal computations.
   */
  fingerprint: string;
}

/** Events read per page of the log. */
const PAGE = 5_000;

const ledgerLineText = (line: LedgerLinesImportedV1['lines'][number]) =>
  `${line.lineNumber}|${line.postedOn}|${line.account}|${line.target.kind}|${line.target.id}|${line.amount.amount}|${line.amount.currency}`;

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
  /**
   * `imports`: the lines of imports this process read before; `logs`: each period's inputs from the log as this
   * process last read them (one of each per host). Without them every read reads it all.
   */
  constructor(
    private readonly store: Pick<EventStore, 'readAll' | 'readStream'>,
    private readonly imports?: RecentLedgerImports,
    private readonly logs?: RecentPeriodLogs,
  ) {}

  async read(period: string, upTo: number, foreign: ForeignPeriodInputs, onProgress?: (progress: PeriodReadProgress) => void): Promise<ReadPeriodInputs> {
    const { start, end } = parsePeriod(period);
    const log = await this.readLog(period, upTo, start, end, onProgress);
    const { costCenters, rules, rates, imports, usage, usageBatches } = log;
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
      usage: [...usage],
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
      usageBatches: [...usageBatches].sort((a, b) => (a.batchId < b.batchId ? -1 : 1)),
      rules: ruleInputs,
      labourRateCard,
      labour: [...foreign.labour],
      credits: [...foreign.credits],
      adjustmentIds: foreign.adjustments.map((adjustment) => adjustment.adjustmentId).sort(),
      exchangeRates: [],
      costCenters: [...costCenters.values()].sort((a, b) => (a.costCenterId < b.costCenterId ? -1 : 1)),
    };
    const { ledgerImports: ledgerHashes, usageBatches: usageHashes, rules: ruleHashes } = manifest;
    const fingerprint = sha256OfCanonicalJson({
      period, reportingCurrency: foreign.reportingCurrency, costCenters: manifest.costCenters, ledgerHashes, usageHashes, ruleHashes, labour, credits: foreign.credits, adjustments: foreign.adjustments, rates,
    });
    return { computation, manifest, fingerprint };
  }

  /** The period's inputs from the log's finance events up to `upTo`: read on from what this host kept, if it did. */
  private async readLog(period: string, upTo: number, start: string, end: string, onProgress?: (progress: PeriodReadProgress) => void): Promise<PeriodLogInputs> {
    const log = this.logs?.recall(period, upTo) ?? new PeriodLogInputs(start, end);
    for (let position = log.position; position < upTo; ) {
      const page = await this.store.readAll({ fromPosition: position, maxCount: PAGE, filter: { types: PERIOD_SOURCE_TYPES } });
      for (const recorded of page.events) {
        if (recorded.globalPosition > upTo) break;
        log.take(upcastEvent(recorded));
      }
      if (page.lastPosition <= position || page.events.length === 0) break;
      position = page.lastPosition;
      onProgress?.({ phase: 'log', done: Math.min(position, upTo), total: upTo });
    }
    log.position = upTo;
    this.logs?.remember(period, log);
    return log;
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
