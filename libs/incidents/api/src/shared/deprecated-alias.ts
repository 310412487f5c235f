import { registerDecorator, type ValidationArguments } from 'class-validator';

/**
 * On a deprecated field name that stays accepted: refuses it beside the name that replaced it (400), so a body
 * never says two things at once. Put it after `@IsOptional()`, which skips it when the old name is absent.
 */
export const NotWith =
  (...current: string[]) =>
  (target: object, property: string): void =>
    registerDecorator({
      name: 'notWith',
      target: target.constructor,
      propertyName: property,
      constraints: current,
      options: {
        message: (args: ValidationArguments) =>
          `${args.property} is the deprecated name of ${current.join(' and ')}: send one of them, not both`,
      },
      validator: {
        validate: (_value: unknown, args: ValidationArguments) =>
          current.every(
            (name) => (args.object as Record<string, unknown>)[name] === undefined,
          ),
      },
    });
