export * from './webhook-subscription';
export * from './delivery';
