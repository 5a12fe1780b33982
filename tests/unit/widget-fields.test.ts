// Fields declared once (src/widgets/common/fields.ts), the controls made from them
// (controls.ts: widgetShell), and the shared heads-and-width message (heads.ts).
import { describe, expect, it } from 'vitest';
import { buildDocument } from '../../src/lib/document';
import { h } from '../../src/widgets/common/dom';
import { code, widgetShell } from '../../src/widgets/common/controls';
import { defineFields, fieldKit, fromParams, optionsOf, toParams, type Field } from '../../src/widgets/common/fields';
import { HEADS_CONVENTION, headsProblem } from '../../src/widgets/common/heads';
import { parseWholeNumber } from '../../src/widgets/common/validate';
import * as costs from '../../src/widgets/cost-calculator/state';
import * as merge from '../../src/widgets/merge-heads/state';
import * as shapes from '../../src/widgets/shape-tracker/state';
import * as split from '../../src/widgets/split-check/state';
import { checkHs } from '../../src/widgets/head-sweep/state';

interface Toy { size: number; shape: string; on: boolean }
const DEFAULTS: Toy = { size: 4, shape: 'box', on: true };
const f = fieldKit<Toy>();
const whole = (text: string) => parseWholeNumber(text, { name: 'size', min: 1, max: 9 });
const toyFields = (): Field<Toy>[] => [
  { name: 'size', kind: 'number', label: 'Size', hint: '(1–9)', ...f.bind('size', whole) },
  { name: 'shape', kind: 'select', label: 'Shape', options: optionsOf(['box', 'ball']), ...f.bind('shape', (t) => ({ ok: true, value: t })) },
  { name: 'on', kind: 'checkbox', group: 'Switch', label: 'On', ...f.flag('on') },
];

describe('defineFields: a name that matches nothing is an error when the module loads', () => {
  it('accepts a coherent list and looks fields up by name', () => {
    const fields = defineFields('toy-widget', DEFAULTS, toyFields());
    expect(fields.names).toEqual(['size', 'shape', 'on']);
    expect(fields.get('shape').kind).toBe('select');
    expect(() => fields.get('colour' as 'size')).toThrow(/^toy-widget: there is no field named “colour”; its fields are “size”, “shape”, “on”/);
  });

  it('rejects, naming the widget and the name: unknown `after`, duplicates, bad names, fills of unknown boxes', () => {
    const cases: [Field<Toy>[], RegExp][] = [
      [[...toyFields(), { ...toyFields()[0], name: 'size2', after: ['sise'] }], /^toy-widget: field “size2”'s `after` names the field “sise”, which does not exist; its fields are/],
      [[...toyFields(), toyFields()[0]], /^toy-widget: two fields are named “size”/],
      [[{ ...toyFields()[0], name: 'Size!' }], /^toy-widget: field 1 is named “Size!”: use a lower-case word/],
      [[toyFields()[0], { ...(toyFields()[1] as Field<Toy> & { kind: 'select' }), fills: () => ({ sixe: '3' }) }], /^toy-widget: select “shape”'s option “box” fills a box and names the field “sixe”, which does not exist/],
      [[{ ...toyFields()[0], after: ['size'] }], /field “size” cannot be read after itself/],
    ];
    for (const [fields, message] of cases) expect(() => defineFields('toy-widget', DEFAULTS, fields)).toThrow(message);
  });

  it('rejects defaults that the fields themselves would refuse', () => {
    expect(() => defineFields('toy-widget', { ...DEFAULTS, shape: 'cone' }, toyFields()))
      .toThrow(/^toy-widget: the default of select “shape” is “cone”, which is not one of its options \(box, ball\)/);
    expect(() => defineFields('toy-widget', { ...DEFAULTS, size: 12 }, toyFields()))
      .toThrow(/^toy-widget: the default of field “size” \(“12”\) does not pass its own check: Size 12 is out of range/);
  });

  it('reads a field after those it names in `after`, whatever the declared order', () => {
    const fields = defineFields('toy-widget', DEFAULTS, [{ ...toyFields()[1], after: ['on'] }, toyFields()[2], toyFields()[0]]);
    expect(fields.readOrder.map((x) => x.name)).toEqual(['on', 'shape', 'size']);
    expect(merge.FIELDS.readOrder.map((x) => x.name)).toEqual(['merge', 'r', 'dmodel', 'h', 'seed']); // h reads d_model
    expect(merge.FIELDS.names).toEqual(['merge', 'r', 'h', 'dmodel', 'seed']); // shown in this order
  });

  it('links: a parameter under the prefix that names no field is ignored with a notice, the rest still apply', () => {
    const fields = defineFields('toy-widget', DEFAULTS, toyFields());
    expect(toParams(fields, DEFAULTS, 'tw')).toEqual({ 'tw.size': '4', 'tw.shape': 'box', 'tw.on': '1' });
    const r = fromParams(fields, DEFAULTS, new URLSearchParams('tw.size=7&tw.colour=<b>red</b>&other.x=1'), 'tw');
    expect(r.state).toEqual({ ...DEFAULTS, size: 7 });
    expect(r.notices).toEqual(['The link\'s “colour” was ignored: this widget has no setting of that name (it has size, shape, on).']);
  });
});

describe('widgetShell: controls generated from the fields, checked one for one', () => {
  const shell = (fields: ReturnType<typeof defineFields<Toy, string>>, parts: Partial<Parameters<typeof widgetShell>[3]> = {}) => {
    const doc = buildDocument();
    return widgetShell(doc, fields, DEFAULTS, { key: 'tw', runs: [code(doc, 'toy')], output: h(doc, 'p', {}, 'out'), ...parts });
  };

  it('makes one labelled control, id and error slot per field, in order, then reset and copy-link', () => {
    const holder = buildDocument().createElement('div');
    holder.append(shell(defineFields('toy-widget', DEFAULTS, toyFields())));
    const form = holder.querySelector('form[data-controls]')!;
    expect([...form.querySelectorAll('[name]')].map((e) => `${e.tagName.toLowerCase()}#${e.id}`)).toEqual(['input#tw-size', 'select#tw-shape', 'input#tw-on']);
    expect(form.querySelector('#tw-size')!.getAttribute('inputmode')).toBe('numeric');
    expect(form.querySelector('label[for="tw-size"]')!.textContent).toBe('Size (1–9)');
    expect([...form.querySelectorAll('[data-error-for]')].map((e) => e.getAttribute('data-error-for'))).toEqual(['size', 'shape']);
    expect([...form.querySelectorAll('[data-action]')].map((e) => e.getAttribute('data-action'))).toEqual(['reset', 'copy-link']);
  });

  it('throws, naming the widget and the name, when a slot or a control matches no field', () => {
    const doc = buildDocument();
    const custom = defineFields('toy-widget', DEFAULTS, [toyFields()[0], { name: 'shape', kind: 'custom', label: 'Shape', ...f.bind('shape', (t) => ({ ok: true, value: t })) }]);
    expect(() => shell(custom)).toThrow(/^toy-widget \(shell\): field “shape” is custom but the shell has no slot for it/);
    expect(() => shell(custom, { custom: { shape: h(doc, 'div'), shap: h(doc, 'div') } as Record<string, Node> }))
      .toThrow(/^toy-widget \(shell\): a custom slot is named “shap”, which is no field; its fields are size, shape/);
    const plain = defineFields('toy-widget', DEFAULTS, toyFields());
    expect(() => shell(plain, { extra: [h(doc, 'input', { name: 'colour' })] }))
      .toThrow(/^toy-widget \(shell\): a control is named “colour”, which is no field, so it would be read by nothing/);
    expect(() => shell(plain, { extra: [h(doc, 'p', { 'data-error-for': 'colour' })] })).toThrow(/an error slot is for “colour”, which is no field/);
    expect(() => shell(plain, { extra: [h(doc, 'input', { name: 'size' })] })).toThrow(/field “size” has 2 controls named so: it needs exactly one/);
  });
});

describe('one heads-and-width message for every widget', () => {
  it('says it is the course’s convention, names both numbers and the nearest valid h with its d_k', () => {
    expect(headsProblem(512, 8)).toBeNull();
    expect(headsProblem(512, 6)).toBe('d_model (512) is not divisible by h (6): the course uses d_k = d_model/h, so h must divide d_model. Nearest valid h: 4 (d_k = 128) or 8 (d_k = 64).');
    expect(headsProblem(16, 32)).toBe('h (32) is more heads than d_model (16) has dimensions: the course uses d_k = d_model/h, so h must divide d_model. Nearest valid h: 16 (d_k = 1).');
    expect(headsProblem(16, 0)).toMatch(/h must be a whole number ≥ 1 \(the number of heads\), not 0/);
    expect(headsProblem(16, 2.5)).toMatch(/whole number ≥ 1.*not 2\.5/);
  });

  it('keeps its suggestions within what the widget allows', () => {
    expect(headsProblem(30, 7, { minH: 2, maxH: 8 })).toMatch(/Nearest valid h: 6 \(d_k = 5\)\.$/); // 10 is beyond 8
    expect(headsProblem(29, 4, { minH: 2, maxH: 8 })).toMatch(/No h from 2 to 8 divides 29\.$/);
    expect(headsProblem(18, 4, { dModels: { min: 4, max: 32 } })).toMatch(/; or keep h = 4 with d_model 16 or 20\.$/);
    expect(headsProblem(16, 3, { dModels: [4, 8, 12, 16, 24] })).toMatch(/; or keep h = 3 with d_model 12 or 24\.$/);
  });

  it('is the wording of split-check, shape-tracker, merge-heads, cost-calculator and head-sweep alike', () => {
    const messages = [
      split.cross({ ...split.DEFAULT_STATE, dModel: 16, h: 3 })?.error,
      shapes.cross({ ...shapes.DEFAULT_STATE, dModel: 16, h: 3 })?.error,
      merge.crossCheck({ ...merge.DEFAULT_STATE, dModel: 16, h: 3 })?.error,
      costs.crossCheck({ ...costs.DEFAULT_STATE, dModel: 16, h: 3 })?.error,
      (() => { const r = checkHs('3'); return r.ok ? undefined : r.error; })(),
    ];
    for (const m of messages) {
      expect(m).toContain(`d_model (16) is not divisible by h (3): ${HEADS_CONVENTION}. Nearest valid h: 2 (d_k = 8) or 4 (d_k = 4)`);
    }
  });
});
