/**
 * The interview walkthrough's questions (content/interview/questions.json): a schema, the
 * parsing of their text (plain text, inline TeX between $…$, and {{num:id}} placeholders
 * for numbers the code computes), and a check against the course that fails the build on
 * an unknown lesson, section or number.
 *
 * Pure: no Astro, no DOM, no MathJax. The page passes in what it knows about the lessons
 * and the number registry (src/build/figures/), so the same checks run in unit tests.
 */
import { z } from 'zod';

/** Topics in the order the walkthrough shows them. Labels live in src/i18n/en/interview.ts. */
export const TOPICS = ['one-head', 'why-heads', 'shapes', 'cost', 'variants', 'merging', 'how-many', 'pruning', 'interpretation', 'generating'] as const;
export type Topic = (typeof TOPICS)[number];

/** Fewest questions the walkthrough may have (issue 5 asked for 30; issue 10 for at least 47). */
export const MIN_QUESTIONS = 47;

const slug = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const questionSchema = z.object({
  /** Stable id: the `data-question` attribute, the anchor #q-id and the key of saved progress. */
  id: z.string().regex(slug, 'ids are lower-case words joined by hyphens'),
  /** The question, as text; may hold $TeX$ and {{num:id}}. */
  question: z.string().min(10).max(240),
  /** A short model answer (2–5 sentences), as text; may hold $TeX$ and {{num:id}}. */
  answer: z.string().min(60).max(900),
  /** Slug of the lesson that teaches it (file name without "NN-"). */
  lesson: z.string().regex(slug, 'a lesson slug such as "shapes"'),
  /** Id of the h2/h3 in that lesson (the slugified heading), when one section teaches it. */
  section: z.string().min(1).optional(),
  topic: z.enum(TOPICS),
}).strict();

const fileSchema = z.object({
  $comment: z.string().optional(),
  questions: z.array(questionSchema).min(MIN_QUESTIONS, `the walkthrough needs at least ${MIN_QUESTIONS} questions`),
}).strict().superRefine((file, ctx) => {
  const seen = new Set<string>();
  file.questions.forEach((q, i) => {
    if (seen.has(q.id)) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['questions', i, 'id'], message: `id "${q.id}" appears twice` });
    seen.add(q.id);
  });
});

export type Question = z.infer<typeof questionSchema>;

/** A piece of a question or an answer. */
export type Segment =
  | { kind: 'text'; text: string }
  | { kind: 'math'; tex: string }
  | { kind: 'number'; id: string };

/** A number segment once resolved: the value the code computed. */
export type ResolvedSegment = Exclude<Segment, { kind: 'number' }> | { kind: 'number'; id: string; value: string };

/**
 * Split text into plain text, inline math ($…$) and number placeholders ({{num:id}}).
 * Throws on an unclosed $ or a malformed {{…}}, naming the place, so a typo fails the
 * build instead of printing a dollar sign.
 */
export function segments(text: string): Segment[] {
  const out: Segment[] = [];
  const pushText = (s: string) => {
    if (!s) return;
    const last = out.at(-1);
    if (last?.kind === 'text') last.text += s;
    else out.push({ kind: 'text', text: s });
  };
  let i = 0;
  while (i < text.length) {
    const dollar = text.indexOf('$', i);
    const brace = text.indexOf('{{', i);
    const next = [dollar, brace].filter((p) => p >= 0).sort((a, b) => a - b)[0];
    if (next === undefined) {
      pushText(text.slice(i));
      break;
    }
    pushText(text.slice(i, next));
    if (next === dollar) {
      const end = text.indexOf('$', next + 1);
      if (end < 0) throw new Error(`unclosed $ at “${excerpt(text, next)}”: inline math needs a closing $`);
      const tex = text.slice(next + 1, end);
      if (!tex.trim()) throw new Error(`empty math $$ at “${excerpt(text, next)}”: use single $…$ around TeX, on one line`);
      out.push({ kind: 'math', tex });
      i = end + 1;
    } else {
      const end = text.indexOf('}}', next);
      const inner = end < 0 ? '' : text.slice(next + 2, end);
      const m = /^num:([A-Za-z0-9.\-_]+)$/.exec(inner);
      if (!m) throw new Error(`malformed placeholder at “${excerpt(text, next)}”: write {{num:id}} with an id of src/build/figures/`);
      out.push({ kind: 'number', id: m[1] });
      i = end + 2;
    }
  }
  return out;
}

const excerpt = (text: string, at: number) => text.slice(Math.max(0, at - 12), at + 24);

/** What the page knows about one lesson: its number, title, and the ids of its sections. */
export interface LessonInfo {
  order: number;
  title: string;
  /** Heading ids (h2/h3) with their text. */
  sections: ReadonlyMap<string, string>;
}

/** Everything the questions are checked against. */
export interface InterviewContext {
  /** Lessons by slug. */
  lessons: ReadonlyMap<string, LessonInfo>;
  /** The number registry: id → function computing the formatted value. */
  numbers: Readonly<Record<string, () => string>>;
}

/** A question ready to show: text resolved, lesson and section named. */
export interface ResolvedQuestion extends Question {
  questionParts: ResolvedSegment[];
  answerParts: ResolvedSegment[];
  lessonOrder: number;
  lessonTitle: string;
  /** Heading text of the section, when the question names one. */
  sectionTitle?: string;
}

/** Read the file's JSON; throws listing every schema problem with its path. */
export function parseQuestions(input: unknown): Question[] {
  const result = fileSchema.safeParse(input);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`);
    throw new Error(`content/interview/questions.json is not valid:\n- ${problems.join('\n- ')}`);
  }
  return result.data.questions;
}

/** Ids of the registry that share the placeholder's first part, for a helpful message. */
function nearIds(id: string, numbers: Readonly<Record<string, unknown>>): string {
  const prefix = id.split('.')[0];
  const near = Object.keys(numbers).filter((k) => k.startsWith(`${prefix}.`)).slice(0, 6);
  return near.length ? `; ids starting with "${prefix}." include ${near.join(', ')}` : '';
}

/**
 * Check the questions against the course and resolve their text. Returns the questions and
 * a list of problems (empty when all is well): an unknown lesson or section, an unknown or
 * failing number, bad math delimiters. Never throws.
 */
export function resolveQuestions(questions: readonly Question[], context: InterviewContext): { questions: ResolvedQuestion[]; problems: string[] } {
  const problems: string[] = [];
  const resolved: ResolvedQuestion[] = [];
  const slugs = [...context.lessons.keys()];
  for (const q of questions) {
    const where = `question "${q.id}"`;
    const lesson = context.lessons.get(q.lesson);
    if (!lesson) {
      problems.push(`${where}: there is no lesson "${q.lesson}"; lessons are ${slugs.join(', ')}`);
      continue;
    }
    let sectionTitle: string | undefined;
    if (q.section !== undefined) {
      sectionTitle = lesson.sections.get(q.section);
      if (sectionTitle === undefined) {
        problems.push(`${where}: lesson "${q.lesson}" has no section "${q.section}"; its sections are ${[...lesson.sections.keys()].join(', ')}`);
      }
    }
    const resolve = (text: string, field: string): ResolvedSegment[] => {
      let parts: Segment[];
      try {
        parts = segments(text);
      } catch (err) {
        problems.push(`${where}, ${field}: ${(err as Error).message}`);
        return [];
      }
      return parts.map((p): ResolvedSegment => {
        if (p.kind !== 'number') return p;
        const compute = context.numbers[p.id];
        if (!compute) {
          problems.push(`${where}, ${field}: unknown number {{num:${p.id}}}${nearIds(p.id, context.numbers)}`);
          return { ...p, value: '' };
        }
        try {
          return { ...p, value: compute() };
        } catch (err) {
          problems.push(`${where}, ${field}: number ${p.id} failed: ${(err as Error).message}`);
          return { ...p, value: '' };
        }
      });
    };
    resolved.push({
      ...q,
      questionParts: resolve(q.question, 'question'),
      answerParts: resolve(q.answer, 'answer'),
      lessonOrder: lesson.order,
      lessonTitle: lesson.title,
      sectionTitle,
    });
  }
  return { questions: resolved, problems };
}

/**
 * Parse, check and resolve the questions in one go; throws with every problem listed,
 * so `astro build` stops on an unknown lesson, section or number.
 */
export function loadInterview(input: unknown, context: InterviewContext): ResolvedQuestion[] {
  const { questions, problems } = resolveQuestions(parseQuestions(input), context);
  if (problems.length) throw new Error(`content/interview/questions.json refers to things that do not exist:\n- ${problems.join('\n- ')}`);
  return questions;
}

/** The questions of each topic, in topic order; topics without questions are left out. */
export function byTopic<Q extends Pick<Question, 'topic'>>(questions: readonly Q[]): { topic: Topic; questions: Q[] }[] {
  return TOPICS.map((topic) => ({ topic, questions: questions.filter((q) => q.topic === topic) })).filter((g) => g.questions.length > 0);
}

/** Plain text of resolved parts (math as its TeX): for titles and tests. */
export function plainText(parts: readonly ResolvedSegment[]): string {
  return parts.map((p) => (p.kind === 'text' ? p.text : p.kind === 'math' ? p.tex : p.value)).join('');
}
