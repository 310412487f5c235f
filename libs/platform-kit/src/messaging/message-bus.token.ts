/** Injection token of the MessageBus port. */
export const MESSAGE_BUS = Symbol('MESSAGE_BUS');
/** Injection token of the process's EventRelay. */
export const EVENT_RELAY = Symbol('EVENT_RELAY');
