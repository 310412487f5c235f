import { Inject, Injectable, Optional } from '@nestjs/common';
import type { PeriodCreditInputV1 } from '@itsm/contracts';
import { WrongExpectedRevisionError, type EventMetadata } from '@itsm/event-sourcing';
import type { EventStore } from '@itsm/event-store';
import { computePeriod, parsePeriod, requirePeriodMonth, type PeriodState } from '@itsm/finance-domain';
import { EVENT_STORE } from '@itsm/platform-kit';
import { readHeadPosition } from '@itsm/projections';
import { FINANCE_INCIDENTS, FINANCE_SETTINGS, PERIOD_CREDITS } from '../nest/finance-application.tokens';
import type { FinanceIncidents } from '../ports/finance-incidents.port';
import type { PeriodCredits } from '../ports/period-credits.port';
import type { FinanceSettings } from '../settings/finance-settings';
import type { FinanceCommandOptions, FinanceCommandResult } from '../streams/finance-streams';
import { PeriodInputsReader } from '../periods/period-inputs.reader';
import { periodStreamIdOf, PeriodStreams } from '../periods/period-streams';
import { adjustmentsOf } from '../periods/recompute-run';
import { RecentRunComputations } from '../periods/recent-run-computations';

export interface RunPeriodInput {
  period: string;
  /** The rate card that prices labour; default the one the period's previous run used. */
  labourRateCardId?: string;
}

/**
 * Runs a period: reads its inputs from the log up to its head (ledger lines, usage, the rules in force, exchange
 * rates), the labour logged in it from finance's copy of incidents, its service credits (PERIOD_CREDITS) and its
 * adjustments; computes the allocation, reconciliation and statements (`computePeriod`); records the run with
 * everything it used (`PeriodRun`), so that a replay reads the same. Inputs with the fingerprint of the period's
 * latest computation in this process take that computation (`RecentRunComputations.computedFrom`): the same inputs
 * compute the same. Without If-Match, a run that another write to the period overtook runs again on the fresh period.
 */
@Injectable()
export class RunPeriodHandler {
  constructor(
    private readonly periods: PeriodStreams,
    private readonly reader: PeriodInputsReader,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(FINANCE_INCIDENTS) private readonly incidents: FinanceIncidents,
    @Inject(FINANCE_SETTINGS) private readonly settings: FinanceSettings,
    @Inject(PERIOD_CREDITS) private readonly credits: PeriodCredits,
    @Optional() private readonly recent: RecentRunComputations = new RecentRunComputations(),
  ) {}

  async execute(input: RunPeriodInput, metadata: EventMetadata, options: FinanceCommandOptions = {}): Promise<FinanceCommandResult<PeriodState>> {
    const period = requirePeriodMonth(input.period);
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.periods.withLatest(period, options.expectedRevision, async ({ state, revision }) => {
          if (options.expectedRevision !== undefined && options.expectedRevision !== revision) throw new WrongExpectedRevisionError(periodStreamIdOf(period), options.expectedRevision, revision);
          const { data, computation } = await this.compute(period, state, input);
          const result = await this.periods.execute(period, { type: 'RunPeriod', data }, metadata, { expectedRevision: revision }, { state, revision });
          // Publishing this run (usually the next call) takes its statements from here rather than computing again.
          if (computation !== null && result.state.latestRun !== null) this.recent.remember(result.state.latestRun, computation.result, computation.fingerprint);
          return result;
        });
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError) || options.expectedRevision !== undefined || attempt >= 3) throw error;
      }
    }
  }

  private async compute(period: string, state: PeriodState, input: RunPeriodInput) {
    if (state.status === 'closed' || state.status === 'published') return this.refusedByTheDecider(period);
    const { start, end } = parsePeriod(period);
    const head = await readHeadPosition(this.store);
    const credits: PeriodCreditInputV1[] = (await this.credits.creditsFor(period)).map(({ creditId, costCenterId, serviceId, offeringId, incidentNumber, breachEventId, amount, accruedAt }) => ({
      creditId, costCenterId, serviceId, offeringId, incidentNumber, breachEventId, amount, accruedAt,
    }));
    const work = await this.incidents.workLogged({ from: start, to: end });
    const rateCardId = input.labourRateCardId?.toLowerCase() ?? state.latestRun?.inputs.labourRateCard?.rateCardId ?? null;
    const { computation, manifest, fingerprint } = await this.reader.read(period, head, {
      reportingCurrency: this.settings.reportingCurrency,
      labourRateCard: rateCardId === null ? null : { rateCardId },
      labour: work.map(({ entryId, incidentNumber, serviceId, minutes, role, loggedOn }) => ({ entryId, incidentNumber, serviceId, minutes, role, loggedOn })),
      credits,
      adjustments: adjustmentsOf(state),
    });
    const result = this.recent.computedFrom(period, fingerprint) ?? computePeriod(computation);
    manifest.exchangeRates = result.exchangeRates;
    const data = {
      period,
      inputs: manifest,
      reconciliation: result.reconciliation,
      statements: result.statements.map((statement) => ({ costCenterId: statement.costCenterId, lineCount: statement.lines.length, reportingTotal: statement.reportingTotal })),
    };
    return { data, computation: { result, fingerprint } };
  }

  /** A published or closed period refuses a run: the decider says why, before anything is read. */
  private refusedByTheDecider(period: string) {
    const nothing = { logPosition: -1, reportingCurrency: this.settings.reportingCurrency, ledgerImports: [], usageBatches: [], rules: [], labourRateCard: null, labour: [], credits: [], adjustmentIds: [], exchangeRates: [], costCenters: [] };
    const zero = { amount: '0', currency: this.settings.reportingCurrency };
    const data = {
      period,
      inputs: nothing,
      reconciliation: { currency: zero.currency, ledger: { lineCount: 0, total: zero, byCurrency: [] }, pools: [], direct: [], services: [], consumers: [], labour: zero, credits: zero, adjustments: zero, unallocated: [], rounding: [], checks: [], balanced: true },
      statements: [],
    };
    return { data, computation: null };
  }
}
