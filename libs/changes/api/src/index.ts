export * from './changes.module';
export * from './shared/changes-read-models.port';
