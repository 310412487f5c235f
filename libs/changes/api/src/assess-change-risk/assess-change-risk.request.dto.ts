import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsObject, Max, Min, registerDecorator, type ValidationOptions } from 'class-validator';

const MAX_ANSWERS = 100;
const ID = /^[^\p{Cc}]{1,200}$/u;

/** `{ questionId: answerId }`: at most 100 answers, ids of 1–200 characters on one line. */
const IsAnswerMap = (options?: ValidationOptions) => (target: object, propertyName: string) =>
  registerDecorator({
    name: 'isAnswerMap',
    target: target.constructor,
    propertyName,
    options: { message: '$property must map question ids to answer ids (text of 1–200 characters, at most 100 answers)', ...options },
    validator: {
      validate: (value: unknown) =>
        typeof value === 'object' && value !== null && !Array.isArray(value) &&
        Object.keys(value).length <= MAX_ANSWERS &&
        Object.entries(value).every(([question, answer]) => ID.test(question) && typeof answer === 'string' && ID.test(answer)),
    },
  });

export class AssessChangeRiskRequest {
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    example: { tested: 'fully', rollback: 'tested', 'done-before': 'many-times', 'user-visible': 'no', 'peak-hours': 'no', 'third-party': 'no' },
    description: 'The risk questionnaire: the answer id chosen for each question id of the risk policy (every question must be answered)',
  })
  @IsObject()
  @IsAnswerMap()
  answers!: Record<string, string>;

  @ApiProperty({ minimum: 0, maximum: 525600, example: 0, description: 'The outage the change is expected to cause, in minutes (0: none)' })
  @IsInt()
  @Min(0)
  @Max(525_600)
  expectedOutageMinutes!: number;
}
