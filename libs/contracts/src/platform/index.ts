export * from './event-schemas';
export * from './event-json-schemas';
