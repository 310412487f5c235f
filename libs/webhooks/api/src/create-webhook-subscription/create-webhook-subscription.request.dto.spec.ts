import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { CreateWebhookSubscriptionRequest } from './create-webhook-subscription.request.dto';

const problemsOf = (body: unknown): string[] =>
  validateSync(plainToInstance(CreateWebhookSubscriptionRequest, body)).flatMap((error) => Object.values(error.constraints ?? {}));

describe('CreateWebhookSubscriptionRequest', () => {
  it('takes a url, event types or *, and an optional description', () => {
    expect(problemsOf({ url: 'https://hooks.example.com/itsm', eventTypes: ['IncidentOpened', 'ServiceRegistered'] })).toEqual([]);
    expect(problemsOf({ url: 'https://hooks.example.com/itsm', eventTypes: ['*'], description: 'CMDB' })).toEqual([]);
  });

  it('refuses a missing url, no event types, and names that are not event types, naming the field', () => {
    expect(problemsOf({ eventTypes: ['*'] })).toContain('url must be a string');
    expect(problemsOf({ url: 'https://hooks.example.com/', eventTypes: [] })).toEqual(['eventTypes must contain at least 1 elements']);
    expect(problemsOf({ url: 'https://hooks.example.com/', eventTypes: ['incident opened'] })).toEqual(['eventTypes must hold event type names (IncidentOpened) or *']);
    expect(problemsOf({ url: 'https://hooks.example.com/', eventTypes: 'IncidentOpened' })).toContain('eventTypes must be an array');
  });
});
