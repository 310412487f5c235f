export * from './commands';
export * from './events';
export type { AbsentCalendar, Calendar, CreatedCalendar } from './state';
export { calendarDecider } from './decide';
export * from './calendar.rules';
