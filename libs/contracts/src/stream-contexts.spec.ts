import { contextOfStream, streamTypeOf, UnknownStreamTypeError } from './stream-contexts';

const id = '0190f3a4-1111-7222-8333-944445555666';

describe('contextOfStream', () => {
  it.each([
    ['incident', 'incidents'],
    ['change', 'changes'],
    ['freeze-window', 'changes'],
    ['service', 'catalog'],
    ['offering', 'catalog'],
    ['calendar', 'catalog'],
    ['cost-center', 'finance'],
    ['cost-pool', 'finance'],
    ['budget', 'finance'],
    ['rate-card', 'finance'],
    ['allocation-rule', 'finance'],
    ['finance-period', 'finance'],
    ['webhook', 'webhooks'],
  ])('maps %s streams to %s', (type, context) => {
    expect(contextOfStream(`${type}-${id}`)).toBe(context);
    expect(streamTypeOf(`${type}-${id}`)).toBe(type);
  });

  it('refuses stream types no context owns', () => {
    expect(() => contextOfStream(`widget-${id}`)).toThrow(UnknownStreamTypeError);
    expect(() => contextOfStream('incident')).toThrow(/no known stream type/);
    expect(() => contextOfStream(`incidents-${id}`)).toThrow(UnknownStreamTypeError);
  });
});
