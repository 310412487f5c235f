import type { Type } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { CALENDAR_NUMBER_PATTERN, CALENDAR_NUMBER_PREFIX, SERVICE_NUMBER_PATTERN, SERVICE_NUMBER_PREFIX } from '@itsm/contracts';
import { formatNumber } from '@itsm/event-sourcing';
import { readAfter } from '@itsm/platform-kit';
import { numberNotFound } from './catalog-errors.filter';

/** A catalog resource people also name by its number: services (`SVC0000001`) and calendars (`CAL0000001`). */
export interface NumberedResource {
  noun: 'service' | 'calendar';
  /** `^SVC\d{7,}$`: the contract's pattern, anchored. */
  numberPattern: RegExp;
  example: string;
}

export const NUMBERED_SERVICE: NumberedResource = { noun: 'service', numberPattern: SERVICE_NUMBER_PATTERN, example: formatNumber(SERVICE_NUMBER_PREFIX, 1) };
export const NUMBERED_CALENDAR: NumberedResource = { noun: 'calendar', numberPattern: CALENDAR_NUMBER_PATTERN, example: formatNumber(CALENDAR_NUMBER_PREFIX, 1) };

const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
const unanchored = (pattern: RegExp) => pattern.source.replace(/^\^/, '').replace(/\$$/, '');

/**
 * The `:id` params of a route that takes the resource's id or its number, as people type it. Anything else
 * (`SVC12`, `CAL12`, another resource's number) is a 400 naming the field, as for a malformed uuid.
 */
export const NumberedRefParams = ({ noun, numberPattern, example }: NumberedResource): Type<{ id: string }> => {
  const ref = new RegExp(`^(${UUID}|${unanchored(numberPattern)})$`);
  class RefParams {
    @ApiProperty({ description: `The ${noun} id (uuid) or its number (${example})`, pattern: ref.source })
    @Matches(ref, { message: `$property must be a ${noun} id (uuid) or number (${example})` })
    id!: string;
  }
  return RefParams;
};

/** How a route finds the id of a number: the read model that knows numbers, and how to wait for a write to reach it. */
export interface NumberLookup {
  caughtUp(position: number): Promise<void>;
  idOfNumber(number: string): Promise<string | null>;
}

/**
 * The id a validated ref names: an id as it is; a number looked up in the read model (after `X-Wait-For-Position`,
 * so a just-created resource is found); a 404 problem when no resource has that number.
 */
export const idOfRef = async (resource: NumberedResource, ref: string, position: number | undefined, lookup: NumberLookup): Promise<string> => {
  if (!resource.numberPattern.test(ref)) return ref;
  await readAfter(position, (at) => lookup.caughtUp(at));
  const id = await lookup.idOfNumber(ref);
  if (id === null) throw numberNotFound(resource.noun, ref);
  return id;
};
