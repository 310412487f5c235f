/**
 * Text search finds what agents type anywhere inside a word ("mail" finds "e-mail" and "Mailbox"), in the short
 * description, the description and the number, without the pg_trgm extension: each incident is indexed once, at
 * open, with every word and every suffix of it (two characters or more), and each typed word is matched as a prefix
 * of those. A prefix of a suffix is a substring, so "base" finds "database".
 *
 * Words with a digit (numbers, "srv7", "INC0000042") are indexed and matched whole: their suffixes and prefixes
 * would be mostly unique values ("423456", "23456", …) that make a short prefix such as "42" read tens of thousands
 * of index entries, and people type a number to find that number.
 */

/** Lower-case words of letters and digits: the only characters search looks at. */
const wordsOf = (text: string): string[] => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

const MIN_SUFFIX_LENGTH = 2;

const hasDigit = (word: string): boolean => /\p{N}/u.test(word);

const suffixesOf = (word: string): string[] => {
  if (hasDigit(word)) return [word];
  const characters = [...word]; // code points, so a suffix never splits a character
  const suffixes: string[] = [];
  for (let start = 0; start <= characters.length - MIN_SUFFIX_LENGTH || start === 0; start++) suffixes.push(characters.slice(start).join(''));
  return suffixes;
};

export interface SearchableIncident {
  number: string;
  shortDescription: string;
  description: string;
}

/**
 * The lexemes an incident is found by: its words and their suffixes, plus the number's digits without their
 * leading zeros ("INC0000042" is found by "42"). Sorted and without duplicates, as a tsvector holds them.
 */
export const searchTermsOf = ({ number, shortDescription, description }: SearchableIncident): string[] => {
  const terms = new Set<string>();
  for (const word of wordsOf(`${number} ${shortDescription} ${description}`)) for (const suffix of suffixesOf(word)) terms.add(suffix);
  const digits = number.replace(/^\D*0*/, '');
  if (digits.length > 0) terms.add(digits);
  return [...terms].sort();
};

/** A lexeme quoted for tsquery input (taken literally: no parser, no stemming). */
const quoted = (lexeme: string): string => `'${lexeme.replace(/'/g, "''")}'`;

/**
 * The words of a search text as a tsquery (`'disk':* & 'full':*`): every word must occur inside a word of the
 * incident; a word with a digit must be a whole word of it (`'42'`). Only letters and digits are kept, so the result is always a valid tsquery; null when no word is left.
 */
export const substringTsQuery = (text: string): string | null => {
  const words = [...new Set(wordsOf(text))];
  return words.length === 0 ? null : words.map((word) => (hasDigit(word) ? quoted(word) : `${quoted(word)}:*`)).join(' & ');
};
