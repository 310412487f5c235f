import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import type { Response } from 'express';
import type { RecordedEvent } from '@itsm/event-sourcing';
import { DEFAULT_WAIT_TIMEOUT_MS, ReadModelBehind } from '@itsm/projections';
import { ProblemException, ProblemType } from '../problems/problem';

/** Read-your-writes on lists served from read models (DESIGN §5): a write names its log position, a read waits for it. */
export const LOG_POSITION_HEADER = 'X-Log-Position';
export const WAIT_FOR_POSITION_HEADER = 'X-Wait-For-Position';

/**
 * Tells the caller where its write landed in the log (`X-Log-Position`, the position of its last event) and, for
 * creations, where the new resource is. A write that changed nothing appended no event and names no position.
 */
export const announceWrite = (response: Response, events: readonly RecordedEvent[], location?: string): void => {
  const last = events[events.length - 1];
  if (last) response.setHeader(LOG_POSITION_HEADER, String(last.globalPosition));
  if (location) response.setHeader('Location', location);
};

/** `X-Wait-For-Position` as a log position, or undefined when absent; anything but a non-negative integer is a 400. */
export const parseWaitForPosition = (header: string | string[] | undefined): number | undefined => {
  if (header === undefined) return undefined;
  if (typeof header === 'string' && /^\d{1,15}$/.test(header)) return Number(header);
  throw new ProblemException({
    type: ProblemType.validation,
    title: 'Invalid request',
    status: 400,
    detail: `${WAIT_FOR_POSITION_HEADER} must be a log position (a non-negative integer)`,
    errors: [{ field: WAIT_FOR_POSITION_HEADER, message: 'must be a non-negative integer' }],
  });
};

/** The `X-Wait-For-Position` header of the request (see `parseWaitForPosition`). */
export const WaitForPosition = createParamDecorator((_data: unknown, context: ExecutionContext): number | undefined =>
  parseWaitForPosition(
    context.switchToHttp().getRequest<{ headers: Record<string, string | string[] | undefined> }>().headers[WAIT_FOR_POSITION_HEADER.toLowerCase()],
  ),
);

/** Documents the header on a read served from a read model. */
export const ApiWaitForPosition = () =>
  ApiHeader({
    name: WAIT_FOR_POSITION_HEADER,
    required: false,
    description:
      `The ${LOG_POSITION_HEADER} of your last write: the read waits (up to ${DEFAULT_WAIT_TIMEOUT_MS / 1000} s) until it includes ` +
      'that write, then answers with what the read model has',
  });

/**
 * Waits for a read model to include the caller's write when the request names its position. After the timeout
 * (`ReadModelBehind`) the read is served as it is, eventually consistent: a slow projector must not turn reads
 * into errors.
 */
export const readAfter = async (position: number | undefined, wait: (position: number) => Promise<void>): Promise<void> => {
  if (position === undefined) return;
  try {
    await wait(position);
  } catch (error) {
    if (!(error instanceof ReadModelBehind)) throw error;
  }
};
