/** The ETag of a resource is its stream revision, as a strong tag: revision 3 → `"3"`. */
export const formatETag = (revision: number): string => `"${revision}"`;

/** A controller's answer with the revision it reflects; the ETag interceptor sends the body and sets `ETag`. */
export class WithETag<Body> {
  constructor(
    readonly body: Body,
    readonly revision: number,
  ) {}
}

export const withETag = <Body>(body: Body, revision: number): WithETag<Body> => new WithETag(body, revision);
