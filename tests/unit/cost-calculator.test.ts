// State logic and rendering of lesson 4's calculator, in Node (linkedom document).
import { describe, expect, it } from 'vitest';
import { parameterCount } from '../../src/attention';
import { buildDocument } from '../../src/lib/document';
import { fromParams, toParams } from '../../src/widgets/common/fields';
import { checkSentence, computeCosts, costSentence, headsSentence, renderCosts, summarize, updateCosts } from '../../src/widgets/cost-calculator/render';
import { renderShell } from '../../src/widgets/cost-calculator/shell';
import {
  checkBytes, checkDModel, checkH, checkLayers, checkN, crossCheck, DEFAULT_STATE, FIELDS, LARGEST_INSTANTIATED,
  LARGEST_STATE, LIMITS, presetValues, PRESETS, type CostState,
} from '../../src/widgets/cost-calculator/state';

const texts = (s: CostState) => Object.fromEntries(FIELDS.map((f) => [f.name, f.format(s)]));
const cellTexts = (root: Element, caption: string) => {
  const table = [...root.querySelectorAll('table')].find((t) => t.querySelector('caption')?.textContent === caption)!;
  return [...table.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent));
};

describe('cost calculator state', () => {
  it('accepts whole numbers as people type them', () => {
    expect(checkDModel(' 512 ')).toEqual({ ok: true, value: 512 });
    expect(checkDModel('1,024')).toEqual({ ok: true, value: 1024 });
    expect(checkN('16 384')).toEqual({ ok: true, value: 16384 });
    expect(checkLayers('128')).toEqual({ ok: true, value: 128 });
    expect(checkBytes('2')).toEqual({ ok: true, value: 2 });
  });

  it('rejects non-numbers, zero, negatives, decimals and sizes beyond the bounds, saying why', () => {
    const cases: [ReturnType<typeof checkDModel>, RegExp][] = [
      [checkDModel('abc'), /“abc” is not a whole number.*1 to 16384/],
      [checkDModel(''), /Type a d_model/],
      [checkDModel('0'), /out of range: use 1 to 16384/],
      [checkDModel('-64'), /out of range/],
      [checkDModel('64.5'), /not a whole number/],
      [checkDModel('99999999999999999999'), /out of range/],
      [checkDModel('20000'), /out of range/],
      [checkH('1e3'), /not a whole number/],
      [checkN('65537'), /N 65537 is out of range: use 1 to 65536/],
      [checkLayers('129'), /Number of layers 129 is out of range/],
      [checkBytes('3'), /must be 4, 2, 1/],
      [checkBytes('<b>'), /got “<b>”/],
    ];
    for (const [r, message] of cases) {
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error).toMatch(message);
    }
  });

  it('h must divide d_model: the message names both, the nearest h and the nearest d_model', () => {
    expect(crossCheck(DEFAULT_STATE)).toBeNull();
    expect(crossCheck({ ...DEFAULT_STATE, h: 7 })).toEqual({
      field: 'h', error: 'd_model (512) is not divisible by h (7): the course uses d_k = d_model/h, so h must divide d_model. Nearest valid h: 4 (d_k = 128) or 8 (d_k = 64); or keep h = 7 with d_model 511 or 518.',
    });
    expect(crossCheck({ ...DEFAULT_STATE, dModel: 500 })?.error).toMatch(/d_model \(500\) is not divisible by h \(8\): the course uses.* Nearest valid h: 5 \(d_k = 100\) or 10 \(d_k = 50\); or keep h = 8 with d_model 496 or 504/);
    expect(crossCheck({ ...DEFAULT_STATE, h: 600 })?.error).toMatch(/h \(600\) is more heads than d_model \(512\) has dimensions: the course uses d_k = d_model\/h.*Nearest valid h: 512 \(d_k = 1\)/);
    expect(crossCheck({ ...DEFAULT_STATE, dModel: 16_383, h: 5 })?.error).toMatch(/keep h = 5 with d_model 16380\.$/); // 16385 is beyond the bounds
  });

  it('a picked model puts its numbers in the boxes, so reading every control keeps the model', () => {
    // what the widget base does on each change: parse every control in order, on top of the state
    const readAll = (t: Record<string, string>, state: CostState) => FIELDS.reduce<CostState | string>((s, f) => {
      if (typeof s === 'string') return s;
      const r = f.parse(t[f.name], s);
      return r.ok ? r.value : `${f.name}: ${r.error}`;
    }, state);
    expect(presetValues('custom')).toEqual({});
    expect(presetValues('bert-base')).toEqual({ dmodel: '768', h: '12', layers: '12' });
    expect(presetValues('gpt2-medium')).toEqual({ dmodel: '1024', h: '16', layers: '24', n: '1024' });
    const typed = { ...texts(DEFAULT_STATE), model: 'gpt2-medium' };
    expect(readAll({ ...typed, ...presetValues('gpt2-medium') }, DEFAULT_STATE)).toEqual({ ...DEFAULT_STATE, model: 'gpt2-medium', dModel: 1024, h: 16, layers: 24, n: 1024 });
    // without filling the boxes, the old sizes would win and the model would be lost
    expect(readAll(typed, DEFAULT_STATE)).toMatchObject({ model: 'custom', dModel: 512 });
    // then typing another n keeps the model, another h does not
    const picked = readAll({ ...typed, ...presetValues('gpt2-medium') }, DEFAULT_STATE) as CostState;
    expect(readAll({ ...texts(picked), n: '77' }, picked)).toMatchObject({ model: 'gpt2-medium', n: 77 });
    expect(readAll({ ...texts(picked), h: '8' }, picked)).toMatchObject({ model: 'custom', h: 8 });
    expect(readAll({ ...texts(picked), n: 'x' }, picked)).toMatch(/^n: /);
  });

  it('loading a model sets its size; typing another size makes it your own again', () => {
    const model = FIELDS.find((f) => f.name === 'model')!;
    const r = model.parse('gpt2-small', DEFAULT_STATE);
    expect(r).toEqual({ ok: true, value: { ...DEFAULT_STATE, model: 'gpt2-small', dModel: 768, h: 12, layers: 12, n: 1024 } });
    const bert = model.parse('bert-base', DEFAULT_STATE);
    expect(bert.ok && bert.value).toMatchObject({ dModel: 768, h: 12, layers: 12, n: DEFAULT_STATE.n });
    const unknown = model.parse('gpt-5', DEFAULT_STATE);
    expect(!unknown.ok && unknown.error).toMatch(/no model “gpt-5”; choose one of transformer-base/);
    if (!r.ok) throw new Error('unreachable');
    const same = FIELDS.find((f) => f.name === 'dmodel')!.parse('768', r.value);
    expect(same.ok && same.value.model).toBe('gpt2-small');
    const other = FIELDS.find((f) => f.name === 'h')!.parse('6', r.value);
    expect(other.ok && other.value.model).toBe('custom');
    const n = FIELDS.find((f) => f.name === 'n')!.parse('10', r.value);
    expect(n.ok && n.value.model).toBe('gpt2-small'); // the input length is not part of a model
  });

  it('round-trips through URL parameters; a bad link falls back with notices', () => {
    const state: CostState = { model: 'bert-large', dModel: 1024, h: 16, n: 512, layers: 24, bias: false, bytes: 4 };
    const params = new URLSearchParams(toParams(FIELDS, state, 'cc'));
    expect(fromParams(FIELDS, DEFAULT_STATE, params, 'cc', crossCheck)).toEqual({ state, notices: [], present: true });
    const custom = new URLSearchParams('cc.model=custom&cc.dmodel=100&cc.h=10');
    expect(fromParams(FIELDS, DEFAULT_STATE, custom, 'cc', crossCheck).state).toMatchObject({ dModel: 100, h: 10 });
    const bad = fromParams(FIELDS, DEFAULT_STATE, new URLSearchParams('cc.dmodel=banana&cc.h=7'), 'cc', crossCheck);
    expect(bad.state).toEqual(DEFAULT_STATE);
    expect(bad.notices.join(' ')).toMatch(/dmodel was ignored.*did not fit together \(d_model \(512\) is not divisible by h \(7\)/);
  });
});

describe('cost calculator output', () => {
  it('splits the count by matrix and adds up to the formula, for the default state', () => {
    const r = computeCosts(DEFAULT_STATE);
    expect(r.perLayer).toBe(1_050_624);
    expect(r.breakdown.total).toBe(r.perLayer);
    expect(r.allLayers).toBe(6 * 1_050_624);
    expect(r.flops).toEqual({ projections: 268_435_456, attention: 33_554_432, total: 301_989_888 });
    expect(r.crossing).toBe(1024);
    expect(r.mapEntries).toBe(8 * 128 * 128);
    expect(r.kv.map((k) => k.kvHeads)).toEqual([8, 4, 2, 1]);
    expect(r.check.ran).toBe(false);
    expect(!r.check.ran && r.check.reason).toMatch(/skipped: at d_model = 512 the four matrices hold 1,048,576 numbers \(8 MiB as float64\).*64 or less/);
    const doc = buildDocument();
    const out = renderCosts(doc, DEFAULT_STATE, r);
    expect(cellTexts(out, 'Parameters of one layer')).toEqual([
      ['W_Q', '512 × 512', '262,144'], ['W_K', '512 × 512', '262,144'], ['W_V', '512 × 512', '262,144'], ['W_O', '512 × 512', '262,144'],
      ['biases b_Q, b_K, b_V, b_O', '4 × 512', '2,048'], ['one layer', '4 · 512² + 4 · 512', '1,050,624'], ['× 6 layers', '6 · 1,050,624', '6,303,744'],
    ]);
    expect(out.querySelector('[data-check]')?.getAttribute('data-check')).toBe('skipped');
  });

  it('instantiates the weights at d_model ≤ 64 and shows that they agree with the formula', () => {
    for (const state of [{ ...DEFAULT_STATE, dModel: 64 }, { ...DEFAULT_STATE, dModel: 64, h: 64, bias: false }, { ...DEFAULT_STATE, dModel: 6, h: 3 }]) {
      const r = computeCosts(state);
      if (!r.check.ran) throw new Error('the check should have run');
      expect(r.check.counted).toBe(parameterCount(state));
      expect(r.check.perHead).toEqual(new Array(state.h).fill(4 * state.dModel * (state.dModel / state.h)));
      expect(r.check.agree).toBe(true);
      expect(checkSentence(state, r.check)).toMatch(/countParameters counted [\d,]+; cut into heads with splitHeads.*: they agree\.$/);
      expect(renderCosts(buildDocument(), state, r).querySelector('[data-check="agree"]')).not.toBeNull();
    }
    expect(checkSentence(DEFAULT_STATE, { ran: true, counted: 1, perHead: [1], biases: 0, formula: 2, agree: false })).toMatch(/DISAGREE/);
  });

  it('h changes neither the parameters nor the FLOPs; only the maps and the K/V options', () => {
    const doc = buildDocument();
    const tableFor = (h: number) => cellTexts(renderCosts(doc, { ...DEFAULT_STATE, h }), 'Parameters of one layer');
    expect(tableFor(1)).toEqual(tableFor(8));
    expect(tableFor(512)).toEqual(tableFor(8));
    expect(computeCosts({ ...DEFAULT_STATE, h: 1 }).flops).toEqual(computeCosts(DEFAULT_STATE).flops);
    expect(computeCosts({ ...DEFAULT_STATE, h: 16 }).mapEntries).toBe(2 * computeCosts(DEFAULT_STATE).mapEntries);
    expect(headsSentence(DEFAULT_STATE, computeCosts(DEFAULT_STATE))).toMatch(/8 × 131,072 = 1,048,576, the same as one head of width 512/);
    expect(headsSentence({ ...DEFAULT_STATE, h: 1 }, computeCosts({ ...DEFAULT_STATE, h: 1 }))).toMatch(/With h = 1 the single head owns all/);
  });

  it('says which FLOP term dominates', () => {
    const at = (n: number) => costSentence({ ...DEFAULT_STATE, n }, computeCosts({ ...DEFAULT_STATE, n }));
    expect(at(128)).toMatch(/the projections dominate: attention is 11%/);
    expect(at(1024)).toMatch(/the two terms are equal: attention is 50%/);
    expect(at(4096)).toMatch(/the attention term dominates: attention is 80%/);
    expect(costSentence(LARGEST_INSTANTIATED, computeCosts(LARGEST_INSTANTIATED))).toMatch(/attention is over 99%/);
    expect(summarize(DEFAULT_STATE, computeCosts(DEFAULT_STATE))).toBe('One layer: 1,050,624 parameters; 6 layers: 6,303,744. Forward pass on 128 tokens: 302 MFLOP per layer.');
  });

  it('renders at the largest sizes, with exact counts', () => {
    const r = computeCosts(LARGEST_STATE);
    expect(r.perLayer).toBe(4 * 16384 ** 2 + 4 * 16384);
    expect(Number.isSafeInteger(r.allLayers) && Number.isSafeInteger(r.flops.total)).toBe(true);
    expect(r.kv).toHaveLength(15);
    const shell = renderShell(buildDocument(), 'cc', LARGEST_STATE);
    expect(shell.querySelectorAll('table.cc-kv tbody tr').length).toBe(15);
    expect(shell.querySelector('svg[role="img"]')?.getAttribute('aria-label')).toMatch(/n = 65536 is marked/);
    expect(computeCosts(LARGEST_INSTANTIATED).check.ran).toBe(true);
  });

  it('refilling in place gives exactly what a fresh render gives', () => {
    const doc = buildDocument();
    const cases: CostState[] = [
      { ...DEFAULT_STATE, n: 300 },                      // marker moves, chart kept
      { ...DEFAULT_STATE, n: 20 },                       // range widens: chart drawn anew
      { ...DEFAULT_STATE, dModel: 64 },                  // the instantiated check runs
      { ...DEFAULT_STATE, dModel: 768, bias: false, layers: 12, bytes: 4 },
      { ...DEFAULT_STATE, model: 'custom', h: 8, dModel: 8 },
      { ...DEFAULT_STATE, h: 16 },                       // 5 K/V rows instead of 4: that table anew
      { ...DEFAULT_STATE, model: 'gpt2-medium', dModel: 1024, h: 16, layers: 24, n: 1024 },
    ];
    for (const next of cases) {
      const live = renderCosts(doc, DEFAULT_STATE);
      expect(updateCosts(live, next), JSON.stringify(next)).toBe(true);
      expect(live.outerHTML, JSON.stringify(next)).toBe(renderCosts(doc, next).outerHTML);
    }
    const empty = doc.createElement('div');
    expect(updateCosts(empty, DEFAULT_STATE)).toBe(false); // nothing to refill: the caller renders
    expect(empty.innerHTML).toBe('');
  });

  it('the shell has every control with a label and an error slot, the model list and the default output', () => {
    const doc = buildDocument();
    const holder = doc.createElement('div');
    holder.append(renderShell(doc, 'cc'));
    for (const f of FIELDS) {
      const control = holder.querySelector(`[name="${f.name}"]`);
      expect(control, f.name).not.toBeNull();
      expect(holder.querySelector(`label[for="cc-${f.name}"]`) ?? control!.closest('label'), f.name).not.toBeNull();
      if (f.kind === 'text') expect(holder.querySelector(`[data-error-for="${f.name}"]`), f.name).not.toBeNull();
    }
    expect([...holder.querySelectorAll('[name="model"] option')].map((o) => o.getAttribute('value'))).toEqual(['custom', ...PRESETS.map((m) => m.id)]);
    expect(holder.querySelector('[name="bytes"] option[selected]')?.textContent).toBe('2 (float16)');
    expect(holder.querySelector('.cc-summary')?.textContent).toContain('1,050,624');
    expect(holder.querySelectorAll('[data-download]').length).toBe(2);
    expect(holder.querySelector('details.alt table')).not.toBeNull();
    expect(holder.querySelectorAll('svg g[aria-label]').length).toBe(0);
    expect(LIMITS.instantiateMax).toBe(64);
  });
});
