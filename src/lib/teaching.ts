/**
 * Teaching paths (content/teaching/paths.json): a lecturer's route through the lessons in
 * a fixed time, one widget to project at each stop, opened in a stated state by its link.
 * Checked against {@link parseTeachingPaths} when the build starts (src/build/content-check.ts)
 * and typed here for the page (src/pages/teach.astro) and the tests.
 */
import { z } from 'astro/zod';
import data from '../../content/teaching/paths.json';

const text = (what: string, min = 10) => z.string({ required_error: `${what} is missing` }).min(min, `${what} is too short to help a lecturer`);

const stop = z
  .object({
    /** The lesson's slug, as in its address ("attention-in-one-head"). */
    lesson: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'lesson must be a lesson slug as in its address, such as attention-in-one-head'),
    minutes: z.number().int().positive().max(60),
    /** Id of the heading to open at ("try-it"). */
    section: z.string().regex(/^[a-z0-9-]+$/),
    /** The widget to project: its custom-element tag, its URL prefix, and the settings the link opens it with. */
    widget: z.object({
      tag: z.string().regex(/^[a-z]+(-[a-z0-9]+)+$/, 'tag must be a custom element name'),
      key: z.string().regex(/^[a-z]+$/),
      state: z.record(z.string().regex(/^[a-z0-9_-]+$/), z.string()),
    }).strict(),
    /** What to project and do, the question for the room, its answer, and what to leave out. */
    show: text('show'),
    ask: text('ask'),
    answer: text('answer'),
    skip: text('skip', 5),
  })
  .strict();

const path = z
  .object({
    id: z.string().regex(/^[0-9a-z-]+$/),
    title: z.string().min(5),
    summary: text('summary'),
    stops: z.array(stop).min(2),
  })
  .strict();

const file = z
  .object({ paths: z.array(path).min(1) })
  .strict()
  .superRefine((f, ctx) => {
    f.paths.forEach((p, i) => {
      const total = p.stops.reduce((s, x) => s + x.minutes, 0);
      const stated = Number(/(\d+) minutes/.exec(p.title)?.[1]);
      if (stated !== total) ctx.addIssue({ code: 'custom', path: ['paths', i, 'title'], message: `“${p.title}”: its stops add up to ${total} minutes, not ${stated}` });
    });
  });

export type TeachingPath = z.infer<typeof path>;
export type TeachingStop = z.infer<typeof stop>;

/** Check the file's JSON; throws with the path of the first bad field. */
export function parseTeachingPaths(json: unknown): { paths: TeachingPath[] } {
  const r = file.safeParse(json);
  if (!r.success) {
    const issue = r.error.issues[0];
    throw new Error(`content/teaching/paths.json: ${issue.path.join('.')}: ${issue.message}`);
  }
  return r.data;
}

/** Every teaching path, checked. */
export function teachingPaths(): TeachingPath[] {
  return parseTeachingPaths(data).paths;
}

/** The link that opens a stop's lesson with its widget in the stated state, at its section. */
export function stopHref(stop: TeachingStop, base = '/'): string {
  const params = new URLSearchParams(Object.entries(stop.widget.state).map(([k, v]) => [`${stop.widget.key}.${k}`, v]));
  const query = params.size > 0 ? `?${params}` : '';
  return `${base.replace(/\/$/, '')}/lessons/${stop.lesson}/${query}#${stop.section}`;
}
