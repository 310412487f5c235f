export * from './raise-change/raise-change.handler';
export * from './ports/change-number-allocator.port';
export * from './adapters/sql-change-number-allocator.adapter';
export * from './nest/changes-application.tokens';
export * from './nest/changes-application.module';
