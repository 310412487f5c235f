/**
 * Text search finds what people type anywhere inside a word ("base" finds "database"), in the number, the short
 * description and the description, without the pg_trgm extension: each change is indexed with every word and every
 * suffix of it (two characters or more), and each typed word is matched as a prefix of those. The same technique as
 * the incident list's search (contexts share no libraries, so each keeps its own few lines).
 */

/** Lower-case words of letters and digits: the only characters search looks at. */
const wordsOf = (text: string): string[] => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

const MIN_SUFFIX_LENGTH = 2;

const suffixesOf = (word: string): string[] => {
  const characters = [...word]; // code points, so a suffix never splits a character
  const suffixes: string[] = [];
  for (let start = 0; start <= characters.length - MIN_SUFFIX_LENGTH || start === 0; start++) suffixes.push(characters.slice(start).join(''));
  return suffixes;
};

/** The lexemes a change is found by, plus its number's digits without leading zeros ("CHG0000042" by "42"). */
export const searchTermsOf = ({ number, shortDescription, description }: { number: string; shortDescription: string; description: string }): string[] => {
  const terms = new Set<string>();
  for (const word of wordsOf(`${number} ${shortDescription} ${description}`)) for (const suffix of suffixesOf(word)) terms.add(suffix);
  const digits = number.replace(/^\D*0*/, '');
  if (digits.length > 0) terms.add(digits);
  return [...terms].sort();
};

const quoted = (lexeme: string): string => `'${lexeme.replace(/'/g, "''")}'`;

/** Every typed word as a prefix query (`'disk':* & 'full':*`); null when no word is left. */
export const substringTsQuery = (text: string): string | null => {
  const words = [...new Set(wordsOf(text))];
  return words.length === 0 ? null : words.map((word) => `${quoted(word)}:*`).join(' & ');
};
