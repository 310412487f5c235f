/** One request the API must refuse: what is sent, byte for byte, and which 4xx statuses are right for it. */
export interface MalformedCase {
  /** Names the fault, so a failure says which request broke the rule. */
  name: string;
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** Sent as is (no URL normalisation), so `..` and bad percent-escapes reach the server. */
  path: string;
  headers: Record<string, string>;
  body?: string | Buffer;
  /** The statuses that are correct answers to this fault (all 4xx). */
  expect: readonly number[];
}

/** What the generators aim at: seeded resources (so ids exist) and credentials of each kind. */
export interface CaseTargets {
  /** A service in the pipeline lifecycle, at revision 0. */
  serviceId: string;
  /** A second service, for dependencies. */
  otherServiceId: string;
  calendarId: string;
  tokens: {
    admin: string;
    serviceOwner: string;
    /** A reader: any catalog write is 403 for it. */
    requester: string;
  };
}

export const JSON_TYPE = 'application/json';

/** Headers of an admin request with a JSON body. */
export const adminJson = (targets: CaseTargets, extra: Record<string, string> = {}): Record<string, string> => ({
  authorization: `Bearer ${targets.tokens.admin}`,
  'content-type': JSON_TYPE,
  ...extra,
});

export const adminOnly = (targets: CaseTargets, extra: Record<string, string> = {}): Record<string, string> => ({
  authorization: `Bearer ${targets.tokens.admin}`,
  ...extra,
});
