export * from './changes.module';
export * from './shared/changes-read-models.port';
export { ChangeResponse } from './shared/change.response';
export { ChangeResource } from './shared/change-resource';
export * from './shared/change-endpoint.decorators';
