/**
 * The glossary and notation (content/glossary/terms.json), checked against a schema when
 * the site is built: every term has an id usable as an anchor, a plain-text definition,
 * the lesson that teaches it, and optionally its symbol in TeX (typeset at build time).
 */
import { z } from 'zod';
import termsJson from '../../content/glossary/terms.json';

const termSchema = z.object({
  /** Anchor on the glossary page: /glossary/#id. */
  id: z.string().regex(/^[a-z][a-z0-9-]*$/, 'ids are lower-case words joined by hyphens'),
  term: z.string().min(2),
  /** The symbol in TeX, or null for a term without one. */
  symbol: z.string().min(1).nullable(),
  /** Plain text (never markup): shown as text. */
  definition: z.string().min(20),
  /** Slug of the lesson that teaches it. */
  lesson: z.string().regex(/^[a-z0-9-]+$/),
  /** Phrases that count as a use of the term in the lessons. */
  match: z.array(z.string().min(2)).min(1),
});

const glossarySchema = z.object({ terms: z.array(termSchema).min(1) }).superRefine((g, ctx) => {
  const seen = new Set<string>();
  g.terms.forEach((t, i) => {
    if (seen.has(t.id)) ctx.addIssue({ code: z.ZodIssueCode.custom, message: `duplicate id "${t.id}"`, path: ['terms', i, 'id'] });
    seen.add(t.id);
  });
});

export type GlossaryTerm = z.infer<typeof termSchema>;

/** Every term, in the order of the file. */
export const glossary: GlossaryTerm[] = glossarySchema.parse(termsJson).terms;

/** Check that every term's lesson exists; returns the terms that name an unknown lesson. */
export function unknownLessons(terms: readonly GlossaryTerm[], slugs: readonly string[]): GlossaryTerm[] {
  return terms.filter((t) => !slugs.includes(t.lesson));
}
