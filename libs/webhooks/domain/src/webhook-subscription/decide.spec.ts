import { deciderSpecification, fold, IllegalTransition, RuleViolation } from '@itsm/event-sourcing';
import { webhookSubscriptionDecider } from './decide';
import { create, created, deleted, disable, disabled, enable, enabled, now, receiverUrl, remove, webhookSubscriptionId } from './webhook-subscription.builders';

const spec = deciderSpecification(webhookSubscriptionDecider, expect);
const given = spec.given.bind(spec);

describe('Webhook subscription decider', () => {
  describe('when not created yet', () => {
    it('creates an enabled subscription with its url and event types, at the time of the command', () => {
      given([]).when(create()).then([created()]);
    });
    it('takes * for every published type, and a trimmed description', () => {
      given([]).when(create({ eventTypes: ['*'], description: '  Monitoring  ' })).then([created({ eventTypes: ['*'], description: 'Monitoring' })]);
    });
    it('trims the url and writes it normalised', () => {
      given([]).when(create({ url: '  https://HOOKS.example.com:443/itsm  ' })).then([created()]);
    });
    it('refuses a url that is not an absolute http(s) URL', () => {
      given([]).when(create({ url: '   ' })).thenThrows(RuleViolation, 'The url must not be blank');
      given([]).when(create({ url: '/relative' })).thenThrows(RuleViolation, 'The url must be an absolute http or https URL');
      given([]).when(create({ url: 'ftp://hooks.example.com/x' })).thenThrows(RuleViolation, 'The url must be an absolute http or https URL');
    });
    it('refuses credentials and fragments in the url', () => {
      given([]).when(create({ url: 'https://user:pw@hooks.example.com/' })).thenThrows(RuleViolation, 'The url must not carry credentials');
      given([]).when(create({ url: `${receiverUrl}#part` })).thenThrows(RuleViolation, 'The url must not have a fragment');
    });
    it('refuses no event type, a type twice, * beside other types, and types the platform does not publish', () => {
      given([]).when(create({ eventTypes: [] })).thenThrows(RuleViolation, /at least one event type/);
      given([]).when(create({ eventTypes: ['IncidentOpened', 'IncidentOpened'] })).thenThrows(RuleViolation, 'Each event type must be named once');
      given([]).when(create({ eventTypes: ['*', 'IncidentOpened'] })).thenThrows(RuleViolation, /name no other type/);
      given([]).when(create({ eventTypes: ['IncidentExploded', 'WebhookSubscriptionCreated'] })).thenThrows(
        RuleViolation,
        'Not published event types: IncidentExploded, WebhookSubscriptionCreated',
      );
    });
    it('refuses every other command', () => {
      given([]).when(disable()).thenThrows(IllegalTransition, 'The webhook subscription does not exist');
    });
  });

  describe('when enabled', () => {
    it('refuses to create it again', () => {
      given([created()]).when(create()).thenThrows(IllegalTransition, `Webhook subscription ${webhookSubscriptionId} is already created`);
    });
    it('disables it with a reason', () => {
      given([created()]).when(disable('  receiver moved  ')).then([disabled('receiver moved')]);
    });
    it('is already enabled: enabling changes nothing', () => {
      given([created()]).when(enable()).then([]);
    });
    it('deletes it', () => {
      given([created()]).when(remove()).then([deleted()]);
    });
    it('holds what the subscription was created with', () => {
      expect(fold(webhookSubscriptionDecider, [created()])).toEqual({
        status: 'enabled',
        webhookSubscriptionId,
        url: receiverUrl,
        eventTypes: ['IncidentOpened'],
        description: null,
        createdAt: now.toISOString(),
        disabledReason: null,
      });
    });
  });

  describe('when disabled', () => {
    it('enables it again', () => {
      given([created(), disabled()]).when(enable()).then([enabled()]);
      expect(fold(webhookSubscriptionDecider, [created(), disabled('x'), enabled()])).toMatchObject({ status: 'enabled', disabledReason: null });
    });
    it('is already disabled: disabling changes nothing', () => {
      given([created(), disabled()]).when(disable()).then([]);
    });
  });

  describe('when deleted', () => {
    it('refuses every command', () => {
      given([created(), deleted()]).when(enable()).thenThrows(IllegalTransition, `Webhook subscription ${webhookSubscriptionId} is deleted`);
      given([created(), deleted()]).when(remove()).thenThrows(IllegalTransition, /is deleted/);
    });
  });
});
