import {
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { SlaScheduler } from '@itsm/incidents-application';

/** Polls the durable SLA timers while the app runs: started once the app is up, stopped (after its poll) on shutdown. */
@Injectable()
export class SlaSchedulerLifecycle
  implements OnApplicationBootstrap, BeforeApplicationShutdown
{
  constructor(private readonly scheduler: SlaScheduler) {}

  onApplicationBootstrap(): void {
    this.scheduler.start();
  }

  /** Before the event log closes (onApplicationShutdown), so a poll in progress finishes its appends. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.scheduler.stop();
    new Logger('SlaScheduler').log('SLA scheduler stopped');
  }
}
