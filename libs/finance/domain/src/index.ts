export * from './money';
export { NAME_MAX_LENGTH } from './shared/guards';
export * from './shared/calendar-day';
export * from './cost-center';
export * from './rate-card';
export * from './shared/period';
export * from './budget';
