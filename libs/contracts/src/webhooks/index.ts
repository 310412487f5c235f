export * from './webhook-subscription-streams';
export * from './webhook-subscription-events';
export * from './webhooks-schema-versions';
