import { ProblemException } from '@itsm/platform-kit';

export const UpstreamProblemType = {
  unavailable: 'urn:itsm:problem:upstream-unavailable',
  timeout: 'urn:itsm:problem:upstream-timeout',
} as const;

/** 502: the service could not be reached (refused, unknown host, connection reset). */
export const upstreamUnavailable = (service: string) =>
  new ProblemException({
    type: UpstreamProblemType.unavailable,
    title: 'Bad gateway',
    status: 502,
    detail: `The ${service} service could not be reached; retry shortly`,
  });

/** 504: the service did not answer in time. */
export const upstreamTimedOut = (service: string, timeoutMs: number) =>
  new ProblemException({
    type: UpstreamProblemType.timeout,
    title: 'Gateway timeout',
    status: 504,
    detail: `The ${service} service did not answer within ${timeoutMs} ms`,
  });

/** 404 for a path that normalises outside every forwarded route. */
export const noSuchRoute = () => new ProblemException({ status: 404, detail: 'No such resource' });
