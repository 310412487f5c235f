/**
 * The words of a search text as a prefix tsquery (`disk:* & full:*`): every word must start a word of the short
 * description. Only letters and digits are kept, so the result is always a valid tsquery; null when no word is left.
 */
export const prefixTsQuery = (text: string): string | null => {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.length === 0 ? null : words.map((word) => `${word}:*`).join(' & ');
};
