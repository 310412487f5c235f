export * from './webhooks-read-models';
export * from './webhook-subscription-list/webhook-subscription-list.projection';
export * from './webhook-subscription-list/webhook-subscription-list.queries';
