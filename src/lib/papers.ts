/**
 * Numbers from papers that lessons show, read from content/papers/*.json and checked
 * against a schema when the site is built (a typo in the data fails the build).
 */
import { z } from 'zod';
import table3aJson from '../../content/papers/vaswani2017-table3a.json';

const table3aSchema = z.object({
  source: z.string().min(10),
  setup: z.string().min(10),
  rows: z.array(z.object({
    h: z.number().int().positive(),
    dK: z.number().int().positive(),
    dV: z.number().int().positive(),
    ppl: z.number().positive(),
    bleu: z.number().positive(),
    note: z.string().optional(),
  })).min(1),
}).refine((t) => t.rows.every((r) => r.h * r.dK === 512), { message: 'every row of Table 3 (A) has h · d_k = d_model = 512' });

/** Vaswani et al. (2017), Table 3 rows (A): heads against quality at d_model = 512. */
export const table3a = table3aSchema.parse(table3aJson);
export type Table3aRow = (typeof table3a.rows)[number];
