export * from './raise-change/raise-change.handler';
export * from './nest/changes-application.tokens';
export * from './nest/changes-application.module';
