import { defineCollection, z } from 'astro:content';
import { glob } from 'astro/loaders';

/** Frontmatter every lesson must have (DESIGN §5). */
export const lessonSchema = z.object({
  title: z.string().min(3),
  order: z.number().int().positive(),
  summary: z.string().min(10),
  objectives: z.array(z.string()).min(1),
  prerequisites: z.array(z.string()).default([]),
  minutes: z.number().int().positive(),
});

const lessons = defineCollection({
  loader: glob({ pattern: '*.mdx', base: './lessons' }),
  schema: lessonSchema,
});

export const collections = { lessons };
