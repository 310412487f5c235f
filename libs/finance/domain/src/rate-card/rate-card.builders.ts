import type { WireMoney } from '../money';
import type { CreateRateCard, PublishRateCardVersion } from './commands';
import type { RateCardCreated, RateCardVersionPublished } from './events';

export const rateCardId = '0190f3a4-3333-7222-8333-944445555666';
export const now = new Date('2026-03-02T09:30:00.000Z');
const metadata = { now, actor: { id: 'finance-1', role: 'finance' } };

export const eur = (amount: string): WireMoney => ({ amount, currency: 'EUR' });

export const create = (name = 'IT services 2026'): CreateRateCard => ({ type: 'CreateRateCard', data: { rateCardId, name }, metadata });

export const created = (name = 'IT services 2026'): RateCardCreated => ({
  type: 'RateCardCreated',
  data: { rateCardId, name, createdAt: now.toISOString() },
});

export const publish = (data: Partial<PublishRateCardVersion['data']> = {}): PublishRateCardVersion => ({
  type: 'PublishRateCardVersion',
  data: {
    effectiveFrom: '2026-01-01',
    currency: 'EUR',
    roleRates: { engineer: eur('95.00'), architect: eur('140.00') },
    unitPrices: { 'vm-month': eur('42.50') },
    ...data,
  },
  metadata,
});

export const published = (data: Partial<RateCardVersionPublished['data']> = {}): RateCardVersionPublished => ({
  type: 'RateCardVersionPublished',
  data: {
    rateCardId,
    version: 1,
    effectiveFrom: '2026-01-01',
    currency: 'EUR',
    roleRates: { architect: eur('140.00'), engineer: eur('95.00') },
    unitPrices: { 'vm-month': eur('42.50') },
    publishedAt: now.toISOString(),
    ...data,
  },
});
