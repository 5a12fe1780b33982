/**
 * What a link can say about the walkthrough: the mode (read-through or flashcards) and the
 * flashcard deck (all topics or one). Invalid values are ignored with a notice. Pure.
 */
import { t } from '../i18n/strings';

export type Mode = 'read' | 'cards';
export const MODES: readonly Mode[] = ['read', 'cards'];
/** The deck of every topic. */
export const ALL = 'all';
/** URL parameters, under the walkthrough's prefix. */
export const PARAM = { mode: 'iv.mode', topic: 'iv.topic' } as const;

export interface LinkState {
  mode: Mode;
  /** `ALL` or one of the topics. */
  topic: string;
  notices: string[];
}

/** Read the mode and deck from URL parameters; unknown values fall back with a notice. */
export function readLinkState(params: URLSearchParams, topics: readonly string[]): LinkState {
  const notices: string[] = [];
  let mode: Mode = 'read';
  let topic = ALL;
  const m = params.get(PARAM.mode);
  if (m !== null) {
    if ((MODES as readonly string[]).includes(m)) mode = m as Mode;
    else notices.push(t.interview.link.mode(m));
  }
  const k = params.get(PARAM.topic);
  if (k !== null) {
    if (k === ALL || topics.includes(k)) topic = k;
    else notices.push(t.interview.link.topic(k));
  }
  return { mode, topic, notices };
}

/** The URL parameters for a mode and deck. */
export function linkParams(mode: Mode, topic: string): Record<string, string> {
  return { [PARAM.mode]: mode, [PARAM.topic]: topic };
}
