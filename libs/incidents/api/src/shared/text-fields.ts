/** Group and agent names: one line, 1–200 characters, at least one visible (the rule every context's names share). */
export { IsName } from '@itsm/platform-kit';
