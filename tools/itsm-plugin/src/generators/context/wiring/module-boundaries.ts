import type { Tree } from '@nx/devkit';
import { editSource } from './source-edits';

const ESLINT_CONFIG = 'eslint.config.mjs';
// The root config lists the contexts once and maps each to `scope:<context>` → itself and `scope:shared`.
const CONTEXT_LIST = /\.\.\.\[((?:\s*'[a-z0-9-]+',?)+\s*)\]\.map\(/;

/** Adds the context to the list the module-boundary rule maps to `scope:<context>` constraints. */
export const addContextScope = (tree: Tree, context: string): boolean =>
  editSource(tree, ESLINT_CONFIG, `add '${context}' to the contexts of @nx/enforce-module-boundaries`, (text) => {
    const match = CONTEXT_LIST.exec(text);
    if (!match) return undefined;
    const contexts = [...match[1].matchAll(/'([a-z0-9-]+)'/g)].map(([, name]) => name);
    if (contexts.includes(context)) return text;
    const list = [...contexts, context].map((name) => `'${name}'`).join(', ');
    return text.replace(CONTEXT_LIST, `...[${list}].map(`);
  });

/** The contexts the module-boundary rule covers (for the generator's spec and its callers). */
export const contextScopesOf = (tree: Tree): string[] => {
  const match = CONTEXT_LIST.exec(tree.read(ESLINT_CONFIG, 'utf-8') ?? '');
  return match ? [...match[1].matchAll(/'([a-z0-9-]+)'/g)].map(([, name]) => name) : [];
};
