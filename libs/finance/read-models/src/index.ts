export * from './finance-read-models';
export * from './cost-center-list/cost-center-list.projection';
export * from './cost-center-list/cost-center-list.queries';
