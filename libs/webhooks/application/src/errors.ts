/** No webhook subscription (or no delivery of it) with this id: absent, deleted, or not a uuid. 404 at the API. */
export class WebhooksNotFound extends Error {
  override readonly name = 'WebhooksNotFound';
  constructor(
    readonly entity: 'webhook subscription' | 'delivery',
    readonly id: string,
  ) {
    super(`No ${entity} with id ${id}`);
  }
}

/** A replay's starting point is missing, doubled or out of range. 400 at the API. */
export class InvalidReplayStart extends Error {
  override readonly name = 'InvalidReplayStart';
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: string): boolean => UUID.test(value);
