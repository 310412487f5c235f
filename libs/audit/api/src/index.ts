export * from './audit.module';
export * from './shared/audit-controller.decorator';
