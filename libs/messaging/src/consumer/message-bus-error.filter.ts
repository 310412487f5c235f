import { Catch, type ArgumentsHost, type RpcExceptionFilter } from '@nestjs/common';
import { throwError, type Observable } from 'rxjs';
import { MessageBusContext } from './message-bus.context';

/**
 * Passes what a handler threw to the transport as it is. Without it Nest's default RPC filter logs the error
 * and replaces it with `{ status: 'error', message: 'Internal server error' }`, and the dead-letter headers
 * would only say that. Register with `app.useGlobalFilters(new MessageBusErrorFilter())`.
 */
@Catch()
export class MessageBusErrorFilter implements RpcExceptionFilter<unknown> {
  catch(exception: unknown, host: ArgumentsHost): Observable<never> {
    const context = host.switchToRpc().getContext<unknown>();
    if (context instanceof MessageBusContext) context.recordFailure(exception);
    return throwError(() => exception);
  }
}
