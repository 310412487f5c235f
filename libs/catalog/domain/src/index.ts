export * from './command-metadata';
export * from './service';
export * from './calendar';
