/** A command named a freeze window that does not exist (the API answers 404). */
export class FreezeWindowNotFound extends Error {
  override readonly name = 'FreezeWindowNotFound';
  constructor(readonly id: string) {
    super(`No freeze window with id ${id}`);
  }
}

/** A command or a read named a change that does not exist, or an id that is not a uuid (the API answers 404). */
export class ChangeNotFound extends Error {
  override readonly name = 'ChangeNotFound';
  constructor(readonly id: string) {
    super(`No change with id ${id}`);
  }
}
