/**
 * Every interface string of the site, gathered in one dictionary. Each area keeps its
 * strings in its own file under src/i18n/en/; a second language adds a folder of the
 * same shape (checked by the `Strings` type) and picks it here, without touching
 * components.
 */
import { costs } from './en/costs';
import { heads } from './en/heads';
import { merging } from './en/merging';
import { oneHead } from './en/one-head';
import { shapes } from './en/shapes';
import { site } from './en/site';
import { sweep } from './en/sweep';
import { ablation } from './en/ablation';
import { looking } from './en/looking';
import { interview } from './en/interview';
import { lecture } from './en/lecture';
import { generating } from './en/generating';
import { coding } from './en/coding';
import { teach } from './en/teach';
import { offline } from './en/offline';
import { textHeads } from './en/text';

export const en = { ...site, oneHead, heads, shapes, costs, merging, sweep, ablation, looking, interview, lecture, generating, coding, teach, offline, textHeads } as const;

export type Strings = typeof en;

/** The dictionary in use. */
export const t: Strings = en;
