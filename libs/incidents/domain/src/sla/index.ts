export * from './business-calendar';
export * from './sla-timer';
export * from './sla-facts';
export * from './sla-state';
export * from './sla-decide';
export * from './sla-view';
