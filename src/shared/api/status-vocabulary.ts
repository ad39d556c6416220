import { z } from 'zod';

/**
 * The vocabularies the order API can present statuses in (docs/architecture.md, Domain: status
 * vocabularies): our own model, and the enumerations of the order systems integrators come from.
 */
export const STATUS_VOCABULARIES = ['dockside', 'order-lifecycle', 'order-management', 'fulfillment-routing', 'oms-rest'] as const;
export type StatusVocabulary = (typeof STATUS_VOCABULARIES)[number];

/** The first release's names, accepted as aliases for one more release (deprecated in the OpenAPI document). */
export const DEPRECATED_VOCABULARY_NAMES = {
  seed000: 'order-lifecycle',
  seed001: 'order-management',
  seed002: 'fulfillment-routing',
  seed003: 'oms-rest',
} as const satisfies Record<string, StatusVocabulary>;
type DeprecatedVocabularyName = keyof typeof DEPRECATED_VOCABULARY_NAMES;

export function canonicalVocabulary(name: StatusVocabulary | DeprecatedVocabularyName): StatusVocabulary {
  return name in DEPRECATED_VOCABULARY_NAMES ? DEPRECATED_VOCABULARY_NAMES[name as DeprecatedVocabularyName] : (name as StatusVocabulary);
}

/**
 * A vocabulary named in a request: a current name, or a deprecated one, which arrives as its
 * current name (overwrite keeps the schema representable, so the document lists both).
 */
export const StatusVocabularyName = z
  .union([
    z.enum(STATUS_VOCABULARIES),
    z.enum(Object.keys(DEPRECATED_VOCABULARY_NAMES) as [DeprecatedVocabularyName, ...DeprecatedVocabularyName[]]).meta({
      deprecated: true,
      description: `deprecated names, for one release: ${Object.entries(DEPRECATED_VOCABULARY_NAMES)
        .map(([old, now]) => `${old} (now ${now})`)
        .join(', ')}`,
    }),
  ])
  .overwrite(canonicalVocabulary) as unknown as z.ZodType<StatusVocabulary, StatusVocabulary | DeprecatedVocabularyName>;
