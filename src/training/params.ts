/**
 * The lab model's parameters as a typed structure: embeddings, one entry per layer, the
 * readout. Every matrix is a row-major view into one flat Float64Array (`flat`), so
 * Adam updates the whole model in one loop, a Worker sends it in one message, and the
 * training engine reads it without copying. `toMatrix` gives an ml-matrix copy for
 * lessons and widgets.
 */
import { Matrix } from 'ml-matrix';

/** A (rows, columns) matrix stored row-major in part of a flat parameter vector. */
export interface Weight {
  readonly rows: number;
  readonly columns: number;
  /** rows × columns values, row after row; a view: writing it writes the model. */
  readonly data: Float64Array;
}

/** One layer: attention projections, then (when the model has one) the MLP. */
export interface LayerParams {
  /** (d_model, d_model) each; head i uses columns [i·d_k, (i+1)·d_k) of wq, wk, wv and rows of wo. */
  wq: Weight;
  wk: Weight;
  wv: Weight;
  wo: Weight;
  /** (d_model, d_hidden), (1, d_hidden), (d_hidden, d_model), (1, d_model); absent without an MLP. */
  mlp?: { w1: Weight; b1: Weight; w2: Weight; b2: Weight };
}

/** Every trainable number of the lab model. */
export interface ModelParams {
  /** (vocab, d_model) row t is token t's vector. */
  tokenEmbedding: Weight;
  /** (seqLen, d_model) row i is added at position i. */
  positionEmbedding: Weight;
  layers: LayerParams[];
  /** (d_model, vocab) and (1, vocab): logits = x·w + b. */
  readout: { w: Weight; b: Weight };
  /** All of the above, end to end, in the order of {@link namedWeights}. */
  flat: Float64Array;
}

/** The sizes that fix the parameters' shapes. */
export interface ParamShape {
  vocab: number;
  seqLen: number;
  dModel: number;
  layers: number;
  /** 0: no MLP. */
  dHidden: number;
}

/** The shapes in storage order: name and (rows, columns). */
function layout(c: ParamShape): [string, number, number][] {
  const d = c.dModel;
  const out: [string, number, number][] = [['tokenEmbedding', c.vocab, d], ['positionEmbedding', c.seqLen, d]];
  for (let l = 0; l < c.layers; l++) {
    for (const w of ['wq', 'wk', 'wv', 'wo']) out.push([`layers.${l}.${w}`, d, d]);
    if (c.dHidden > 0) out.push([`layers.${l}.mlp.w1`, d, c.dHidden], [`layers.${l}.mlp.b1`, 1, c.dHidden], [`layers.${l}.mlp.w2`, c.dHidden, d], [`layers.${l}.mlp.b2`, 1, d]);
  }
  out.push(['readout.w', d, c.vocab], ['readout.b', 1, c.vocab]);
  return out;
}

/** How many numbers the model has. */
export function parameterTotal(c: ParamShape): number {
  return layout(c).reduce((sum, [, r, k]) => sum + r * k, 0);
}

/**
 * Parameters of shape `c` viewing `flat` (zeros when not given).
 *
 * @throws RangeError when `flat` has the wrong length.
 */
export function allocateParams(c: ParamShape, flat: Float64Array = new Float64Array(parameterTotal(c))): ModelParams {
  const total = parameterTotal(c);
  if (flat.length !== total) throw new RangeError(`a model of this shape has ${total} parameters, but ${flat.length} numbers were given`);
  let offset = 0;
  const views = new Map<string, Weight>();
  for (const [name, rows, columns] of layout(c)) {
    views.set(name, { rows, columns, data: flat.subarray(offset, offset + rows * columns) });
    offset += rows * columns;
  }
  const get = (name: string) => views.get(name)!;
  return {
    tokenEmbedding: get('tokenEmbedding'),
    positionEmbedding: get('positionEmbedding'),
    layers: Array.from({ length: c.layers }, (_, l) => ({
      wq: get(`layers.${l}.wq`), wk: get(`layers.${l}.wk`), wv: get(`layers.${l}.wv`), wo: get(`layers.${l}.wo`),
      ...(c.dHidden > 0 ? { mlp: { w1: get(`layers.${l}.mlp.w1`), b1: get(`layers.${l}.mlp.b1`), w2: get(`layers.${l}.mlp.w2`), b2: get(`layers.${l}.mlp.b2`) } } : {}),
    })),
    readout: { w: get('readout.w'), b: get('readout.b') },
    flat,
  };
}

/** Every matrix with its dotted name ("layers.0.wq"), in storage order: for checkpoints and messages. */
export function namedWeights(p: ModelParams): [string, Weight][] {
  const out: [string, Weight][] = [['tokenEmbedding', p.tokenEmbedding], ['positionEmbedding', p.positionEmbedding]];
  p.layers.forEach((layer, l) => {
    for (const w of ['wq', 'wk', 'wv', 'wo'] as const) out.push([`layers.${l}.${w}`, layer[w]]);
    if (layer.mlp) for (const w of ['w1', 'b1', 'w2', 'b2'] as const) out.push([`layers.${l}.mlp.${w}`, layer.mlp[w]]);
  });
  out.push(['readout.w', p.readout.w], ['readout.b', p.readout.b]);
  return out;
}

/** Row i of a weight, as a view. */
export function row(w: Weight, i: number): Float64Array {
  return w.data.subarray(i * w.columns, (i + 1) * w.columns);
}

/** An ml-matrix copy of a weight. */
export function toMatrix(w: Weight): Matrix {
  return new Matrix(Array.from({ length: w.rows }, (_, i) => row(w, i)));
}

/** A weight's values as nested arrays (for JSON). */
export function toArrays(w: Weight): number[][] {
  return Array.from({ length: w.rows }, (_, i) => Array.from(row(w, i)));
}
