import { getCollection, type CollectionEntry } from 'astro:content';

export type Lesson = CollectionEntry<'lessons'>;

/** URL slug of a lesson: its file name without the order prefix ("01-"). */
export function lessonSlug(lesson: Pick<Lesson, 'id'>): string {
  return lesson.id.replace(/^\d+-/, '');
}

/** Path of a lesson page under the site's base. */
export function lessonHref(lesson: Pick<Lesson, 'id'>): string {
  return `${import.meta.env.BASE_URL.replace(/\/$/, '')}/lessons/${lessonSlug(lesson)}/`;
}

/** All lessons in course order. */
export async function orderedLessons(): Promise<Lesson[]> {
  return (await getCollection('lessons')).sort((a, b) => a.data.order - b.data.order);
}
