import { Inject, Injectable } from '@nestjs/common';
import type { EventStore } from '@itsm/event-store';
import { EVENT_STORE } from '@itsm/platform-kit';
import { replayPeriod, type PeriodReplay } from '../periods/replay-period';

/** `replayPeriod` on the host's event store (the route `POST /finance/periods/:period/replay`). */
@Injectable()
export class ReplayPeriodQuery {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  execute(period: string): Promise<PeriodReplay> {
    return replayPeriod(this.store, period);
  }
}
