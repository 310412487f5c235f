import type { UsageRecordV1 } from '@itsm/contracts';
import { RuleViolation, type Decider } from '@itsm/event-sourcing';
import { decimalToString, InvalidMoney, parseUnsignedDecimal } from '../money';
import { requireCalendarDay } from '../shared/calendar-day';
import { requireId, requireKey, requireText } from '../shared/guards';
import { sameJson } from '../shared/same-json';
import type { RecordUsage, UsageCommand, UsageRecordInput } from './commands';
import type { UsageEvent } from './events';
import { evolve, initialState, type UsageBatch } from './state';

/** At most this many records per batch: one event, well under a message broker's size limit. */
export const MAX_USAGE_RECORDS = 1000;
export const USAGE_REFERENCE_MAX_LENGTH = 200;

export const decide = (command: UsageCommand, batch: UsageBatch): UsageEvent[] => record(command, batch);

export const usageDecider: Decider<UsageCommand, UsageBatch, UsageEvent> = { decide, evolve, initialState };

/**
 * Records the batch once. The same reference with the same records again records nothing (a client's retry); with
 * other records it is refused, since a reference names one batch.
 */
const record = ({ data, metadata }: RecordUsage, batch: UsageBatch): UsageEvent[] => {
  const reference = requireText(data.reference, 'The reference', USAGE_REFERENCE_MAX_LENGTH);
  if (!Array.isArray(data.records) || data.records.length === 0) throw new RuleViolation('A usage batch needs at least one record');
  if (data.records.length > MAX_USAGE_RECORDS) throw new RuleViolation(`A usage batch takes at most ${MAX_USAGE_RECORDS} records`);
  const records = data.records.map((input, index) => requireRecord(input, `Record ${index + 1}`));
  const twice = records.map((r) => r.reference).find((ref, index, all) => ref !== null && all.indexOf(ref) !== index);
  if (twice !== undefined) throw new RuleViolation(`The record reference "${twice}" is given twice in the batch`);
  if (batch.status === 'recorded') {
    if (sameJson(batch.records, records)) return [];
    throw new RuleViolation(`The reference "${reference}" was already used for other usage records (batch of ${batch.recordedAt})`);
  }
  const known = new Set(data.knownServiceIds);
  const open = new Set(data.openCostCenterIds);
  records.forEach((r, index) => {
    if (!known.has(r.serviceId)) throw new RuleViolation(`Record ${index + 1}: the service ${r.serviceId} is not known to finance (not in its copy of the catalog)`);
    if (!open.has(r.consumerCostCenterId)) throw new RuleViolation(`Record ${index + 1}: the consumer cost center ${r.consumerCostCenterId} does not exist or is closed`);
  });
  return [{ type: 'UsageRecorded', data: { batchId: data.batchId, reference, records, recordedAt: metadata.now.toISOString() } }];
};

const requireRecord = (input: UsageRecordInput, what: string): UsageRecordV1 => ({
  serviceId: requireId(input?.serviceId, `${what}: the service`),
  consumerCostCenterId: requireId(input?.consumerCostCenterId, `${what}: the consumer cost center`),
  unit: requireKey(input?.unit, `${what}: the unit`),
  quantity: canonicalQuantity(input?.quantity, `${what}: the quantity`),
  postedOn: requireCalendarDay(input?.postedOn, `${what}: the posting day`),
  reference: input?.reference == null ? null : requireText(input.reference, `${what}: the reference`, USAGE_REFERENCE_MAX_LENGTH),
});

const canonicalQuantity = (quantity: string, what: string): string => {
  try {
    return decimalToString(parseUnsignedDecimal(quantity, what));
  } catch (error) {
    if (error instanceof InvalidMoney) throw new RuleViolation(error.reason);
    throw error;
  }
};
