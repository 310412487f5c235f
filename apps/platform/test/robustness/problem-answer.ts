import type { RawAnswer } from './raw-http';

/** What is wrong with an answer to a bad request: not a 4xx, or not RFC 9457 problem+json matching its status. */
export const problemAnswerFaults = (answer: RawAnswer): string[] => {
  const faults: string[] = [];
  if (answer.status < 400 || answer.status > 499) faults.push(`status ${answer.status}`);
  const contentType = String(answer.headers['content-type'] ?? '');
  if (!/^application\/problem\+json(;|$)/.test(contentType)) faults.push(`content-type "${contentType}"`);
  let body: unknown;
  try {
    body = JSON.parse(answer.text);
  } catch {
    return [...faults, `body is not JSON: ${answer.text.slice(0, 80)}`];
  }
  const problem = body as { type?: unknown; title?: unknown; status?: unknown };
  if (typeof problem.type !== 'string' || problem.type.length === 0) faults.push('no type');
  if (typeof problem.title !== 'string' || problem.title.length === 0) faults.push('no title');
  if (problem.status !== answer.status) faults.push(`body status ${String(problem.status)} ≠ ${answer.status}`);
  return faults;
};
