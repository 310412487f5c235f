import { logger, type Tree } from '@nx/devkit';

/**
 * Edits an existing source file as text (so its formatting stays as it is). `edit` returns the new text, or
 * undefined when the anchor it looks for is gone: the step is then left to do by hand, with a warning.
 */
export const editSource = (tree: Tree, path: string, step: string, edit: (text: string) => string | undefined): boolean => {
  const text = tree.exists(path) ? tree.read(path, 'utf-8') : null;
  const edited = text === null ? undefined : edit(text);
  if (edited === undefined) {
    logger.warn(`${path}: could not ${step}; do it by hand.`);
    return false;
  }
  if (edited !== text) tree.write(path, edited);
  return true;
};

/** Adds an import after the file's last one (nothing when the line is already there). */
export const withImport = (text: string, importLine: string): string | undefined => {
  if (text.includes(importLine)) return text;
  const imports = [...text.matchAll(/^import [^;]+;\n/gm)];
  const last = imports[imports.length - 1];
  if (last?.index === undefined) return undefined;
  const end = last.index + last[0].length;
  return `${text.slice(0, end)}${importLine}\n${text.slice(end)}`;
};

/** Inserts `insertion` where `pattern`'s first group ends (nothing when `present` already is in the text). */
export const insertAfterGroup = (text: string, pattern: RegExp, insertion: string, present: string): string | undefined => {
  if (text.includes(present)) return text;
  const match = pattern.exec(text);
  if (match?.index === undefined || match[1] === undefined) return undefined;
  const end = match.index + match[1].length;
  return `${text.slice(0, end)}${insertion}${text.slice(end)}`;
};

/** Chains edits; the first that finds no anchor stops the chain. */
export const chain =
  (...edits: Array<(text: string) => string | undefined>) =>
  (text: string): string | undefined =>
    edits.reduce<string | undefined>((current, edit) => (current === undefined ? undefined : edit(current)), text);

/** Inserts `insertion` after the last match of the global `pattern` (nothing when `present` already is in the text). */
export const insertAfterLast = (text: string, pattern: RegExp, insertion: string, present: string): string | undefined => {
  if (text.includes(present)) return text;
  const matches = [...text.matchAll(pattern)];
  const last = matches[matches.length - 1];
  if (last?.index === undefined) return undefined;
  const end = last.index + last[0].length;
  return `${text.slice(0, end)}${insertion}${text.slice(end)}`;
};
