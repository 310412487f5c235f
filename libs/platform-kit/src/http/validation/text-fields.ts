import { applyDecorators } from '@nestjs/common';
import { IsString, Matches, MaxLength, type ValidationOptions } from 'class-validator';
import { WITHOUT_NUL } from './without-nul';

/** At least one character a reader sees: not only spaces, line breaks, zero-width or other invisible characters. */
const VISIBLE = /[^\s\p{Z}\p{C}]/u;
/** No control characters (line breaks, tabs, NUL…): a name is one line. */
const ONE_LINE = /^\P{Cc}*$/u;

const visible = (options?: ValidationOptions) => Matches(VISIBLE, { ...options, message: '$property must contain a visible character, not only blanks' });

/**
 * A name (of a service, an offering, a group, an agent…): one line, at most `maxLength` characters, with at least
 * one visible character, so a blank or zero-width name is refused (400) rather than stored.
 */
export const IsName = (maxLength = 200, options?: ValidationOptions) =>
  applyDecorators(
    IsString(options),
    MaxLength(maxLength, options),
    Matches(ONE_LINE, { ...options, message: '$property must be one line, without control characters' }),
    visible(options),
  );

/** A free text (a description, a step): line breaks allowed, NUL not, and not empty or only blanks. */
export const IsText = (maxLength: number, options?: ValidationOptions) =>
  applyDecorators(
    IsString(options),
    MaxLength(maxLength, options),
    Matches(WITHOUT_NUL, { ...options, message: '$property must not contain NUL characters' }),
    visible(options),
  );
