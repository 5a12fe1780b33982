import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { userEvent } from '@vitest/browser/context';
import '../../src/styles/global.css';
import { defineShapeTracker, type ShapeTrackerElement } from '../../src/widgets/shape-tracker/element';
import { renderShapeShell } from '../../src/widgets/shape-tracker/shell';
import { mountWidget, watchConsole } from '../support/widget';

let problems: string[];
let el: ShapeTrackerElement;
beforeEach(async () => {
  problems = watchConsole();
  el = await mountWidget<ShapeTrackerElement>('shape-tracker', 'st', renderShapeShell, defineShapeTracker);
});
afterEach(() => {
  el.remove();
  vi.restoreAllMocks();
  expect(problems).toEqual([]);
});

describe('<shape-tracker>', () => {
  const shapeOf = (step: string) => el.querySelector(`tr[data-step="${step}"] .st-shape`)!.textContent;
  it('recomputes the shapes as sizes change', async () => {
    await userEvent.fill(el.querySelector<HTMLInputElement>('[name="h"]')!, '8');
    expect(shapeOf('split')).toBe('(32, 512, 8, 96)');
    await userEvent.fill(el.querySelector<HTMLInputElement>('[name="n"]')!, '4096');
    expect(shapeOf('scores')).toBe('(32, 8, 4,096, 4,096)');
  });
  it('bad sizes: message by the control, table unchanged', async () => {
    const table = el.querySelector('[data-output]')!.innerHTML;
    const cases: [string, string, RegExp][] = [['h', '7', /the course uses d_k = d_model\/h.*Nearest valid h: 6 \(d_k = 128\) or 8 \(d_k = 96\)/], ['h', '0', /out of range/], ['n', 'lots', /not a whole number/], ['b', '99999', /out of range/], ['dmodel', '-1', /out of range/]];
    for (const [name, text, message] of cases) {
      await userEvent.fill(el.querySelector<HTMLInputElement>(`[name="${name}"]`)!, text);
      expect(el.querySelector(`[data-error-for="${name}"]`)!.textContent).toMatch(message);
      expect(el.querySelector('[data-output]')!.innerHTML).toBe(table);
      await userEvent.click(el.querySelector<HTMLButtonElement>('[data-action="reset"]')!);
    }
    expect(el.value).toEqual({ B: 32, n: 512, dModel: 768, h: 12 });
  });
});
