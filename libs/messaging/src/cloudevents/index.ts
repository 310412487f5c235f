export * from './cloudevent-headers';
export * from './cloudevent-type';
export * from './cloudevent-message.mapping';
export * from './cloudevent-json.mapping';
