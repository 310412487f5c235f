export * from './in-process-message-bus.adapter';
export { WakeSignal } from './wake-signal';
