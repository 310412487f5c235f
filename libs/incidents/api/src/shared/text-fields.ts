import { applyDecorators } from '@nestjs/common';
import { IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { WITHOUT_NUL } from '@itsm/platform-kit';

/** A group or agent name: 1–200 characters without NUL. */
export const IsName = () =>
  applyDecorators(
    IsString(),
    MinLength(1),
    MaxLength(200),
    Matches(WITHOUT_NUL, {
      message: '$property must not contain NUL characters',
    }),
  );
