import { assertNever } from '@itsm/event-sourcing';
import type { ChangeEvent } from './events';

export interface InitialChange {
  status: 'initial';
}

export interface RaisedChange {
  status: 'raised';
  changeId: string;
  shortDescription: string;
  raisedAt: string;
}

export type Change = InitialChange | RaisedChange;

export const initialState = (): Change => ({ status: 'initial' });

export const evolve = (state: Change, event: ChangeEvent): Change => {
  switch (event.type) {
    case 'ChangeRaised': return { status: 'raised', ...event.data };
    default: return assertNever(event.type);
  }
};
