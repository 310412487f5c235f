export * from './command-metadata';
export * from './weekly-time.rules';
export * from './service';
export * from './calendar';
