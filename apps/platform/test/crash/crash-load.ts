import type { EmbeddedPlatformProcess } from '@itsm/platform-kit';
import { AcknowledgedWrites, PROBE_GROUP, PROBE_WORD } from './acknowledged-writes';

/**
 * Clients that open incidents and assign them as fast as the platform answers, each on its own, until told to
 * stop or until the platform stops answering (it was killed). Only answers that came back count as acknowledged.
 */
export const runClients = (platform: EmbeddedPlatformProcess, writes: AcknowledgedWrites, round: number, clients: number, serviceIds: readonly string[]) => {
  let stopped = false;
  const client = async (index: number) => {
    const agent = `crash-agent-${index}`;
    for (let n = 0; !stopped; n++) {
      let answer;
      try {
        answer = await platform.call('/api/v1/incidents', {
          method: 'POST',
          roles: ['agent'],
          body: {
            shortDescription: `${PROBE_WORD} round ${round} client ${index} #${n}`,
            description: 'Written by the crash test; must survive kill -9 once acknowledged',
            callerId: `caller-${index}`,
            serviceId: serviceIds[(index + n) % serviceIds.length],
            impact: 1 + (n % 3),
            urgency: 1 + (index % 3),
          },
        });
      } catch {
        writes.unanswered++;
        return;
      }
      if (answer.status !== 201) throw new Error(`opening an incident answered ${answer.status}: ${JSON.stringify(answer.body)}`);
      writes.opened(round, answer.body.id, answer.body.number, agent);
      try {
        answer = await platform.call(`/api/v1/incidents/${answer.body.id}/assign`, { method: 'POST', roles: ['agent'], body: { group: PROBE_GROUP, agent } });
      } catch {
        writes.unanswered++;
        return;
      }
      if (answer.status !== 200) throw new Error(`assigning answered ${answer.status}: ${JSON.stringify(answer.body)}`);
      writes.assigned(answer.body.id);
    }
  };
  const all = Promise.all(Array.from({ length: clients }, (_, index) => client(index)));
  return {
    /** Resolves once every client has ended (their writes cut or stopped). */
    finished: all,
    stop() {
      stopped = true;
      return all;
    },
  };
};
