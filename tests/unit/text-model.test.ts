// The text model's pieces, without training: the corpus cleaning and alphabet, the
// detectors on hand-made attention maps, the training mix, the repeated sequences'
// targets, the checkpoint format, and the circuit criteria.
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../src/attention';
import { initParams, forward, scoreLogits } from '../../src/training';
import {
  analyseText, inductionScoreByTokens, circuitCriteria, cleanBrown, copyTargets, decode, encode, evaluateTextModel, fromBase64, headMap, headScores, inductionScore, nextTokenExample,
  outsideAlphabet, parseTextCheckpoint, poolScores, previousTokenScore, repeatedRandom, roundToFloat32, splitCorpus, TEXT_ALPHABET,
  TEXT_DEFAULTS, TEXT_VOCAB, textCheckpointJson, textConfig, toBase64, trainingSequence, type TextEvaluation,
} from '../../src/training/text';

/** An (n, n) causal map with all of row i's weight on key pick(i) (row 0 on key 0). */
const oneHot = (n: number, pick: (i: number) => number) => Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (j === (i === 0 ? 0 : pick(i)) ? 1 : 0)));
/** The causal uniform map: row i spreads evenly over keys 0 … i. */
const uniform = (n: number) => Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (j <= i ? 1 / (i + 1) : 0)));

describe('alphabet and corpus', () => {
  it('has 48 tokens, encodes lower-case and decodes back', () => {
    expect(TEXT_VOCAB).toBe(48);
    expect(new Set(TEXT_ALPHABET).size).toBe(48);
    expect(decode(encode('The Cat, (1961)!'))).toBe('the cat, (1961)!');
    expect(encode(' a')).toEqual([0, 1]);
  });
  it('names the characters it cannot encode', () => {
    expect(outsideAlphabet('naïve & café')).toEqual(['ï', '&', 'é']);
    expect(() => encode('a & b')).toThrow(/"&" is not in the model's alphabet/);
    expect(() => decode([48])).toThrow(RangeError);
  });
  it('strips the Brown Corpus tags and writes punctuation as text', () => {
    const tagged = "\n\n\tThe/at Fulton/np-tl jury/nn said/vbd ``/`` no/at evidence/nn ''/'' ,/, and/cc $5/nns (/( 1961/cd )/) ./.\n";
    expect(cleanBrown(tagged)).toBe('the fulton jury said "no evidence", and 5 (1961).');
    expect(outsideAlphabet(cleanBrown(tagged))).toEqual([]);
    expect(cleanBrown("it's/pps+bez a/at 1/2/cd test/nn")).toBe("it's a 12 test"); // the tag goes after the last "/"; "/" is not in the alphabet
  });
  it('splits by file, every tenth file held out, in name order', () => {
    const files = Array.from({ length: 20 }, (_, i) => ({ name: `c${String(i).padStart(2, '0')}`, text: `f${i}` })).reverse();
    const s = splitCorpus(files, 10);
    expect(s.heldOutFiles).toEqual(['c00', 'c10']);
    expect(s.heldOut).toBe('f0 f10');
    expect(s.train.split(' ')).toHaveLength(18);
  });
});

describe('detectors on hand-made maps', () => {
  it('previous-token score: 1 for a map on i − 1, 0 for a map on i, the mean of 1/(i+1) for uniform', () => {
    expect(previousTokenScore(oneHot(8, (i) => i - 1))).toBe(1);
    expect(previousTokenScore(oneHot(8, (i) => i))).toBe(0);
    const n = 6;
    const expected = Array.from({ length: n - 1 }, (_, k) => 1 / (k + 2)).reduce((a, b) => a + b) / (n - 1);
    expect(previousTokenScore(uniform(n))).toBeCloseTo(expected, 15);
    expect(() => previousTokenScore([[1]])).toThrow(/at least 2 positions/);
  });
  it('induction score: 1 for the offset diagonal i − T + 1, 0 for previous-token, counts only the second copy', () => {
    const T = 5;
    expect(inductionScore(oneHot(2 * T, (i) => (i >= T ? i - T + 1 : i - 1)), T)).toBe(1);
    expect(inductionScore(oneHot(2 * T, (i) => i - 1), T)).toBe(0);
    expect(inductionScore(oneHot(2 * T, (i) => (i >= T ? i - T : 0)), T)).toBe(0); // the earlier occurrence itself, not the token after it
    const half = oneHot(2 * T, (i) => (i >= T && i % 2 === 0 ? i - T + 1 : 0)); // right on 2 of the 5 second-copy rows (6, 8)
    expect(inductionScore(half, T)).toBeCloseTo(2 / 5, 15);
    expect(() => inductionScore(uniform(7), 4)).toThrow(/needs 8 positions/);
  });
  it('headScores reads every head of a real forward pass, and pools chunks by size', () => {
    const c = { ...textConfig(), seqLen: 8, dModel: 8, h: 2 };
    const p = initParams(c, 3);
    const rng = mulberry32(5);
    const batch = Array.from({ length: 3 }, () => repeatedRandom(rng, 4));
    const f = forward(p, c, batch);
    const scores = headScores(f, previousTokenScore);
    expect(scores).toHaveLength(2);
    const byHand = [0, 1, 2].map((s) => previousTokenScore(headMap(f, 1, 1, s))).reduce((a, b) => a + b) / 3;
    expect(scores[1][1]).toBeCloseTo(byHand, 15);
    const rowSums = headMap(f, 0, 0, 2).map((row) => Array.from(row).reduce((a, b) => a + b));
    for (const s of rowSums) expect(s).toBeCloseTo(1, 12);
    expect(poolScores([{ scores: [[1]], count: 1 }, { scores: [[4]], count: 3 }])).toEqual([[13 / 4]]);
  });
});

describe('sequences', () => {
  it('repeated random tokens are two equal halves; copy targets score the predictable tokens of each copy', () => {
    const s = repeatedRandom(mulberry32(1), 4);
    expect(s.slice(0, 4)).toEqual(s.slice(4));
    expect(s.every((t) => t >= 0 && t < TEXT_VOCAB)).toBe(true);
    expect(copyTargets(s, 4, 1)).toEqual([s[1], s[2], s[3], -1, -1, -1, -1, -1]);
    expect(copyTargets(s, 4, 2)).toEqual([-1, -1, -1, -1, s[5], s[6], s[7], -1]);
  });
  it('a training sequence with a repeat holds a later copy of one of its spans, at a varying offset', () => {
    const text = Array.from({ length: 5000 }, (_, i) => i); // every token distinct, so the copy is easy to find
    const rng = mulberry32(9);
    const offsets = new Set<number>();
    for (let k = 0; k < 40; k++) {
      const w = trainingSequence(rng, text, 64, { fraction: 1, minSpan: 8, maxSpan: 24 });
      expect(w).toHaveLength(65);
      // The window is a run of consecutive numbers except for the copy: find where it breaks.
      const breaks = w.map((t, i) => (i > 0 && t !== w[i - 1] + 1 ? i : -1)).filter((i) => i >= 0);
      expect(breaks.length).toBeGreaterThanOrEqual(1);
      const dest = breaks[0];
      const source = w.indexOf(w[dest]);
      expect(source).toBeLessThan(dest);
      expect(w.slice(dest, dest + 8)).toEqual(w.slice(source, source + 8));
      offsets.add(dest - source);
    }
    expect(offsets.size).toBeGreaterThan(10);
    const plain = trainingSequence(mulberry32(2), text, 64, { fraction: 0, minSpan: 8, maxSpan: 24 });
    expect(plain.every((t, i) => i === 0 || t === plain[i - 1] + 1)).toBe(true);
    expect(nextTokenExample([1, 2, 3])).toEqual({ tokens: [1, 2], targets: [2, 3] });
    // randomFraction 1: the span is random tokens of the alphabet (not text), and it is still repeated.
    const r = trainingSequence(mulberry32(3), text, 64, { fraction: 1, minSpan: 8, maxSpan: 8, randomFraction: 1 });
    const small = r.map((t, i) => (t < TEXT_VOCAB ? i : -1)).filter((i) => i >= 0); // text tokens here are ≥ 48 except by chance
    expect(small.length).toBeGreaterThanOrEqual(16);
    const first = small.slice(0, 8);
    expect(first.map((i) => r[i])).toEqual(small.slice(8, 16).map((i) => r[i]));
  });
});

describe('checkpoint', () => {
  it('base64 round-trips every length and matches the standard encoding', () => {
    for (const len of [0, 1, 2, 3, 4, 5, 97]) {
      const bytes = Uint8Array.from({ length: len }, (_, i) => (i * 37 + 11) & 255);
      expect(fromBase64(toBase64(bytes))).toEqual(bytes);
      expect(toBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
    }
    expect(() => fromBase64('ab!d')).toThrow(/not base64/);
  });
  it('stores the rounded model exactly, and says what is wrong with a bad file', () => {
    const s = { ...TEXT_DEFAULTS, model: { dModel: 8, h: 2, layers: 2, seqLen: 8 } };
    const p = initParams(textConfig(s), 4);
    roundToFloat32(p);
    const json = JSON.parse(JSON.stringify(textCheckpointJson(s, p)));
    expect(json.layout[0]).toEqual(['tokenEmbedding', 48, 8]);
    const back = parseTextCheckpoint(json);
    expect(back.params.flat).toEqual(p.flat);
    expect(back.settings).toEqual(s);
    expect(() => parseTextCheckpoint({ ...json, format: 'x' })).toThrow(/format/);
    expect(() => parseTextCheckpoint({ ...json, data: json.data.slice(0, -8) })).toThrow(/parameters/);
  });
});

describe('evaluation and criteria', () => {
  it('an untrained model has the documented keys and fails the criteria', () => {
    const s = { ...TEXT_DEFAULTS, model: { dModel: 8, h: 2, layers: 2, seqLen: 16 } };
    const c = textConfig(s);
    const heldOut = encode('the quick brown fox jumps over the lazy dog. '.repeat(10));
    const e = evaluateTextModel(initParams(c, 1), c, heldOut, { seed: 1, windows: 4, repeats: 4, threshold: 0.3 });
    expect(Object.keys(e).sort()).toEqual(['ablation', 'heldOutLoss', 'inductionScore', 'lossFirstRepeat', 'lossSecondRepeat', 'period', 'previousTokenScore', 'repeats', 'seed', 'windows']);
    expect(e.previousTokenScore).toHaveLength(2);
    expect(e.inductionScore[1]).toHaveLength(2);
    expect(Object.keys(e.ablation).sort()).toEqual(['otherLayer1Heads', 'previousTokenHeads', 'threshold']);
    expect(circuitCriteria(e).every((x) => x.pass)).toBe(false);
  });
  it('criteria pass and fail where they should', () => {
    const good: TextEvaluation = {
      seed: 1, windows: 1, repeats: 1, period: 32, heldOutLoss: 1.5, lossFirstRepeat: 4.5, lossSecondRepeat: 2,
      previousTokenScore: [[0.9, 0.1, 0.05, 0.2], [0.1, 0.1, 0.1, 0.1]],
      inductionScore: [[0, 0, 0, 0], [0.1, 0.6, 0.1, 0.1]],
      ablation: {
        threshold: 0.3,
        previousTokenHeads: { heads: [[0, 0]], inductionScore: 0.1, lossSecondRepeat: 4, gapClosed: 0.8 },
        otherLayer1Heads: { heads: [[0, 2]], inductionScore: 0.55, lossSecondRepeat: 2.1, gapClosed: 0.04 },
      },
    };
    expect(circuitCriteria(good).filter((x) => !x.pass)).toEqual([]);
    const weakAblation = structuredClone(good);
    weakAblation.ablation.previousTokenHeads.inductionScore = 0.35;
    expect(circuitCriteria(weakAblation).filter((x) => !x.pass).map((x) => x.name)).toEqual(['induction without the previous-token heads ≤ ½ of full']);
    const smallGap = { ...good, lossSecondRepeat: 3.8 };
    expect(circuitCriteria(smallGap).filter((x) => !x.pass).map((x) => x.name)).toEqual(['first-copy loss − second-copy loss ≥ 1 nat']);
  });
});

describe('one text through the model (what a page runs)', () => {
  it('induction by tokens: weight on the positions after earlier occurrences of the current token', () => {
    // tokens a b a b: query 2 (a) has an earlier a at 0 → key 1; query 3 (b) has an earlier b at 1 → key 2.
    const tokens = [1, 2, 1, 2];
    expect(inductionScoreByTokens(oneHot(4, (i) => (i >= 2 ? i - 1 : 0)), tokens)).toBe(1);
    expect(inductionScoreByTokens(oneHot(4, (i) => i), tokens)).toBe(0);
    expect(inductionScoreByTokens(uniform(4), [1, 2, 3, 4])).toBe(0); // nothing repeats
    // On a repeated sequence whose first copy has distinct tokens it is the period score: queries T … 2T − 1, keys i − T + 1.
    const T = 4;
    const seq = [5, 6, 7, 8, 5, 6, 7, 8];
    const a = Array.from({ length: 2 * T }, (_, i) => Array.from({ length: 2 * T }, (_, j) => (j <= i ? (j + 1) / (((i + 1) * (i + 2)) / 2) : 0))); // rows not uniform
    expect(inductionScoreByTokens(a, seq)).toBeCloseTo(inductionScore(a, T), 15);
  });
  it('analyseText: losses, guesses, maps and scores; its mean loss is the evaluation loss of the same window', () => {
    const s = { ...TEXT_DEFAULTS, model: { dModel: 8, h: 2, layers: 2, seqLen: 16 } };
    const c = textConfig(s);
    const p = initParams(c, 2);
    const text = 'the cat the cat';
    const r = analyseText(p, c, text);
    expect(r.losses).toHaveLength(text.length - 1);
    expect(r.guesses[0]).toHaveLength(3);
    expect(r.guesses[0][0].p).toBeGreaterThanOrEqual(r.guesses[0][1].p);
    expect(r.maps).toHaveLength(2);
    expect(r.maps[1][1]).toHaveLength(text.length);
    expect(Object.keys(r.scores)).toEqual(['previousToken', 'induction']);
    const tokens = encode(text);
    const f = forward(p, c, [tokens]);
    const { loss } = scoreLogits(f.logits, c.vocab, [...tokens.slice(1), -1]);
    expect(r.meanLoss).toBeCloseTo(loss, 12);
    expect(r.scores.previousToken).toEqual(headScores(f, previousTokenScore));
    const masked = analyseText(p, c, text, { mask: [[0, 1], [1, 1]] });
    expect(masked.meanLoss).not.toBe(r.meanLoss);
  });
  it('refuses bad text with a message that says what to do', () => {
    const c = textConfig({ ...TEXT_DEFAULTS, model: { dModel: 8, h: 2, layers: 2, seqLen: 16 } });
    const p = initParams(c, 2);
    expect(() => analyseText(p, c, '')).toThrow(/at least 2 characters/);
    expect(() => analyseText(p, c, 'x'.repeat(17))).toThrow(/at most 16 characters; this text has 17/);
    expect(() => analyseText(p, c, 'café')).toThrow(/"é" is not in the model's alphabet/);
  });
});
