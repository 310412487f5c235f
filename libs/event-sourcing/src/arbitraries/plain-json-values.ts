import fc from 'fast-check';

/**
 * Plain JSON data, the values the log's canonical texts hold: strings, safe integers, booleans, null, and arrays and
 * objects of them (small, so a property runs fast).
 */
export const plainJsonValues: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.string(),
    fc.maxSafeInteger(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 5 }),
    fc.dictionary(fc.string(), tie('value'), { maxKeys: 5 }),
  ),
})).value;
