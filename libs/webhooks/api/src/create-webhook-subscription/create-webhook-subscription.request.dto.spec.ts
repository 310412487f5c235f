import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { CreateWebhookSubscriptionRequest } from './create-webhook-subscription.request.dto';

const problemsOf = (body: unknown): string[] =>
  validateSync(plainToInstance(CreateWebhookSubscriptionRequest, body)).flatMap((error) => Object.values(error.constraints ?? {}));

describe('CreateWebhookSubscriptionRequest', () => {
  it('takes a url of 1 to 160 characters', () => {
    expect(problemsOf({ url: 'Url of the webhook subscription' })).toEqual([]);
    expect(problemsOf({ url: 'x'.repeat(160) })).toEqual([]);
  });

  it('refuses a missing, empty, too long or NUL-carrying url, naming the field', () => {
    expect(problemsOf({})).toContain('url must be a string');
    expect(problemsOf({ url: '' })).toEqual(['url must be longer than or equal to 1 characters']);
    expect(problemsOf({ url: 'x'.repeat(161) })).toEqual(['url must be shorter than or equal to 160 characters']);
    expect(problemsOf({ url: 'a\u0000b' })).toEqual(['url must not contain NUL characters']);
  });
});
