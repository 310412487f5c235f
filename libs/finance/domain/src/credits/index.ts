export * from './credit-policy';
