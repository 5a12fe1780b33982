// Lesson 10's widget in Node (linkedom document), with the shipped text model: the state's
// checks and link form, the repeated-span marks, the drawing and its in-place refill, the
// default state against the shipped results, and the numbers the lesson quotes.
import { describe, expect, it } from 'vitest';
import { buildDocument } from '../../src/lib/document';
import { textCheckpoint, textResults } from '../../src/lib/text';
import { fromParams as fromParamsOf, toParams as toParamsOf } from '../../src/widgets/common/fields';
import { checkMask, checkText, DEFAULT_STATE, FIELDS, LIMITS, toggled, type TextHeadsState } from '../../src/widgets/text-heads/state';
import { computeView, fillPositions, mapLabels, nextText, positionRows, renderTextHeads, scoreRows, summarize, updateTextHeads, viewData } from '../../src/widgets/text-heads/render';
import { renderShell } from '../../src/widgets/text-heads/shell';
import { textFigures, textNumbers } from '../../src/build/figures/text';
import { analyseText, encode, repeatedTargets, TEXT_DEFAULTS, TEXT_SMALL, textConfig, topTokens } from '../../src/training/text';
import { formedBetween } from '../../src/widgets/text-forming/render';
import { formingShell } from '../../src/widgets/text-forming/shell';
import { mulberry32 } from '../../src/attention';

const ck = textCheckpoint();
const model = { params: ck.params, config: textConfig(ck.settings) };
const toParams = (s: TextHeadsState) => toParamsOf(FIELDS, s, 'th');
const fromParams = (search: string) => fromParamsOf(FIELDS, DEFAULT_STATE, new URLSearchParams(search), 'th');
const argmax = (row: readonly number[]) => row.indexOf(Math.max(...row));

describe('text-heads state', () => {
  it('takes 2 to 64 characters of the alphabet, capitals read as lower case, and says what is wrong otherwise', () => {
    expect(LIMITS).toMatchObject({ maxChars: 64, layers: 2, heads: 4 });
    expect(checkText('The Cat.')).toEqual({ ok: true, value: 'The Cat.' });
    const cases: [string, RegExp][] = [
      ['', /^Type at least 2 characters/],
      ['a', /^Type at least 2 characters: with one, there is nothing to predict/],
      ['naïve café', /^“ï”, “é” are not in the model's alphabet: it knows lower-case letters/],
      ['<b>x</b>', /^“<”, “>”, “\/” are not in the model's alphabet/],
      ['a&b', /^“&” is not in the model's alphabet/],
      ['x'.repeat(65), /^At most 64 characters \(this text has 65\)/],
    ];
    for (const [text, message] of cases) {
      const r = checkText(text);
      expect(r.ok, text).toBe(false);
      if (!r.ok) expect(r.error).toMatch(message);
    }
    const many = checkText('€£¥§¶•ÆØ');
    expect(!many.ok && many.error).toMatch(/and 3 more are not in/);
  });

  it('writes the mask as 0/1 groups per layer and reads it back; anything else is refused with the right form', () => {
    const s = { ...DEFAULT_STATE, mask: toggled(DEFAULT_STATE.mask, 0, 2) };
    expect(toParams(s)['th.heads']).toBe('1101-1111');
    expect(fromParams(new URLSearchParams(toParams(s)).toString()).state).toEqual(s);
    for (const bad of ['1101', '1101-111', '1102-1111', '<b>']) expect(checkMask(bad)).toMatchObject({ ok: false, error: expect.stringMatching(/not a head mask: write 2 groups of 4 digits/) });
    const r = fromParams('th.text=%C3%A9t%C3%A9&th.layer=7');
    expect(r.state).toEqual(DEFAULT_STATE); // the bad values are ignored with a notice each
    expect(r.notices.length).toBe(2);
  });

  it('starts on the shipped model’s induction head, all heads on, with a text that repeats', () => {
    const e = textResults.evaluation;
    const last = e.inductionScore.length - 1;
    expect([DEFAULT_STATE.layer - 1, DEFAULT_STATE.head - 1]).toEqual([last, argmax(e.inductionScore[last])]);
    expect(DEFAULT_STATE.mask.flat().every((v) => v === 1)).toBe(true);
    expect(TEXT_DEFAULTS.model).toEqual(ck.settings.model); // the widget's bounds are the checkpoint's
    expect(repeatedTargets(encode(DEFAULT_STATE.text)).filter(Boolean).length).toBeGreaterThan(20);
  });
});

describe('repeated spans', () => {
  it('marks a prediction when the three characters ending at its target occurred earlier, in order', () => {
    //            a b c x a b c
    // targets:     b c x a b c   (prediction i is of character i + 1)
    expect(repeatedTargets(encode('abcxabc'))).toEqual([false, false, false, false, false, true]);
    expect(repeatedTargets(encode('abcabc'), 2)).toEqual([false, false, false, true, true]);
    expect(repeatedTargets(encode('aaaa'))).toEqual([false, false, true]); // "aaa" at 0–2, again at 1–3
    expect(repeatedTargets(encode('ab'))).toEqual([false]);
    expect(() => repeatedTargets([1, 2], 0)).toThrow(RangeError);
  });
});

describe('top guesses', () => {
  it('topTokens gives the order a full sort gives, ties to the lower token', () => {
    const rng = mulberry32(5);
    for (let trial = 0; trial < 200; trial++) {
      const p = Array.from({ length: 48 }, () => Math.round(rng() * 8) / 8); // many ties
      const sorted = p.map((_, t) => t).sort((a, b) => p[b] - p[a] || a - b);
      for (const k of [1, 3, 5]) expect(topTokens(p, k)).toEqual(sorted.slice(0, k));
    }
    expect(topTokens([0.2, 0.5], 3)).toEqual([1, 0]);
  });

  it('a new head drawn on the same text and mask reuses the analysis; a new mask runs the model', () => {
    const first = computeView(model, DEFAULT_STATE);
    const other = computeView(model, { ...DEFAULT_STATE, layer: 1, head: 1 }, first);
    expect(other.analysis).toBe(first.analysis);
    expect(other.top(5)).not.toEqual(first.top(5));
    const masked = computeView(model, { ...DEFAULT_STATE, mask: toggled(DEFAULT_STATE.mask, 0, 2) }, first);
    expect(masked.analysis).not.toBe(first.analysis);
    expect(computeView(model, { ...DEFAULT_STATE, text: 'the quick' }, first).analysis.tokens).toHaveLength(9);
  });
});

describe('text-heads drawing', () => {
  const doc = buildDocument();
  it('draws the loss strip, the large map, eight small maps, the detector table and a row per character', () => {
    const v = computeView(model, DEFAULT_STATE);
    const n = DEFAULT_STATE.text.length;
    const root = renderTextHeads(doc, model, v, { fillClosed: true });
    expect(renderTextHeads(doc, model, v).querySelectorAll('.th-positions tbody tr').length).toBe(0); // in the page a closed table waits to be opened
    expect(root.querySelectorAll('.th-strip .th-c').length).toBe(n);
    expect(root.querySelectorAll('.th-strip .th-c.is-repeat').length).toBe(v.repeated.filter(Boolean).length);
    expect(root.querySelector('[data-map="head"] svg[data-raster-map]')!.getAttribute('data-raster-map')).toMatch(new RegExp(`^${n}\\|${n}\\|`));
    expect(root.querySelectorAll('image.rm-cells').length).toBe(9);
    expect(root.querySelectorAll('.hm-pick').length).toBe(8);
    expect(root.querySelectorAll('.th-scores tbody tr').length).toBe(8);
    expect(root.querySelectorAll('.th-positions tbody tr').length).toBe(n);
    expect(summarize(v)).toMatch(/^Mean loss over the 52 predicted characters: \d\.\d\d nats\. Inside repeated spans: \d\.\d\d; elsewhere: \d\.\d\d\.$/);
    expect(JSON.parse(root.getAttribute('data-view')!)).toEqual(JSON.parse(viewData(v)));
    // Typed text is text: markup that slipped past the check would still not become elements.
    expect(root.querySelectorAll('b, img, script').length).toBe(0);
  });

  it('labels every few rows of a long map, so labels never overlap, and shows spaces', () => {
    expect(mapLabels('ab c')).toEqual(['0:a', '1:b', '2:␣', '3:c']);
    const long = mapLabels('x'.repeat(64));
    expect(long.filter(Boolean).length).toBeLessThanOrEqual(12);
    expect(long[0]).toBe('0:x');
  });

  it('the induction head copies in the default text, and switching off the previous-token head breaks it', () => {
    const e = textResults.evaluation;
    const prev = argmax(e.previousTokenScore[0]);
    const [l, hd] = [DEFAULT_STATE.layer - 1, DEFAULT_STATE.head - 1];
    const full = computeView(model, DEFAULT_STATE);
    const off = computeView(model, { ...DEFAULT_STATE, mask: toggled(DEFAULT_STATE.mask, 0, prev) });
    const other = computeView(model, { ...DEFAULT_STATE, mask: toggled(DEFAULT_STATE.mask, 0, prev === 0 ? 1 : 0) });
    const repeatLoss = (v: typeof full) => { const xs = v.analysis.losses.filter((_, i) => v.repeated[i]); return xs.reduce((a, b) => a + b, 0) / xs.length; };
    // Measured on this one text (the lesson's "What to notice"): the induction score and the loss on the repeated span.
    expect(full.analysis.scores.induction[l][hd]).toBeGreaterThan(0.3);
    expect(off.analysis.scores.induction[l][hd]).toBeLessThan(full.analysis.scores.induction[l][hd] / 2);
    expect(other.analysis.scores.induction[l][hd]).toBeGreaterThan(off.analysis.scores.induction[l][hd]);
    expect(repeatLoss(off) - repeatLoss(full)).toBeGreaterThan(1);
    expect(repeatLoss(other)).toBeLessThan(repeatLoss(off));
    // A layer-1 head's own map does not depend on the mask (only what comes after it does).
    expect(off.analysis.scores.previousToken[0]).toEqual(full.analysis.scores.previousToken[0]);
    expect(scoreRows(off, model.config)[prev]).toEqual([`L1 H${prev + 1}`, expect.any(String), expect.any(String), 'off']);
    expect(summarize(off)).toMatch(new RegExp(`Switched off: L1 H${prev + 1}\\.$`));
    const none = computeView(model, { ...DEFAULT_STATE, mask: [[0, 0, 0, 0], [0, 0, 0, 0]] });
    expect(summarize(none)).toMatch(/Every head is switched off/);
  });

  it('refills in place when the length is unchanged, equal to a fresh drawing, and says no when it changed', () => {
    const start = renderTextHeads(doc, model, computeView(model, DEFAULT_STATE));
    const next: TextHeadsState = { ...DEFAULT_STATE, text: DEFAULT_STATE.text.replace('fox', 'cat'), layer: 1, head: 3, mask: toggled(DEFAULT_STATE.mask, 1, 0) };
    const v = computeView(model, next);
    expect(updateTextHeads(start, model, v)).toBe(true);
    // The closed positions table is emptied and marked stale; that equals a fresh drawing, and so does it opened and filled.
    const details = start.querySelector<HTMLDetailsElement>('details.th-positions-wrap')!;
    expect(details.hasAttribute('data-stale')).toBe(true);
    expect(start.outerHTML).toBe(renderTextHeads(doc, model, v).outerHTML);
    fillPositions(details, v);
    expect(details.querySelectorAll('tbody tr').length).toBe(next.text.length);
    expect(details.hasAttribute('data-stale')).toBe(false);
    details.setAttribute('open', '');
    expect(updateTextHeads(start, model, computeView(model, DEFAULT_STATE))).toBe(true);
    expect(start.outerHTML).toBe(renderTextHeads(doc, model, computeView(model, DEFAULT_STATE), { positionsOpen: true }).outerHTML);
    expect(updateTextHeads(start, model, v)).toBe(true);
    const shorter = computeView(model, { ...next, text: 'the cat' });
    expect(updateTextHeads(start, model, shorter)).toBe(false);
    expect(start.outerHTML).toBe(renderTextHeads(doc, model, v, { positionsOpen: true }).outerHTML); // unchanged
  });

  it('lists where the drawn head looks, the three best guesses and the loss, position by position', () => {
    const v = computeView(model, { ...DEFAULT_STATE, text: 'ab ab' });
    const rows = positionRows(v);
    expect(rows.map((r) => r[1])).toEqual(['a', 'b', '␣', 'a', 'b']);
    expect(rows[0][2]).toBe('0:a 1.00'); // query 0 sees only itself
    expect(rows[2][3].split(', ')).toHaveLength(3);
    expect(rows[4][4]).toBe('—'); // nothing follows the last character
    expect(rows[1][5]).toBe(v.analysis.losses[1].toFixed(2));
    expect(nextText(v)).toMatch(/^What comes next\? The model guesses “.” \d+%, “.” \d+%, “.” \d+%\. From the last character, L2 H3 looks at 2:␣ 0\.9\d/); // after “ab ab”: the position after the earlier b, as induction does
  });

  it('the shell has the generated controls, the switches and the drawing of the default text', () => {
    const frag = renderShell(doc, 'th', model);
    const box = doc.createElement('div');
    box.append(frag);
    expect(box.querySelector<HTMLInputElement>('input[name="text"]')!.getAttribute('value')).toBe(DEFAULT_STATE.text);
    expect(box.querySelectorAll('button.ab-head').length).toBe(8);
    expect(box.querySelector('[data-error-for="text"]')).not.toBeNull();
    expect(box.querySelector('.th-output')).not.toBeNull();
  });
});

describe('lesson 10 numbers and figures', () => {
  it('quotes the shipped evaluation', () => {
    const e = textResults.evaluation;
    expect(textNumbers['text.previousHead']()).toBe(`layer 1, head ${argmax(e.previousTokenScore[0]) + 1}`);
    expect(textNumbers['text.inductionHead.score']()).toBe(Math.max(...e.inductionScore[1]).toFixed(2));
    expect(Number(textNumbers['text.gap']())).toBeGreaterThanOrEqual(1); // the criterion, as printed
    expect(textNumbers['text.ablatePrevious.gapClosed']()).toBe(`${Math.round(e.ablation.previousTokenHeads.gapClosed * 100)}%`);
    const [before, after] = [Number(textNumbers['text.formedBefore']()), Number(textNumbers['text.formedAfter']())];
    expect(after - before).toBeGreaterThan(0);
    expect(after - before).toBeLessThanOrEqual(2 * textResults.settings.train.snapshotEvery); // it forms suddenly
    expect(Number(textNumbers['text.formedAfter.induction']())).toBeGreaterThan(4 * Number(textNumbers['text.formedBefore.induction']()));
  });

  it('draws the watch-it-form charts with a table of every snapshot', () => {
    const doc = buildDocument();
    for (const id of ['text-forming-loss', 'text-forming-scores'] as const) {
      const f = textFigures[id](doc);
      expect(f.svg.getAttribute('aria-label')).toBeTruthy();
      expect(f.table.rows).toHaveLength(textResults.snapshots.length);
    }
  });

  it('the page computes what analyseText computes in Node (same numbers, same bits)', () => {
    const a = analyseText(model.params, model.config, DEFAULT_STATE.text);
    expect(JSON.parse(viewData(computeView(model, DEFAULT_STATE)))).toEqual({ losses: a.losses, scores: a.scores });
  });
});

describe('watch it form', () => {
  it('finds where induction forms: below a quarter of the final score, then at least half', () => {
    const pt = (step: number, induction: number) => ({ step, induction, previous: 0, trainLoss: 0, first: 0, second: 0 });
    expect(formedBetween([pt(0, 0.02), pt(50, 0.03), pt(100, 0.3), pt(150, 0.5), pt(200, 0.8)])).toEqual({ before: pt(50, 0.03), after: pt(150, 0.5) });
    expect(formedBetween([pt(0, 0.02), pt(50, 0.02)])).toBeNull(); // flat: nothing formed
    expect(formedBetween([pt(0, 0.9), pt(50, 0.9)])).toBeNull(); // there from the start: nothing formed
    expect(formedBetween([pt(0, 0.1)])).toBeNull();
  });

  it('the small run fits the page: same width and heads, context 32, spans that fit twice in a window', () => {
    expect(TEXT_SMALL.model).toMatchObject({ dModel: TEXT_DEFAULTS.model.dModel, h: TEXT_DEFAULTS.model.h, layers: 2, seqLen: 32 });
    expect(2 * TEXT_SMALL.repeat.maxSpan).toBeLessThanOrEqual(TEXT_SMALL.model.seqLen + 1);
    expect(TEXT_SMALL.train.steps % TEXT_SMALL.train.snapshotEvery).toBe(0);
    expect(textConfig(TEXT_SMALL)).toMatchObject({ seqLen: 32, dHidden: 0, causal: true });
  });

  it('the shell has Train, a hidden Cancel and progress, a status line and two chart slots', () => {
    const doc = buildDocument();
    const box = doc.createElement('div');
    box.append(formingShell(doc, 'tf'));
    expect(box.querySelector('[data-action="train"]')!.textContent).toBe('Train');
    expect(box.querySelector('[data-action="cancel"]')!.hasAttribute('hidden')).toBe(true);
    expect(box.querySelector('progress')!.hasAttribute('hidden')).toBe(true);
    expect(box.querySelector('[role="status"]')).not.toBeNull();
    expect(box.querySelectorAll('[data-chart]').length).toBe(2);
    expect(box.querySelector('.tf-about')!.textContent).toMatch(/a context of 32 characters, 800 steps on 300,000 characters/);
  });
});
