export * from './open-cost-center/open-cost-center.handler';
export * from './nest/finance-application.tokens';
export * from './nest/finance-application.module';
