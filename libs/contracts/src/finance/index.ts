export * from './cost-center-streams';
export * from './cost-center-events';
export * from './finance-schema-versions';
