import { SLA_TIMER_ORDER, type SlaState } from './sla-state';
import { slaTimerView, type SlaTimerView } from './sla-timer';

/** `GET /incidents/:id/sla` (DESIGN §7): each timer as it stands at `now`. */
export interface SlaView {
  timers: SlaTimerView[];
}

export const slaView = (state: SlaState, now: Date): SlaView => ({
  timers: SLA_TIMER_ORDER.flatMap((kind) => {
    const record = state.timers[kind];
    return record ? [slaTimerView(record.timer, now)] : [];
  }),
});
