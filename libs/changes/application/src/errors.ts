/** A command named a freeze window that does not exist (the API answers 404). */
export class FreezeWindowNotFound extends Error {
  override readonly name = 'FreezeWindowNotFound';
  constructor(readonly id: string) {
    super(`No freeze window with id ${id}`);
  }
}
