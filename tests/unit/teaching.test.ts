// Teaching paths (content/teaching/paths.json): the file fits its schema, the minutes add up,
// and every stop's link opens its widget in a state the widget itself accepts, read by the
// widget's own field declarations (so a renamed field or a narrowed range fails here).
import { describe, expect, it } from 'vitest';
import { fromParams, type Field } from '../../src/widgets/common/fields';
import { parseTeachingPaths, stopHref, teachingPaths } from '../../src/lib/teaching';
import data from '../../content/teaching/paths.json';
import * as oneHead from '../../src/widgets/one-head/state';
import * as twoHeads from '../../src/widgets/two-heads/state';
import * as shapes from '../../src/widgets/shape-tracker/state';
import * as costs from '../../src/widgets/cost-calculator/state';
import * as merge from '../../src/widgets/merge-heads/state';
import * as sweep from '../../src/widgets/head-sweep/state';
import * as ablation from '../../src/widgets/head-ablation/state';
import * as maps from '../../src/widgets/head-maps/state';
import * as kvCache from '../../src/widgets/kv-cache/state';

interface StateModule { FIELDS: readonly Field<any>[]; DEFAULT_STATE: object; crossCheck?: (s: any) => { field: string; error: string } | null }
const WIDGETS: Record<string, StateModule> = {
  'one-head-attention': oneHead, 'one-vs-two-heads': twoHeads, 'shape-tracker': { ...shapes, crossCheck: shapes.cross }, 'cost-calculator': costs as StateModule,
  'merge-heads': merge as StateModule, 'head-sweep': sweep, 'head-ablation': ablation, 'head-maps': maps, 'kv-cache': kvCache,
};

describe('teaching paths', () => {
  const paths = teachingPaths();

  it('has the 90- and 45-minute paths, each adding up to its title', () => {
    expect(paths.map((p) => p.id)).toEqual(['90', '45']);
    for (const p of paths) expect(p.stops.reduce((s, x) => s + x.minutes, 0), p.title).toBe(Number(p.id));
  });

  it('rejects a path whose minutes do not add up, naming it', () => {
    const bad = structuredClone(data);
    bad.paths[0].stops[0].minutes += 5;
    expect(() => parseTeachingPaths(bad)).toThrow(/adds? up to 95 minutes, not 90/);
  });

  it('every stop opens a widget the page has, with settings that widget accepts as they are', () => {
    for (const p of paths) {
      for (const stop of p.stops) {
        const w = WIDGETS[stop.widget.tag];
        expect(w, `${p.id}: ${stop.widget.tag}`).toBeDefined();
        const params = new URLSearchParams(new URL(stopHref(stop), 'http://x').search);
        const { notices } = fromParams(w.FIELDS, w.DEFAULT_STATE, params, stop.widget.key, w.crossCheck);
        expect(notices, `${p.id}: ${stopHref(stop)}`).toEqual([]);
        for (const [name, value] of Object.entries(stop.widget.state)) {
          const field = w.FIELDS.find((f) => f.name === name)!;
          const { state } = fromParams(w.FIELDS, w.DEFAULT_STATE, params, stop.widget.key, w.crossCheck);
          expect(field.format(state), `${stop.widget.key}.${name}`).toBe(value); // read back as written: the link says what it opens
        }
      }
    }
  });

  it('links carry the widget prefix and the section', () => {
    const stop = paths[0].stops[0];
    expect(stopHref(stop, '/')).toBe('/lessons/attention-in-one-head/?oh.dk=64&oh.scaled=0#try-it');
  });
});
