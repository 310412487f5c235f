export * from './finance.module';
export * from './shared/finance-read-models.port';
export { FINANCE_ROUTE } from './shared/finance-controller.decorator';
export { FINANCE_CLOCK } from '@itsm/finance-application';
