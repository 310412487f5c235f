// The one "wait until" helper lives in the kernel, so libs below platform-kit (event store, projections,
// messaging) share it; re-exported here for the specs that already take their test support from the kit.
export { waitUntil } from '@itsm/event-sourcing';
