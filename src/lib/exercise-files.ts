/**
 * The exercises files of the course (content/exercises/<lesson file>.mdx) at build time:
 * their components and their exercise ids, by lesson id. A lesson without a file, or a
 * file without a lesson, fails the build.
 */
import type { AstroComponentFactory } from 'astro/runtime/server/index.js';
import { exerciseIdsIn } from './exercises';
import type { Lesson } from './lessons';

const components = import.meta.glob<AstroComponentFactory>('../../content/exercises/*.mdx', { eager: true, import: 'default' });
const sources = import.meta.glob<string>('../../content/exercises/*.mdx', { eager: true, query: '?raw', import: 'default' });
const lessonIdOf = (path: string) => path.split('/').pop()!.replace(/\.mdx$/, '');

/** Each lesson's exercises component and ids, in course order. */
export function exercisesOf(lessons: readonly Lesson[]): { lesson: Lesson; Exercises: AstroComponentFactory; ids: string[] }[] {
  const files = new Set(Object.keys(components).map(lessonIdOf));
  const orphans = [...files].filter((id) => !lessons.some((l) => l.id === id));
  if (orphans.length) throw new Error(`content/exercises: no lesson for ${orphans.join(', ')}`);
  return lessons.map((lesson) => {
    const path = `../../content/exercises/${lesson.id}.mdx`;
    if (!components[path]) throw new Error(`content/exercises/${lesson.id}.mdx is missing: every lesson has its exercises there`);
    return { lesson, Exercises: components[path], ids: exerciseIdsIn(sources[path]) };
  });
}
