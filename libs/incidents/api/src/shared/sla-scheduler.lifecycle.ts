import {
  Injectable,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { SlaScheduler } from '@itsm/incidents-application';

/** Polls the durable SLA timers while the app runs: started once the app is up, stopped (after its poll) on shutdown. */
@Injectable()
export class SlaSchedulerLifecycle
  implements OnApplicationBootstrap, OnApplicationShutdown
{
  constructor(private readonly scheduler: SlaScheduler) {}

  onApplicationBootstrap(): void {
    this.scheduler.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.scheduler.stop();
  }
}
