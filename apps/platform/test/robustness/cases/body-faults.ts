import { gzipSync } from 'node:zlib';
import { CATALOG_ROUTES, seededPath, type CatalogRoute } from './catalog-routes';
import { adminJson, adminOnly, JSON_TYPE, type CaseTargets, type MalformedCase } from './malformed-case';

/** Over the default ITSM_BODY_LIMIT (1mb) and well under it. */
const OVER_BODY_LIMIT = 1_100_000;
const UNDER_BODY_LIMIT = 900_000;

/** Bodies that are not JSON at all, or JSON of the wrong shape at the top level. */
const unparsable = (valid: string): [string, string][] => [
  ['truncated after one byte', valid.slice(0, 1)],
  ['truncated in the middle', valid.slice(0, Math.floor(valid.length / 2))],
  ['truncated before the last brace', valid.slice(0, -1)],
  ['trailing garbage', `${valid}xyz`],
  ['two documents', `${valid}${valid}`],
  ['single quotes', valid.replace(/"/g, "'")],
  ['unquoted keys', valid.replace(/"(\w+)":/g, '$1:')],
  ['trailing comma', valid.replace(/}$/, ',}')],
  ['a comment', `/* c */${valid}`],
  ['NaN', '{"name": NaN}'],
  ['a lone brace', '{'],
  ['whitespace only', '   '],
  ['binary', '\u0000\u0001\u0002\u00ff'],
  ['xml', '<service><name>x</name></service>'],
  ['invalid escape', '{"name": "\\x41"}'],
  ['lone surrogate escape', '{"name": "\\ud800"}'],
];

/** Parsable JSON that is not an object of the DTO. */
const wrongTopLevel = (valid: string): [string, string][] => [
  ['null', 'null'],
  ['a number', '42'],
  ['a string', '"name"'],
  ['true', 'true'],
  ['an empty array', '[]'],
  ['an array of the valid body', `[${valid}]`],
  ['an array of numbers', '[1,2,3]'],
];

/** Valid-looking JSON the DTO must still refuse as a whole. */
const shapeFaults = (valid: Record<string, unknown>): [string, string][] => [
  ['an empty object', '{}'],
  ['an unknown field', JSON.stringify({ ...valid, unknownField: 1 })],
  ['a server-owned id', JSON.stringify({ ...valid, id: '0190f1e2-d3c4-4b5a-8c7d-6e5f4a3b2c1d' })],
  ['a server-owned revision', JSON.stringify({ ...valid, revision: 7 })],
  ['__proto__ pollution', `{"__proto__": {"admin": true}, ${JSON.stringify(valid).slice(1)}`],
  ['constructor pollution', JSON.stringify({ ...valid, constructor: { prototype: { admin: true } } })],
  ['deeply nested garbage', JSON.stringify({ ...valid, nested: deeplyNested(2_000) })],
  ['a huge number', JSON.stringify(valid).replace(/}$/, ', "n": 1e400}')],
  ['a huge string under the body limit', JSON.stringify({ ...valid, unknownField: 'h'.repeat(UNDER_BODY_LIMIT) })],
];

const deeplyNested = (depth: number): unknown => {
  let value: unknown = 'bottom';
  for (let level = 0; level < depth; level++) value = { a: value };
  return value;
};

const jsonCase = (route: CatalogRoute, targets: CaseTargets, name: string, body: string | Buffer, expect: number[], headers = adminJson(targets)): MalformedCase => ({
  name: `${route.name}: ${name}`,
  method: route.method,
  path: seededPath(route, targets),
  headers,
  body,
  expect,
});

/** Malformed bodies, wrong content types and oversize bodies, on every route that takes a body. */
export const bodyFaults = (targets: CaseTargets): MalformedCase[] =>
  CATALOG_ROUTES.filter((route) => route.body).flatMap((route) => {
    const validBody = route.body!(targets);
    const valid = JSON.stringify(validBody);
    const optionalOnly = route.fields?.every((field) => field.optional) ?? true;
    return [
      ...unparsable(valid).map(([name, body]) => jsonCase(route, targets, `body is ${name}`, body, [400])),
      ...wrongTopLevel(valid).map(([name, body]) => jsonCase(route, targets, `body is ${name}`, body, [400])),
      ...shapeFaults(validBody)
        .filter(([name]) => !(optionalOnly && name === 'an empty object'))
        .map(([name, body]) => jsonCase(route, targets, `body has ${name}`, body, [400])),
      ...(optionalOnly ? [] : [jsonCase(route, targets, 'empty body with a JSON type', '', [400])]),
      jsonCase(route, targets, 'body over ITSM_BODY_LIMIT', JSON.stringify({ ...validBody, pad: 'p'.repeat(OVER_BODY_LIMIT) }), [413]),
      jsonCase(route, targets, 'body over the limit, no credentials', 'p'.repeat(OVER_BODY_LIMIT), [413], { 'content-type': JSON_TYPE }),
      ...[
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        'application/xml',
        'application/jsonx',
        'json',
      ].map((type) => jsonCase(route, targets, `content-type ${type}`, valid, [415], adminOnly(targets, { 'content-type': type }))),
      jsonCase(route, targets, 'no content-type', valid, [415], adminOnly(targets)),
      // body-parser decodes any utf-* charset: UTF-8 bytes read as UTF-16 are not JSON.
      jsonCase(route, targets, 'charset utf-16', valid, [400, 415], adminJson(targets, { 'content-type': 'application/json; charset=utf-16' })),
      jsonCase(route, targets, 'charset latin1', valid, [415], adminJson(targets, { 'content-type': 'application/json; charset=latin1' })),
      jsonCase(route, targets, 'gzip that is not gzip', valid, [400], adminJson(targets, { 'content-encoding': 'gzip' })),
      jsonCase(route, targets, 'an unknown content-encoding', valid, [415], adminJson(targets, { 'content-encoding': 'compress' })),
      jsonCase(route, targets, 'gzip of garbage', gzipSync('{"name": tru'), [400], adminJson(targets, { 'content-encoding': 'gzip' })),
    ];
  });
