export * from './create-webhook-subscription/create-webhook-subscription.handler';
export * from './nest/webhooks-application.tokens';
export * from './nest/webhooks-application.module';
