import type { NextFunction, Request, Response } from 'express';
import type { DestinationStream, Logger } from 'pino';
import { pinoHttp, type Options } from 'pino-http';
// nestjs-pino's request context: its PinoLogger logs through `store.logger` (and `assign` replaces it).
import { storage, type Store } from 'nestjs-pino/storage';

/** pino-http logs a finished request at this level (`useLevel`, default info). */
const DEFAULT_REQUEST_LEVEL = 'info';

export type RequestLoggerOptions = Options & Required<Pick<Options, 'genReqId'>>;
export type RequestLogger = ((request: Request, response: Response, next: NextFunction) => void) & { logger: Logger };

/**
 * pino-http's request log and nestjs-pino's request context, built only when used. pino-http builds two child
 * loggers per request, each serialising the request and its headers through the redaction, even when the level
 * drops every line (~5 % of a GET's CPU, profile in tools/bench/http). When LOG_LEVEL is above the request line's
 * level (the usual `warn` of a busy server) no request line can be written: then only the request id is set, and
 * the logger of in-request lines (bound to `req` and the custom props, as pino-http binds it) is built at the
 * first such line. At or below that level, pino-http runs as it is.
 */
export const createRequestLogger = (options: RequestLoggerOptions, destination?: DestinationStream): RequestLogger => {
  const full = destination ? pinoHttp(options, destination) : pinoHttp(options);
  const root = full.logger;
  const requestLevel = options.useLevel ?? DEFAULT_REQUEST_LEVEL;
  // A level chosen per answer (customLogLevel) may log any request: pino-http then always runs.
  const mayLog = () => options.customLogLevel !== undefined || root.isLevelEnabled(requestLevel);
  const { genReqId, customProps } = options;
  const requestLoggerOf = (request: Request, response: Response): Logger => {
    const withRequest = root.child({ req: request });
    const props = typeof customProps === 'function' ? customProps(request, response) : customProps;
    return props ? withRequest.child(props) : withRequest;
  };
  const middleware = (request: Request, response: Response, next: NextFunction): void => {
    if (mayLog()) {
      full(request, response);
      storage.run(contextOf(() => request.log), next);
      return;
    }
    request.id ??= genReqId(request, response);
    storage.run(
      contextOf(() => requestLoggerOf(request, response)),
      next,
    );
  };
  return Object.assign(middleware, { logger: root });
};

/** nestjs-pino's request context with its logger built on first use (and replaceable, as `PinoLogger.assign` does). */
const contextOf = (build: () => Logger): Store => {
  let logger: Logger | undefined;
  return {
    get logger(): Logger {
      return (logger ??= build());
    },
    set logger(value: Logger) {
      logger = value;
    },
    responseLogger: undefined,
  };
};
