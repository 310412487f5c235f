export * from './changes-read-models';
export * from './change-list/change-list.projection';
export * from './change-list/change-list.queries';
