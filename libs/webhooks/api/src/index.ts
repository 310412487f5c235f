export * from './webhooks.module';
export * from './shared/webhooks-read-models.port';
