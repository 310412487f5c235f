import { refuseUnsafeJson } from './json-body-reviver';

const parse = (text: string) => JSON.parse(text, refuseUnsafeJson);

describe('the JSON body reviver', () => {
  it('keeps ordinary bodies as they are, astral characters included', () => {
    expect(parse('{"name":"Mail 📧","steps":["a","b"],"n":1,"nested":{"ok":true}}')).toEqual({
      name: 'Mail 📧',
      steps: ['a', 'b'],
      n: 1,
      nested: { ok: true },
    });
  });

  it.each(['{"__proto__":{"admin":true}}', '{"a":{"constructor":{"prototype":{}}}}'])('refuses prototype keys: %s', (text) => {
    expect(() => parse(text)).toThrow(/not accepted as a field name/);
  });

  it.each(['{"name":"a\\u0000b"}', '{"name":"\\ud800"}', '{"name":"\\udc00x"}', '["\\ud83d"]', '{"\\u0000":1}'])(
    'refuses strings PostgreSQL cannot store: %s',
    (text) => {
      expect(() => parse(text)).toThrow(/NUL characters or unpaired/);
    },
  );
});
