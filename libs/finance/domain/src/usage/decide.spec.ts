import { deciderSpecification, RuleViolation } from '@itsm/event-sourcing';
import type { RecordUsage } from './commands';
import type { UsageRecorded } from './events';
import { usageDecider } from './decide';

const [batchId, mail, consumer, closed] = ['0190f3a4-0000-7222-8333-944445555666', '0190f3a4-5555-7222-8333-944445555666', '0190f3a4-1111-7222-8333-944445555666', '0190f3a4-2222-7222-8333-944445555666'];
const now = new Date('2026-03-02T09:30:00.000Z');
const metadata = { now, actor: { id: 'meter', role: 'finance' } };
const record = { serviceId: mail, consumerCostCenterId: consumer, unit: 'mailbox', quantity: '12.50', postedOn: '2026-03-01', reference: 'm-1' };
const recordUsage = (data: Partial<RecordUsage['data']> = {}): RecordUsage => ({
  type: 'RecordUsage',
  data: { batchId, reference: 'meter-2026-03-01', records: [record], knownServiceIds: [mail], openCostCenterIds: [consumer], ...data },
  metadata,
});
const recorded: UsageRecorded = {
  type: 'UsageRecorded',
  data: { batchId, reference: 'meter-2026-03-01', records: [{ ...record, quantity: '12.5' }], recordedAt: now.toISOString() },
};

const spec = deciderSpecification(usageDecider, expect);
const given = spec.given.bind(spec);

describe('Usage batch decider', () => {
  describe('when the reference is new', () => {
    it('records the batch, quantities canonical', () => {
      given([]).when(recordUsage()).then([recorded]);
    });
    it('refuses an empty batch, a malformed record, a record reference given twice', () => {
      given([]).when(recordUsage({ records: [] })).thenThrows(RuleViolation, 'A usage batch needs at least one record');
      given([]).when(recordUsage({ records: [{ ...record, quantity: '-1' }] })).thenThrows(RuleViolation, /Record 1: the quantity "-1"/);
      given([]).when(recordUsage({ records: [{ ...record, unit: 'Mail Box' }] })).thenThrows(RuleViolation, /Record 1: the unit/);
      given([]).when(recordUsage({ records: [{ ...record, postedOn: '2026-13-01' }] })).thenThrows(RuleViolation, /Record 1: the posting day/);
      given([]).when(recordUsage({ records: [record, record] })).thenThrows(RuleViolation, 'The record reference "m-1" is given twice in the batch');
    });
    it('refuses a service finance does not know and a consumer that is closed or unknown', () => {
      given([]).when(recordUsage({ knownServiceIds: [] })).thenThrows(RuleViolation, /Record 1: the service .* is not known to finance/);
      given([]).when(recordUsage({ records: [{ ...record, consumerCostCenterId: closed }] })).thenThrows(RuleViolation, /does not exist or is closed/);
    });
  });

  describe('when the reference was recorded', () => {
    it('records nothing for the same records again (a retry)', () => {
      given([recorded]).when(recordUsage()).thenNothingHappens();
      given([recorded]).when(recordUsage({ openCostCenterIds: [] })).thenNothingHappens();
    });
    it('refuses other records under the same reference', () => {
      given([recorded]).when(recordUsage({ records: [{ ...record, quantity: '13' }] })).thenThrows(RuleViolation, /already used for other usage records/);
    });
  });
});
