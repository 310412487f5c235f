import {
  allocationRuleStreamId,
  budgetStreamId,
  costCenterStreamId,
  costPoolStreamId,
  exchangeRateStreamId,
  ledgerImportStreamId,
  rateCardStreamId,
  usageBatchStreamId,
  creditPolicyStreamId,
  disputeStreamId,
  serviceCreditsStreamId,
} from '@itsm/contracts';
import {
  AggregateStreams,
  type Clock,
  type Decider,
  type DomainEvent,
  type EventMetadata,
  type LoadedAggregate,
  type RecordedEvent,
  type WritePipeline,
} from '@itsm/event-sourcing';
import {
  allocationRuleDecider,
  budgetDecider,
  costCenterDecider,
  costPoolDecider,
  exchangeRateDecider,
  ledgerImportDecider,
  rateCardDecider,
  usageDecider,
  type AllocationRuleCommand,
  type AllocationRuleEvent,
  type AllocationRuleState,
  type Budget,
  type BudgetCommand,
  type BudgetEvent,
  type CostCenter,
  type CostCenterCommand,
  type CostCenterEvent,
  type CostPool,
  type CostPoolCommand,
  type CostPoolEvent,
  type ExchangeRateCommand,
  type ExchangeRateEvent,
  type ExchangeRatePairState,
  type LedgerImport,
  type LedgerImportCommand,
  type LedgerImportEvent,
  type RateCard,
  type RateCardCommand,
  type RateCardEvent,
  type UsageBatch,
  type UsageCommand,
  type UsageEvent,
  creditPolicyDecider,
  disputeDecider,
  serviceCreditsDecider,
  type CreditPolicyCommand,
  type CreditPolicyEvent,
  type CreditPolicyState,
  type Dispute,
  type DisputeCommand,
  type DisputeEvent,
  type ServiceCreditCommand,
  type ServiceCreditEvent,
  type ServiceCreditsState,
} from '@itsm/finance-domain';
import { FinanceNotFound, type FinanceEntity } from '../errors';
import { isUuid } from '../stream-ids';

type WithoutMetadata<C> = C extends unknown ? Omit<C, 'metadata'> : never;

/** A command as a handler states it: time and identity are added by the streams (clock, caller). */
export type Intent<Command> = WithoutMetadata<Command>;

/** What every finance command answers. */
export interface FinanceCommandResult<State> {
  id: string;
  /** The stream revision after the command: the new ETag. */
  revision: number;
  /** The aggregate as the command left it. */
  state: State;
  /** Events appended (none when the command changed nothing). */
  events: RecordedEvent[];
}

export interface FinanceCommandOptions {
  /** The revision the caller saw (`If-Match`); a stale one fails with WrongExpectedRevisionError (412). */
  expectedRevision?: number;
}

interface StreamsOf<Command extends { type: string }, State extends { status: string }, Event extends DomainEvent> {
  entity: FinanceEntity;
  decider: Decider<Command, State, Event>;
  streamIdOf: (id: string) => string;
  creatingCommand: Command['type'];
}

/**
 * How a finance use case reaches one aggregate's stream: its decider through the kernel's write pipeline
 * (`AggregateStreams`), "now" from the context's clock and the caller from the request. An id that is not a uuid,
 * or names no aggregate, is not found (404).
 */
export class FinanceStreams<Command extends { type: string; metadata: unknown }, State extends { status: string }, Event extends DomainEvent> {
  private readonly streams: AggregateStreams<Command, State, Event>;

  constructor(
    pipeline: WritePipeline,
    private readonly clock: Clock,
    private readonly of: StreamsOf<Command, State, Event>,
  ) {
    this.streams = new AggregateStreams({
      pipeline,
      decider: of.decider,
      streamOf: (id) => this.streamIdOf(id),
      creatingCommand: of.creatingCommand,
      notFound: (id) => new FinanceNotFound(of.entity, id),
    });
  }

  streamIdOf(id: string): string {
    if (!isUuid(id)) throw new FinanceNotFound(this.of.entity, id);
    return this.of.streamIdOf(id.toLowerCase());
  }

  /** The aggregate as its stream says now; FinanceNotFound when it does not exist. */
  load(id: string): Promise<LoadedAggregate<State>> {
    return this.streams.load(id);
  }

  /** The state even when absent (the initial state): for rules that look at another aggregate. */
  loadEvenIfAbsent(id: string): Promise<LoadedAggregate<State>> {
    return this.streams.loadEvenIfAbsent(id);
  }

  exists(state: State): boolean {
    return this.streams.exists(state);
  }

  async execute(id: string, intent: Intent<Command>, metadata: EventMetadata, options: FinanceCommandOptions = {}): Promise<FinanceCommandResult<State>> {
    const now = this.clock.now();
    const command = { ...intent, metadata: { now, actor: metadata.actor } } as unknown as Command;
    const result = await this.streams.execute(id.toLowerCase(), command, { metadata, expectedRevision: options.expectedRevision });
    return { id: result.id, revision: result.revision, state: result.state, events: result.events };
  }
}

export class CostCenterStreams extends FinanceStreams<CostCenterCommand, CostCenter, CostCenterEvent> {
  constructor(pipeline: WritePipeline, clock: Clock) {
    super(pipeline, clock, { entity: 'cost center', decider: costCenterDecider, streamIdOf: costCenterStreamId, creatingCommand: 'OpenCostCenter' });
  }
}

export class CostPoolStreams extends FinanceStreams<CostPoolCommand, CostPool, CostPoolEvent> {
  constructor(pipeline: WritePipeline, clock: Clock) {
    super(pipeline, clock, { entity: 'cost pool', decider: costPoolDecider, streamIdOf: costPoolStreamId, creatingCommand: 'OpenCostPool' });
  }
}

export class RateCardStreams extends FinanceStreams<RateCardCommand, RateCard, RateCardEvent> {
  constructor(pipeline: WritePipeline, clock: Clock) {
    super(pipeline, clock, { entity: 'rate card', decider: rateCardDecider, streamIdOf: rateCardStreamId, creatingCommand: 'CreateRateCard' });
  }
}

export class BudgetStreams extends FinanceStreams<BudgetCommand, Budget, BudgetEvent> {
  constructor(pipeline: WritePipeline, clock: Clock) {
    super(pipeline, clock, { entity: 'budget', decider: budgetDecider, streamIdOf: budgetStreamId, creatingCommand: 'PlanBudget' });
  }
}

export class AllocationRuleStreams extends FinanceStreams<AllocationRuleCommand, AllocationRuleState, AllocationRuleEvent> {
  constructor(pipeline: WritePipeline, clock: Clock) {
    super(pipeline, clock, { entity: 'allocation rule', decider: allocationRuleDecider, streamIdOf: allocationRuleStreamId, creatingCommand: 'DefineAllocationRule' });
  }
}

/** One stream per currency pair (`derivedId('exchange-rate-pair', 'USD/EUR')`); every command creates or adds. */
export class ExchangeRateStreams extends FinanceStreams<ExchangeRateCommand, ExchangeRatePairState, ExchangeRateEvent> {
  constructor(pipeline: WritePipeline, clock: Clock) {
    super(pipeline, clock, { entity: 'exchange rate', decider: exchangeRateDecider, streamIdOf: exchangeRateStreamId, creatingCommand: 'SetExchangeRate' });
  }
}

/** One stream per client reference of a usage batch (`derivedId('usage-batch', reference)`). */
export class UsageBatchStreams extends FinanceStreams<UsageCommand, UsageBatch, UsageEvent> {
  constructor(pipeline: WritePipeline, clock: Clock) {
    super(pipeline, clock, { entity: 'usage batch', decider: usageDecider, streamIdOf: usageBatchStreamId, creatingCommand: 'RecordUsage' });
  }
}

export class LedgerImportStreams extends FinanceStreams<LedgerImportCommand, LedgerImport, LedgerImportEvent> {
  constructor(pipeline: WritePipeline, clock: Clock) {
    super(pipeline, clock, { entity: 'ledger import', decider: ledgerImportDecider, streamIdOf: ledgerImportStreamId, creatingCommand: 'ImportLedger' });
  }
}

/** One stream per offering (`credit-policy-<offeringId>`); every version creates or adds. */
export class CreditPolicyStreams extends FinanceStreams<CreditPolicyCommand, CreditPolicyState, CreditPolicyEvent> {
  constructor(pipeline: WritePipeline, clock: Clock) {
    super(pipeline, clock, { entity: 'credit policy', decider: creditPolicyDecider, streamIdOf: creditPolicyStreamId, creatingCommand: 'PublishCreditPolicyVersion' });
  }
}

/** One stream per offering, consumer and period (`derivedId('service-credits', 'offering/consumer/period')`). */
export class ServiceCreditsStreams extends FinanceStreams<ServiceCreditCommand, ServiceCreditsState, ServiceCreditEvent> {
  constructor(pipeline: WritePipeline, clock: Clock) {
    super(pipeline, clock, { entity: 'service credits', decider: serviceCreditsDecider, streamIdOf: serviceCreditsStreamId, creatingCommand: 'AccrueServiceCredit' });
  }
}

export class DisputeStreams extends FinanceStreams<DisputeCommand, Dispute, DisputeEvent> {
  constructor(pipeline: WritePipeline, clock: Clock) {
    super(pipeline, clock, { entity: 'dispute', decider: disputeDecider, streamIdOf: disputeStreamId, creatingCommand: 'OpenDispute' });
  }
}
