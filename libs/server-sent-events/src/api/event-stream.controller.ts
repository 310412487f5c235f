import { Controller, Get, Headers, Inject, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { API_KEY_SCHEME, ApiProblemResponses, BEARER_SCHEME, ProblemException, ProblemType, type GatewayRequest } from '@itsm/platform-kit';
import { InvalidEventSelection, parseEventSelection } from '../selection/event-selection';
import { EventStreams } from './event-streams';
import { EventStreamQuery } from './event-stream.query.dto';
import { InvalidLastEventId, parseLastEventId } from './last-event-id';

export const EVENT_STREAMS = Symbol('EVENT_STREAMS');

@ApiTags('events')
@ApiBearerAuth(BEARER_SCHEME)
@ApiSecurity(API_KEY_SCHEME)
@Controller('api/v1/events')
export class EventStreamController {
  constructor(@Inject(EVENT_STREAMS) private readonly streams: EventStreams) {}

  @Get()
  @ApiOperation({
    summary: 'Follow the event log (server-sent events)',
    description:
      'Events as they are written, as `text/event-stream`: `id` the log position, `event` the CloudEvents type, `data` the CloudEvent ' +
      '(structured JSON, the attributes Kafka consumers get as headers). Send the last id back as `Last-Event-ID` (or `?lastEventId=`) ' +
      'to resume without loss or repeats; without it the stream starts now. A comment line every few seconds is the heartbeat. ' +
      'Each role sees the contexts it may read; a requester sees the events of their own incidents only.',
  })
  @ApiProduces('text/event-stream')
  @ApiOkResponse({ description: 'The stream (never ends on its own)' })
  @ApiProblemResponses(400, 401)
  async follow(
    @Query() query: EventStreamQuery,
    @Headers('last-event-id') lastEventIdHeader: string | undefined,
    @Req() request: GatewayRequest,
    @Res() response: Response,
  ): Promise<void> {
    const selection = badRequestOn(InvalidEventSelection, 'types', () => parseEventSelection(query.types));
    const after = badRequestOn(InvalidLastEventId, 'lastEventId', () => parseLastEventId(lastEventIdHeader, query.lastEventId));
    const principal = request.principal;
    if (!principal) throw new Error('The events route needs the gateway conventions (authentication) in front of it');
    await this.streams.serve({ reader: { id: principal.id, roles: principal.roles }, selection, after, request, response });
  }
}

const badRequestOn = <T>(kind: new (...args: never[]) => Error, field: string, parse: () => T): T => {
  try {
    return parse();
  } catch (error) {
    if (!(error instanceof kind)) throw error;
    throw new ProblemException({
      type: ProblemType.validation,
      title: 'Invalid request',
      status: 400,
      detail: error.message,
      errors: [{ field: error instanceof InvalidLastEventId ? error.field : field, message: error.message }],
    });
  }
};
