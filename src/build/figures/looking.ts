/**
 * Lesson 8 (what heads look at): figures and numbers, computed at build time from the
 * shipped checkpoint with src/training/roles.ts, and from the shipped ablation results
 * (both through src/lib/lab.ts).
 */
import { heatmap } from '../../charts/heatmap';
import { headNames, roleChart } from '../../charts/roles';
import { labCheckpoint, labResults } from '../../lib/lab';
import { forward, headKeyProfiles, headRoles, labConfig, labTestSets, type RoleScores } from '../../training';
import type { FigureMap, NumberMap, RenderedFigure } from './types';

interface Trained {
  layers: number;
  h: number;
  size: number;
  /** Role scores over the held-out set, [layer][head]. */
  roles: RoleScores[][];
  /** Mean weight on each key position over the held-out set, [layer][head][key]. */
  profiles: number[][][];
}

let trained: Trained | null = null;
/** The shipped model, scored once over its held-out set. */
function lab(): Trained {
  if (trained) return trained;
  const ck = labCheckpoint();
  const config = labConfig(ck.settings);
  const { test } = labTestSets(ck.settings);
  const f = forward(ck.params, config, test.map((e) => e.tokens));
  trained = { layers: config.layers, h: config.h, size: test.length, roles: headRoles(f), profiles: headKeyProfiles(f) };
  return trained;
}

/** The held-out role scores of the shipped model (for the widget's build-time picture). */
export const heldOutRoles = () => lab().roles;

const all = () => lab().roles.flatMap((layer, l) => layer.map((r, hd) => ({ layer: l, head: hd, r })));
const name = (x: { layer: number; head: number }) => `layer ${x.layer + 1}, head ${x.head + 1}`;
const best = (key: keyof RoleScores) => all().reduce((a, b) => (b.r[key] > a.r[key] ? b : a));
const f2 = (v: number) => v.toFixed(2);
const span = (xs: number[]) => `${f2(Math.min(...xs))}–${f2(Math.max(...xs))}`;
const layerOf = (l: number) => all().filter((x) => x.layer === l);
const points = (v: number) => String(Math.round(v * 100));
/** A range of accuracy points (1 decimal, real minus sign). */
const pointSpan = (xs: number[]) => [Math.min(...xs), Math.max(...xs)].map((v) => (v * 100).toFixed(1).replace('-', '−')).join(' to ');
const ablated = (x: { layer: number; head: number }) => labResults.ablateOne.find((a) => a.layer === x.layer && a.head === x.head)!;
/** Accuracy points lost when one head is removed. */
const cost = (x: { layer: number; head: number }) => labResults.full.accuracy - ablated(x).accuracy;
/** The head whose removal costs the most. */
const critical = () => labResults.ablateOne.reduce((a, b) => (b.accuracy < a.accuracy ? b : a));
/** Weight on keys 0 and 1 together, over the held-out set. */
const firstTwo = (x: { layer: number; head: number }) => { const p = lab().profiles[x.layer][x.head]; return p[0] + p[1]; };
const secondLayer = () => layerOf(lab().layers - 1);
const otherFirstLayer = () => layerOf(0).filter((x) => x.head !== best('previous').head || x.layer !== best('previous').layer);

export const lookingFigures = {
  'looking-roles': (document?: Document): RenderedFigure => {
    const { roles, size, layers, h } = lab();
    const names = headNames(layers, h);
    return {
      svg: roleChart(roles, `Role scores of the ${layers * h} heads of the trained model, averaged over ${size} held-out sequences. Rows are heads; columns are the mean weight on the previous token, on the first token, and the spread. The stronger the blue, the higher.`, document),
      table: {
        caption: `Role scores over ${size} held-out sequences`,
        columns: ['head', 'previous', 'first', 'entropy (nats)', 'spread'],
        rows: roles.flat().map((r, k) => [names[k], f2(r.previous), f2(r.first), f2(r.entropy), f2(r.normalizedEntropy)]),
      },
    };
  },
  'looking-positions': (document?: Document): RenderedFigure => {
    const { profiles, size, layers, h } = lab();
    const names = headNames(layers, h);
    const values = profiles.flat();
    const keys = values[0].map((_, j) => `key ${j}`);
    return {
      svg: heatmap(values, {
        rowLabels: names, colLabels: values[0].map((_, j) => String(j)), kind: 'weights', xLabel: 'key position', document, maxWidth: 460, maxCell: 44, digits: 2,
        label: `Mean attention weight on each key position, for each of the ${layers * h} heads, over queries 1–7 of ${size} held-out sequences. Each row sums to 1; the stronger the blue, the more weight.`,
      }),
      table: {
        caption: `Mean weight on each key position over ${size} held-out sequences`,
        columns: ['head', ...keys],
        rows: values.map((row, k) => [names[k], ...row.map(f2)]),
      },
    };
  },
} satisfies FigureMap;

export const lookingNumbers = {
  'looking.heldOutSize': () => String(lab().size),
  'looking.previousHead': () => name(best('previous')),
  'looking.previousHead.previous': () => f2(best('previous').r.previous),
  'looking.previousHead.entropy': () => f2(best('previous').r.entropy),
  'looking.previousHead.cost': () => points(cost(best('previous'))),
  'looking.critical': () => name(critical()),
  'looking.firstLayerOthers.previous': () => span(otherFirstLayer().map((x) => x.r.previous)),
  'looking.firstLayerOthers.first': () => span(otherFirstLayer().map((x) => x.r.first)),
  'looking.firstLayerOthers.spread': () => span(otherFirstLayer().map((x) => x.r.normalizedEntropy)),
  'looking.firstLayerOthers.cost': () => pointSpan(otherFirstLayer().map(cost)),
  'looking.firstHead': () => name(best('first')),
  'looking.firstHead.first': () => f2(best('first').r.first),
  'looking.secondLayer.first': () => span(secondLayer().map((x) => x.r.first)),
  'looking.secondLayer.firstTwo': () => span(secondLayer().map(firstTwo)),
  'looking.secondLayer.spread': () => span(secondLayer().map((x) => x.r.normalizedEntropy)),
  'looking.secondLayer.cost': () => pointSpan(secondLayer().map(cost)),
  'looking.fullAccuracy': () => (labResults.full.accuracy * 100).toFixed(1),
} satisfies NumberMap;
