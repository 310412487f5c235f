/** A command named an incident that does not exist (the API answers 404), also for ids that are not uuids. */
export class IncidentEntityNotFound extends Error {
  override readonly name: string = 'IncidentEntityNotFound';
  constructor(
    readonly entity: 'incident',
    readonly id: string,
  ) {
    super(`No ${entity} with id ${id}`);
  }
}

export class IncidentNotFound extends IncidentEntityNotFound {
  override readonly name = 'IncidentNotFound';
  constructor(id: string) {
    super('incident', id);
  }
}
