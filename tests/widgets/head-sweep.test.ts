// Lesson 6's widget in real Chromium (vitest browser mode): the shipped sweep at once,
// bad input explained beside each control, live runs in a real Worker with progress,
// reproduction of the shipped numbers, cancel (button and Esc) keeping finished models.
import { describe, expect, it, vi } from 'vitest';
import { userEvent } from '@vitest/browser/context';
import '../../src/styles/global.css';
import '../../src/styles/widgets/head-sweep.css';
import { labResults } from '../../src/lib/lab';
import { defineHeadSweep, type HeadSweep } from '../../src/widgets/head-sweep/element';
import { renderShell } from '../../src/widgets/head-sweep/shell';
import { DEFAULT_STATE } from '../../src/widgets/head-sweep/state';
import { guardWidgetTests, mountWidget } from '../support/widget';

let el: HeadSweep;

const mount = (search = '') => mountWidget<HeadSweep>('head-sweep', 'hs', (doc, key) => renderShell(doc, key, labResults), defineHeadSweep, search);
const q = <T extends Element = HTMLElement>(sel: string) => el.querySelector<T>(sel)!;
const text = (sel: string) => q(sel).textContent ?? '';
const barLabels = () => [...el.querySelectorAll('[data-chart="accuracy"] svg text')].map((t) => t.textContent).filter((t) => /%$/.test(t ?? '') && !/guessing/.test(t ?? ''));
const sources = () => [...el.querySelectorAll('.hs-results tbody tr')].map((tr) => `${tr.querySelector('th')!.textContent}: ${tr.lastElementChild!.textContent}`);
const pct = (h: number, seed = 1) => `${(labResults.sweep.find((m) => m.h === h && m.seed === seed)!.accuracy * 100).toFixed(1)}%`;
const finished = () => vi.waitFor(() => expect(el.hasAttribute('data-running')).toBe(false), { timeout: 60_000, interval: 100 });

guardWidgetTests(() => el);

describe('<head-sweep>', () => {
  it('opens on the shipped sweep, with the run panel shown once started', async () => {
    el = await mount();
    expect(el.value).toEqual(DEFAULT_STATE);
    expect(barLabels()).toEqual([1, 2, 4, 8, 16].map((h) => pct(h)));
    expect(sources()).toEqual(['h = 1', 'h = 2', 'h = 4', 'h = 8', 'h = 16'].map((h) => `${h}: shipped run`));
    expect(q('[data-run]').hidden).toBe(false);
    expect(text('[data-plan]')).toBe('Trains 5 models of 300 steps, one after the other, in a background worker.');
    expect(q<HTMLButtonElement>('[data-action="cancel"]').disabled).toBe(true);
  });

  it('choosing head counts redraws the shipped models for them, and the URL follows', async () => {
    el = await mount();
    await userEvent.fill(q<HTMLInputElement>('[name="heads"]'), '16 1');
    expect(el.value.hs).toEqual([1, 16]);
    expect(barLabels()).toEqual([pct(1), pct(16)]);
    await expect.poll(() => new URL(location.href).searchParams.get('hs.heads')).toBe('1, 16');
    expect(text('[data-plan]')).toMatch(/^Trains 2 models of 300 steps/);
    // Seeds 1–5 at 300 steps are shipped: seed 5 shows its own shipped models at once.
    await userEvent.fill(q<HTMLInputElement>('[name="seed"]'), '5');
    expect(text('.hs-summary')).toMatch(/^Shipped results \(seed 5, 300 steps\)/);
    expect(barLabels()).toEqual([pct(1, 5), pct(16, 5)]);
    await userEvent.fill(q<HTMLInputElement>('[name="seed"]'), '6');
    expect(text('.hs-summary')).toMatch(/^Nothing trained yet with seed 6 and 300 steps, so the shipped results \(seed 1, 300 steps\) are shown/);
  });

  it('bad input in each control: a message beside it, the last good picture kept', async () => {
    el = await mount();
    const before = q('[data-output]').innerHTML;
    const cases: [string, string, RegExp][] = [
      ['heads', '3', /d_model \(16\) is not divisible by h \(3\): the course uses d_k = d_model\/h.*Nearest valid h: 2 \(d_k = 8\) or 4 \(d_k = 4\)/],
      ['heads', '1, 32', /more heads than d_model \(16\) has dimensions/],
      ['heads', '', /Type one or more head counts/],
      ['heads', '<img src=x onerror=alert(1)>', /not a whole number/],
      ['steps', '5000', /out of range: use 10 to 600/],
      ['steps', 'ten', /not a whole number/],
      ['seed', '-1', /not a whole number|out of range/],
      ['seed', '1.5', /not a whole number/],
    ];
    for (const [name, typed, message] of cases) {
      await userEvent.fill(q<HTMLInputElement>(`[name="${name}"]`), typed);
      expect(text(`[data-error-for="${name}"]`), `${name}=${typed}`).toMatch(message);
      expect(q(`[name="${name}"]`).getAttribute('aria-invalid')).toBe('true');
      expect(q('[data-output]').innerHTML).toBe(before);
      expect(el.value).toEqual(DEFAULT_STATE);
      await userEvent.fill(q<HTMLInputElement>(`[name="${name}"]`), name === 'heads' ? '1, 2, 4, 8, 16' : String(DEFAULT_STATE[name as 'seed' | 'steps']));
    }
    expect(el.querySelector('img')).toBeNull();
    await userEvent.fill(q<HTMLInputElement>('[name="steps"]'), 'x');
    await userEvent.click(q('[data-action="run"]'));
    expect(text('[data-status]')).toMatch(/Fix the setting marked above first/);
    expect(el.hasAttribute('data-running')).toBe(false);
  });

  it('a live run shows progress, draws as it goes and finishes with the models trained here', async () => {
    el = await mount('?hs.steps=30&hs.heads=1,2&hs.seed=4');
    const progressSeen: string[] = [];
    const observer = new MutationObserver(() => progressSeen.push(text('[data-progress-text]')));
    observer.observe(q('[data-progress-text]'), { childList: true, characterData: true, subtree: true });
    await userEvent.click(q('[data-action="run"]'));
    expect(el.hasAttribute('data-running')).toBe(true);
    expect(q('[data-progress]').hidden).toBe(false);
    expect(q<HTMLInputElement>('[name="seed"]').disabled).toBe(true);
    expect(document.activeElement).toBe(q('[data-action="cancel"]'));
    await finished();
    observer.disconnect();
    expect(progressSeen).toContain('h = 2 (model 2 of 2): step 30 of 30');
    expect(text('[data-status]')).toMatch(/^Finished: 2 models trained here in \d+\.\d s\.$/);
    expect(sources()).toEqual(['h = 1: trained here', 'h = 2: trained here']);
    expect(text('.hs-summary')).toMatch(/^Trained here \(seed 4, 30 steps\)/);
    expect(q('.hs-verdict').hidden).toBe(true); // not the shipped settings: nothing to compare with
    expect(q<HTMLInputElement>('[name="seed"]').disabled).toBe(false);
    expect(q('[data-progress]').hidden).toBe(true);
  }, 60_000);

  it('with the shipped settings, the run here is compared with the shipped numbers', async () => {
    el = await mount('?hs.heads=4');
    await userEvent.click(q('[data-action="run"]'));
    await finished();
    expect(sources()).toEqual(['h = 4: trained here']);
    expect(q('.hs-verdict').hidden).toBe(false);
    expect(text('.hs-verdict')).toMatch(/^Reproduced: the model with h = 4 trained here matches the shipped numbers exactly/);
    expect(barLabels()).toEqual([pct(4)]);
  }, 60_000);

  it('cancel (Esc) halfway keeps the finished models and says so', async () => {
    el = await mount('?hs.steps=200&hs.heads=1,2,4&hs.seed=2');
    await userEvent.click(q('[data-action="run"]'));
    await vi.waitFor(() => expect(text('[data-progress-text]')).toMatch(/^h = 2 \(model 2 of 3\): step \d+/), { timeout: 60_000, interval: 20 });
    await userEvent.keyboard('{Escape}');
    await finished();
    expect(text('[data-status]')).toMatch(/^Cancelled after h = 1 finished and is kept; h = 2 was stopped at step \d+ of 200 and dropped\. Run again to train the rest\.$/);
    expect(sources()).toEqual(['h = 1: trained here']);
    expect(text('.hs-summary')).toMatch(/Not trained yet: h = 2 and h = 4\./);
    expect([...el.querySelectorAll('.hs-legend li')].map((li) => li.lastChild!.textContent)).toEqual(['h = 1']); // the partial h = 2 curve is dropped (the text after its marker glyph)
    expect(document.activeElement).toBe(q('[data-action="run"]'));
    // the cancel button does the same
    await userEvent.click(q('[data-action="run"]'));
    await userEvent.click(q('[data-action="cancel"]'));
    await finished();
    expect(text('[data-status]')).toMatch(/^Cancelled after/);
    expect(sources()[0]).toBe('h = 1: trained here');
  }, 90_000);
});
