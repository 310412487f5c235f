import { getMetadataStorage } from 'class-validator';

type MetadataStorage = ReturnType<typeof getMetadataStorage>;
type Lookup = MetadataStorage['getTargetValidationMetadatas'];

let installed = false;

/**
 * Remembers class-validator's metadata lookup per DTO class and options. The library scans every class it knows
 * (`instanceof` for inherited rules) on each validation: with the platform's hundreds of DTOs that was ~7 % of
 * the CPU of `GET /api/v1/services/:id` under load (profile in tools/bench/http). A rule registered later (a module
 * loaded lazily) clears what was remembered; the lookup's answers are not modified by the library's callers.
 */
export const cacheValidationMetadataLookups = (storage: MetadataStorage = getMetadataStorage()): void => {
  if (installed) return;
  installed = true;
  const lookup: Lookup = storage.getTargetValidationMetadatas.bind(storage);
  const register = storage.addValidationMetadata.bind(storage);
  let remembered = new Map<unknown, Map<string, ReturnType<Lookup>>>();
  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    const options = `${schema}\u0000${always}\u0000${strictGroups}\u0000${groups?.join('\u0000') ?? ''}`;
    const byOptions = remembered.get(target) ?? new Map<string, ReturnType<Lookup>>();
    remembered.set(target, byOptions);
    const found = byOptions.get(options) ?? lookup(target, schema, always, strictGroups, groups);
    byOptions.set(options, found);
    return found;
  };
  storage.addValidationMetadata = (metadata) => {
    remembered = new Map();
    register(metadata);
  };
};
