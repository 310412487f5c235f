/** The body of a command that takes none: `{}` or nothing; any field is refused (400), as in every other body. */
export class EmptyRequest {}
