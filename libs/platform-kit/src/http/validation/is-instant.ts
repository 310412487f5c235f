import { ValidateBy, type ValidationOptions } from 'class-validator';
import { isInstant } from '@itsm/projections';

/**
 * A date-time field or query parameter: RFC 3339 (`2026-03-04T09:00:00Z`), a real day, years 0001–9999. The same
 * check as the lists' cursors (`isInstant` of @itsm/projections), so no date a store cannot hold reaches SQL.
 */
export const IsInstant = (options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: 'isInstant',
      validator: {
        validate: (value: unknown) => isInstant(value),
        defaultMessage: () => '$property must be an RFC 3339 date-time such as 2026-03-04T09:00:00Z (years 0001–9999)',
      },
    },
    options,
  );
