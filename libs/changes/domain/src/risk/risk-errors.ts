import { RuleViolation } from '@itsm/event-sourcing';

/** One thing wrong with a policy file, named by where it is (`rules[2].when.atLeast`). */
export interface RiskPolicyProblem {
  readonly path: string;
  readonly message: string;
}

/** A policy file that cannot be used; lists every problem at once so that one edit can fix them all. */
export class RiskPolicyInvalid extends Error {
  override readonly name = 'RiskPolicyInvalid';
  constructor(readonly problems: readonly RiskPolicyProblem[]) {
    super(`The risk policy is invalid (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${problems.map((p) => `- ${p.path}: ${p.message}`).join('\n')}`);
  }
}

/**
 * The requester left questions unanswered. A refusal (a RuleViolation, so the API answers 409 with the reason)
 * rather than a guess: an assessment event must explain every score it counts.
 */
export class RiskQuestionnaireIncomplete extends RuleViolation {
  constructor(readonly missingQuestionIds: readonly string[]) {
    super(`The risk questionnaire is incomplete: no answer to ${missingQuestionIds.map((id) => `"${id}"`).join(', ')}`);
  }
}

/** An answer id the question does not offer. */
export class RiskAnswerUnknown extends RuleViolation {
  constructor(readonly unknownAnswers: readonly { readonly questionId: string; readonly answerId: string }[]) {
    super(`Unknown risk questionnaire answer${unknownAnswers.length === 1 ? '' : 's'}: ${unknownAnswers.map((a) => `"${a.answerId}" to "${a.questionId}"`).join(', ')}`);
  }
}
