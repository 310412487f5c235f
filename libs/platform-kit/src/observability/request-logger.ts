import type { NextFunction, Request, Response } from 'express';
import type { DestinationStream, Logger } from 'pino';
import { pinoHttp, type Options } from 'pino-http';
// nestjs-pino's request context: its PinoLogger logs through `store.logger` while a request runs.
import { storage, Store } from 'nestjs-pino/storage';

/** pino-http logs a finished request at this level (`useLevel`, default info). */
const DEFAULT_REQUEST_LEVEL = 'info';

export type RequestLoggerOptions = Options & Required<Pick<Options, 'genReqId'>>;
export type RequestLogger = ((request: Request, response: Response, next: NextFunction) => void) & { logger: Logger };

/**
 * pino-http's request log and nestjs-pino's request context (the app's lines bound to the request), only when the
 * level can write the request line. When LOG_LEVEL is above it (the usual `warn` of a busy server) there is no
 * request line for other lines to join, and the request only gets its id (the correlation id): lines written
 * during it say what they need themselves, as the problem filter logs the correlation id of a 5xx. The context was
 * the costliest convention of a GET (profile in tools/bench/http): two child loggers serialising the request and
 * its headers through the redaction, and an AsyncLocalStorage whose hook then runs on every promise of the process.
 */
export const createRequestLogger = (options: RequestLoggerOptions, destination?: DestinationStream): RequestLogger => {
  const full = destination ? pinoHttp(options, destination) : pinoHttp(options);
  const root = full.logger;
  const requestLevel = options.useLevel ?? DEFAULT_REQUEST_LEVEL;
  // A level chosen per answer (customLogLevel) may log any request: pino-http then always runs.
  const logsRequests = () => options.customLogLevel !== undefined || root.isLevelEnabled(requestLevel);
  const { genReqId } = options;
  const middleware = (request: Request, response: Response, next: NextFunction): void => {
    if (!logsRequests()) {
      request.id ??= genReqId(request, response);
      next();
      return;
    }
    full(request, response);
    storage.run(new Store(request.log), next);
  };
  return Object.assign(middleware, { logger: root });
};
