export * from './changes.module';
