import { describe, expect, it } from 'vitest';
import { buildDocument } from '../../src/lib/document';
import { fromParams, toParams } from '../../src/widgets/common/fields';
import { bytes, renderShapes } from '../../src/widgets/shape-tracker/render';
import { checkB, checkDModel, checkN, cross, DEFAULT_STATE, FIELDS } from '../../src/widgets/shape-tracker/state';

describe('shape tracker state', () => {
  it('validates each size and names the range', () => {
    expect(checkN('1,024')).toEqual({ ok: true, value: 1024 });
    for (const [check, bad, message] of [
      [checkB, '0', /out of range: use 1 to 1024/], [checkB, '-3', /out of range/], [checkN, 'many', /not a whole number/],
      [checkN, '1e9', /not a whole number/], [checkN, '200000', /out of range/], [checkDModel, '12.5', /not a whole number/], [checkDModel, '', /Type a d_model/],
    ] as const) {
      const r = check(bad);
      expect(r.ok, bad).toBe(false);
      if (!r.ok) expect(r.error).toMatch(message);
    }
  });
  it('h must divide d_model; the message names the nearest valid h', () => {
    expect(cross({ ...DEFAULT_STATE, h: 7 })).toEqual({
      field: 'h', error: 'd_model (768) is not divisible by h (7): the course uses d_k = d_model/h, so h must divide d_model. Nearest valid h: 6 (d_k = 128) or 8 (d_k = 96); or keep h = 7 with d_model 763 or 770.',
    });
    expect(cross({ ...DEFAULT_STATE, h: 1000 })?.error).toMatch(/Nearest valid h: 768 \(d_k = 1\); or keep h = 1000 with d_model 1000\.$/);
    expect(cross(DEFAULT_STATE)).toBeNull();
  });
  it('round-trips through the URL', () => {
    const s = { B: 2, n: 9, dModel: 64, h: 16 };
    expect(fromParams(FIELDS, DEFAULT_STATE, new URLSearchParams(toParams(FIELDS, s, 'st')), 'st', cross).state).toEqual(s);
  });
});

describe('shape tracker rendering', () => {
  it('lists every tensor with its shape and axes', () => {
    const out = renderShapes(buildDocument(), { B: 2, n: 10, dModel: 64, h: 4 });
    const row = (name: string) => out.querySelector(`tr[data-step="${name}"]`)!;
    expect(out.querySelectorAll('tbody tr').length).toBe(12);
    expect(row('split').querySelector('.st-shape')!.textContent).toBe('(2, 10, 4, 16)');
    expect(row('heads').querySelector('.st-axes')!.textContent).toBe('(B, h, n, d_k)');
    expect(row('scores').textContent).toContain('(2, 4, 10, 10)');
    expect(['Q', 'K', 'V', 'X', 'scores'].map((name) => row(name).querySelector('th')!.className)).toEqual(['q', 'k', 'v', '', '']);
    expect(out.querySelector('.widget-summary')!.textContent).toMatch(/dₖ = d_model \/ h = 64 \/ 4 = 16\. The scores hold B·h·n² = 800 values/);
  });
  it('formats bytes', () => {
    expect(bytes(512)).toBe('512 B');
    expect(bytes(402_653_184)).toBe('403 MB');
    expect(bytes(1_500_000)).toBe('1.5 MB');
  });
});
