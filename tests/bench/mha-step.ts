// Benchmark of one training step of one multi-head attention layer (figures, not pass/fail):
//   npm run bench:step            (or npx tsx tests/bench/mha-step.ts [--rounds=20] [--steps=100] [--warmup=200])
// n = 16, d_model = 64, h = 4, no biases, not causal. One step = forward, backward of
// L = Σ output ⊙ upstream (upstream a fixed seeded (n, d_model) matrix), and an in-place SGD
// update of wq, wk, wv, wo with lr = 1e-3. Timed three ways in the same process:
//   - ours:  `mhaGradients` from src/training (whatever engine it runs on today), update in place
//            with ml-matrix's in-place instance ops;
//   - tfjs:  @tensorflow/tfjs-core on the WASM backend (float32, SIMD, one thread): the same math
//            through tf.variableGrads, update by variable.assign, every step inside tf.tidy;
//   - plain: the same step written here with plain ml-matrix ops (mmul, transpose, subMatrix),
//            for comparison only: what the course's reference style costs.
// Before timing, the gradients of all three are checked against each other (tfjs to a relative
// 1e-4, plain ml-matrix to 1e-10); the run aborts if they disagree. Then all three are warmed
// up and timed in alternating blocks (the order rotates every round) so that the load of other
// processes falls on all of them alike; the ratio ours/tfjs is the figure to watch (goal ≤ 1.0).
// Prints a table and writes tests/bench/results/mha-step.json (results/ is not committed).
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { Matrix } from 'ml-matrix';
import * as tf from '@tensorflow/tfjs-core';
import { multiHeadAttention, mulberry32, randomMatrix, type MhaWeights } from '../../src/attention';
import { mhaGradients } from '../../src/training';

const N = 16;
const D_MODEL = 64;
const H = 4;
const D_K = D_MODEL / H;
const LR = 1e-3;
const NAMES = ['wq', 'wk', 'wv', 'wo'] as const;
type Name = (typeof NAMES)[number];

const arg = (name: string, fallback: number): number => {
  const a = process.argv.find((s) => s.startsWith(`--${name}=`));
  const v = a ? Number(a.split('=')[1]) : fallback;
  if (!Number.isInteger(v) || v < 1) throw new RangeError(`--${name} must be a positive integer, got ${a}`);
  return v;
};
const ROUNDS = arg('rounds', 20);
const STEPS = arg('steps', 100);
const WARMUP = arg('warmup', 200);

// ---- the problem, seeded ---------------------------------------------------------------
const rng = mulberry32(2024);
const x = randomMatrix(N, D_MODEL, rng); // (n, dModel)
const init: Record<Name, Matrix> = {
  wq: randomMatrix(D_MODEL, D_MODEL, rng, 1 / Math.sqrt(D_MODEL)),
  wk: randomMatrix(D_MODEL, D_MODEL, rng, 1 / Math.sqrt(D_MODEL)),
  wv: randomMatrix(D_MODEL, D_MODEL, rng, 1 / Math.sqrt(D_MODEL)),
  wo: randomMatrix(D_MODEL, D_MODEL, rng, 1 / Math.sqrt(D_MODEL)),
};
// (n, dModel) ∂L/∂output, of the size a mean-reduced loss gives (1/(n·dModel)). L = Σ output ⊙ upstream
// has no minimum and W_V, W_O feed each other's gradients: with entries of size 1, SGD at lr 1e-3
// grows the weights ~25% a step, to 1e7 within 100 steps (softmax saturated, float32 near overflow).
const upstream = randomMatrix(N, D_MODEL, rng, 1 / (N * D_MODEL));
const copyWeights = (): MhaWeights => ({ wq: init.wq.clone(), wk: init.wk.clone(), wv: init.wv.clone(), wo: init.wo.clone() });

// ---- ours: mhaGradients + in-place SGD -------------------------------------------------
const ours = copyWeights();
function oursStep(): void {
  const g = mhaGradients(x, ours, { h: H }, upstream);
  // ml-matrix's instance mul/sub work in place: g.W ← lr·g.W (the gradient is ours to scratch), W ← W − g.W
  ours.wq.sub(g.wq.mul(LR));
  ours.wk.sub(g.wk.mul(LR));
  ours.wv.sub(g.wv.mul(LR));
  ours.wo.sub(g.wo.mul(LR));
}

// ---- plain ml-matrix: the same step with mmul, transpose, subMatrix ----------------------
/** Forward and backward of L = Σ output ⊙ upstream with plain ml-matrix ops; returns ∂L/∂W. */
function plainGradients(x: Matrix, w: MhaWeights, upstream: Matrix): Record<Name, Matrix> & { loss: number } {
  const n = x.rows;
  const scale = 1 / Math.sqrt(D_K);
  const q = x.mmul(w.wq); // (n, dModel)·(dModel, dModel) → (n, dModel)
  const k = x.mmul(w.wk); // (n, dModel)·(dModel, dModel) → (n, dModel)
  const v = x.mmul(w.wv); // (n, dModel)·(dModel, dModel) → (n, dModel)
  const concat = new Matrix(n, D_MODEL);
  const heads: { qi: Matrix; ki: Matrix; vi: Matrix; a: Matrix }[] = [];
  for (let i = 0; i < H; i++) {
    const c0 = i * D_K;
    const c1 = c0 + D_K - 1;
    const qi = q.subMatrix(0, n - 1, c0, c1);
    const ki = k.subMatrix(0, n - 1, c0, c1);
    const vi = v.subMatrix(0, n - 1, c0, c1);
    const s = qi.mmul(ki.transpose()).mul(scale); // (n, dK)·(dK, n) → (n, n)
    const a = s.subColumnVector(s.max('row')).exp(); // softmax by rows, in place on s
    a.divColumnVector(a.sum('row'));
    concat.setSubMatrix(a.mmul(vi), 0, c0); // (n, n)·(n, dK) → (n, dK)
    heads.push({ qi, ki, vi, a });
  }
  const output = concat.mmul(w.wo); // (n, dModel)·(dModel, dModel) → (n, dModel)
  const loss = Matrix.mul(output, upstream).sum();
  const dWo = concat.transpose().mmul(upstream); // (dModel, n)·(n, dModel) → (dModel, dModel)
  const dConcat = upstream.mmul(w.wo.transpose()); // (n, dModel)·(dModel, dModel) → (n, dModel)
  const dQ = new Matrix(n, D_MODEL);
  const dK = new Matrix(n, D_MODEL);
  const dV = new Matrix(n, D_MODEL);
  heads.forEach(({ qi, ki, vi, a }, i) => {
    const c0 = i * D_K;
    const dO = dConcat.subMatrix(0, n - 1, c0, c0 + D_K - 1);
    const dA = dO.mmul(vi.transpose()); // (n, dK)·(dK, n) → (n, n)
    dV.setSubMatrix(a.transpose().mmul(dO), 0, c0); // (n, n)·(n, dK) → (n, dK)
    const rowDot = Matrix.mul(dA, a).sum('row'); // Σ_j ∂L/∂A_ij · A_ij
    const dS = dA.subColumnVector(rowDot).mul(a).mul(scale); // softmax backward, then the 1/√dK
    dQ.setSubMatrix(dS.mmul(ki), 0, c0); // (n, n)·(n, dK) → (n, dK)
    dK.setSubMatrix(dS.transpose().mmul(qi), 0, c0); // (n, n)·(n, dK) → (n, dK)
  });
  const xt = x.transpose();
  return { wq: xt.mmul(dQ), wk: xt.mmul(dK), wv: xt.mmul(dV), wo: dWo, loss }; // (dModel, n)·(n, dModel) → (dModel, dModel)
}
const plain = copyWeights();
function plainStep(): void {
  const g = plainGradients(x, plain, upstream);
  for (const name of NAMES) plain[name].sub(g[name].mul(LR));
}

// ---- tfjs-core on the WASM backend ------------------------------------------------------
const require = createRequire(import.meta.url);
// tfjs-core's Node build registers no gradients (the @tensorflow/tfjs bundle does that); its
// ES-module build has the file that does, but imports `./gradients` where Node's resolver wants
// `./gradients.js`. A resolve hook adds the `.js`; the registries are process-global, so the
// gradients registered by this second copy serve the Node build's engine (as in tfjs itself).
const tfjsDirImports = `export async function resolve(specifier, context, next) {
  try { return await next(specifier, context); } catch (e) {
    if (e?.code === 'ERR_UNSUPPORTED_DIR_IMPORT' && context.parentURL?.includes('/@tensorflow/tfjs-core/dist/')) return next(specifier + '.js', context);
    throw e;
  }
}`;
register(`data:text/javascript,${encodeURIComponent(tfjsDirImports)}`);
await import('@tensorflow/tfjs-core/dist/register_all_gradients.js');
const wasmDir = join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist') + '/';
// The backend's Emscripten glue adds process handlers that rethrow any error with a page of
// minified source; take them off again once the backend is up so that errors read plainly.
const handlersBefore = { uncaughtException: process.listeners('uncaughtException'), unhandledRejection: process.listeners('unhandledRejection') };
const { setWasmPaths } = await import('@tensorflow/tfjs-backend-wasm');
setWasmPaths(wasmDir); // the .wasm files ship in the package: no network
if (!(await tf.setBackend('wasm'))) throw new Error(`tfjs could not start its WASM backend from ${wasmDir}`);
await tf.ready();
for (const f of process.listeners('uncaughtException')) if (!handlersBefore.uncaughtException.includes(f)) process.off('uncaughtException', f);
for (const f of process.listeners('unhandledRejection')) if (!handlersBefore.unhandledRejection.includes(f)) process.off('unhandledRejection', f);
const tfVersion = (require('@tensorflow/tfjs-backend-wasm/package.json') as { version: string }).version;
const toTensor = (m: Matrix): tf.Tensor2D => tf.tensor2d(m.to2DArray());
const tx = toTensor(x);
const tUp = toTensor(upstream);
const tw = Object.fromEntries(NAMES.map((name) => [name, tf.variable(toTensor(init[name]), true, `mha_${name}`)])) as Record<Name, tf.Variable>;
const tScale = tf.scalar(1 / Math.sqrt(D_K));
const tLr = tf.scalar(LR);

/** L = Σ output ⊙ upstream, the same math: X·W split into h heads, softmax(QKᵀ/√dK)·V, concat, ·Wo. */
function tfLoss(): tf.Scalar {
  const split = (m: tf.Tensor2D) => tf.transpose(tf.reshape(m, [N, H, D_K]), [1, 0, 2]) as tf.Tensor3D; // (n, dModel) → (h, n, dK)
  const q = split(tf.matMul(tx, tw.wq)); // (n, dModel)·(dModel, dModel) → (h, n, dK)
  const k = split(tf.matMul(tx, tw.wk));
  const v = split(tf.matMul(tx, tw.wv));
  const a = tf.softmax(tf.mul(tf.matMul(q, k, false, true), tScale)); // (h, n, dK)·(h, dK, n) → (h, n, n)
  const concat = tf.reshape(tf.transpose(tf.matMul(a, v), [1, 0, 2]), [N, D_MODEL]) as tf.Tensor2D; // (h, n, n)·(h, n, dK) → (h, n, dK) → (n, dModel)
  const output = tf.matMul(concat, tw.wo); // (n, dModel)·(dModel, dModel) → (n, dModel)
  return tf.sum(tf.mul(output, tUp));
}
const tfVars = NAMES.map((name) => tw[name]);
function tfjsStep(): void {
  tf.tidy(() => {
    const { grads } = tf.variableGrads(tfLoss, tfVars);
    for (const name of NAMES) tw[name].assign(tf.sub(tw[name], tf.mul(grads[tw[name].name], tLr)));
  });
}

// ---- sanity: the gradients agree before anything is timed -------------------------------
/** max |a − b| / max |b|, over a matrix. */
function relDiff(a: number[][], b: Matrix): number {
  let diff = 0;
  let size = 0;
  for (let i = 0; i < b.rows; i++) {
    for (let j = 0; j < b.columns; j++) {
      diff = Math.max(diff, Math.abs(a[i][j] - b.get(i, j)));
      size = Math.max(size, Math.abs(b.get(i, j)));
    }
  }
  return diff / size;
}
const ref = mhaGradients(x, copyWeights(), { h: H }, upstream);
const refLoss = Matrix.mul(multiHeadAttention(x, copyWeights(), { h: H }).output, upstream).sum();
const plainRef = plainGradients(x, copyWeights(), upstream);
const tfRef = tf.tidy(() => {
  const { value, grads } = tf.variableGrads(tfLoss, tfVars);
  return { loss: value.dataSync()[0], grads: Object.fromEntries(NAMES.map((name) => [name, grads[tw[name].name].arraySync() as number[][]])) as Record<Name, number[][]> };
});
const sanity = {
  tfjsVsOurs: Object.fromEntries(NAMES.map((name) => [name, relDiff(tfRef.grads[name], ref[name])])) as Record<Name, number>,
  plainVsOurs: Object.fromEntries(NAMES.map((name) => [name, relDiff(plainRef[name].to2DArray(), ref[name])])) as Record<Name, number>,
  loss: { ours: refLoss, plain: plainRef.loss, tfjs: tfRef.loss },
};
const worst = (r: Record<Name, number>) => Math.max(...Object.values(r));
const fmt = (v: number) => v.toExponential(2);
console.log(`gradients, largest relative difference from ours: tfjs-wasm (float32) ${fmt(worst(sanity.tfjsVsOurs))}, plain ml-matrix ${fmt(worst(sanity.plainVsOurs))}`);
console.log(`  per matrix, tfjs: ${NAMES.map((n) => `${n} ${fmt(sanity.tfjsVsOurs[n])}`).join(', ')}`);
console.log(`  loss: ours ${refLoss.toPrecision(10)}, plain ${plainRef.loss.toPrecision(10)}, tfjs ${tfRef.loss.toPrecision(7)}`);
if (!(worst(sanity.tfjsVsOurs) <= 1e-4)) throw new Error(`tfjs-wasm's gradients differ from mhaGradients' by a relative ${fmt(worst(sanity.tfjsVsOurs))} (> 1e-4): the two steps do not compute the same thing; not timing`);
if (!(worst(sanity.plainVsOurs) <= 1e-10)) throw new Error(`the plain ml-matrix gradients differ from mhaGradients' by a relative ${fmt(worst(sanity.plainVsOurs))} (> 1e-10); not timing`);
// ours updates in place: the weight objects are the same, their values moved by −lr·g
const before = ours.wq.get(0, 0);
const wqObject = ours.wq;
oursStep();
if (ours.wq !== wqObject || Math.abs(ours.wq.get(0, 0) - (before - LR * ref.wq.get(0, 0))) > 1e-12) throw new Error('the SGD update of ours is not in place or not W − lr·∂L/∂W');
plainStep();
tfjsStep();

// ---- timing -------------------------------------------------------------------------------
const engines = { ours: oursStep, tfjs: tfjsStep, plain: plainStep };
type Engine = keyof typeof engines;
const ORDER: Engine[] = ['ours', 'tfjs', 'plain'];
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
/**
 * Every block starts from the initial weights (reset in place, untimed): L = Σ output ⊙ upstream
 * has no minimum, so SGD would otherwise grow the weights block after block; with the reset every
 * block does the same work on the same numbers, and the engines' weights can be compared after it.
 */
const tInit = Object.fromEntries(NAMES.map((name) => [name, toTensor(init[name])])) as Record<Name, tf.Tensor2D>;
const resets: Record<Engine, () => void> = {
  ours: () => NAMES.forEach((name) => ours[name].setSubMatrix(init[name], 0, 0)),
  plain: () => NAMES.forEach((name) => plain[name].setSubMatrix(init[name], 0, 0)),
  tfjs: () => NAMES.forEach((name) => tw[name].assign(tInit[name])),
};
/** Reset `e`'s weights, then run `steps` steps; returns each step's ms. */
function block(e: Engine, steps: number): number[] {
  resets[e]();
  const step = engines[e];
  const t = new Array<number>(steps);
  for (let i = 0; i < steps; i++) {
    const t0 = performance.now();
    step();
    t[i] = performance.now() - t0;
  }
  return t;
}

const loadBefore = loadavg();
const tensorsBefore = tf.memory().numTensors;
for (const e of ORDER) block(e, WARMUP);
const blockMedians: Record<Engine, number[]> = { ours: [], tfjs: [], plain: [] };
const blockMeans: Record<Engine, number[]> = { ours: [], tfjs: [], plain: [] };
for (let r = 0; r < ROUNDS; r++) {
  for (let j = 0; j < ORDER.length; j++) {
    const e = ORDER[(r + j) % ORDER.length]; // rotate who goes first
    const t = block(e, STEPS);
    blockMedians[e].push(median(t));
    blockMeans[e].push(t.reduce((a, b) => a + b, 0) / t.length);
  }
}
const tensorsAfter = tf.memory().numTensors;
const loadAfter = loadavg();

// each engine's last block ran the same steps from the same weights: they still agree
const drift = {
  tfjsVsOurs: Math.max(...NAMES.map((name) => relDiff(tw[name].arraySync() as number[][], ours[name]))),
  plainVsOurs: Math.max(...NAMES.map((name) => relDiff(plain[name].to2DArray(), ours[name]))),
};

const r4 = (v: number) => Number(v.toFixed(4));
const summary = Object.fromEntries(ORDER.map((e) => [e, {
  msPerStep: r4(median(blockMedians[e])),
  meanMsPerStep: r4(median(blockMeans[e])),
  blockMedianMin: r4(Math.min(...blockMedians[e])),
  blockMedianMax: r4(Math.max(...blockMedians[e])),
}])) as Record<Engine, { msPerStep: number; meanMsPerStep: number; blockMedianMin: number; blockMedianMax: number }>;
const ratio = summary.ours.msPerStep / summary.tfjs.msPerStep;
const roundRatios = blockMedians.ours.map((o, i) => o / blockMedians.tfjs[i]);

const results = {
  date: new Date().toISOString(),
  machine: `${process.platform} ${process.arch}, ${cpus().length} cpus, node ${process.version}`,
  loadAverage: { before: loadBefore.map((v) => Number(v.toFixed(2))), after: loadAfter.map((v) => Number(v.toFixed(2))) },
  shape: { n: N, dModel: D_MODEL, h: H, dK: D_K, biases: false, causal: false, lr: LR },
  protocol: { warmupStepsEach: WARMUP, rounds: ROUNDS, stepsPerBlock: STEPS, order: 'ours, tfjs, plain; rotated every round', figure: 'median over rounds of each block’s median ms/step' },
  tfjsBackend: { version: tfVersion, backend: tf.getBackend(), simd: tf.env().getBool('WASM_HAS_SIMD_SUPPORT'), threads: tf.env().getBool('WASM_HAS_MULTITHREAD_SUPPORT'), tensorsBefore, tensorsAfter },
  sanity: { ...sanity, weightsAfterTiming: drift },
  msPerStep: summary,
  ratioOursOverTfjs: r4(ratio),
  ratioPerRound: { min: r4(Math.min(...roundRatios)), median: r4(median(roundRatios)), max: r4(Math.max(...roundRatios)) },
  ratioPlainOverTfjs: r4(summary.plain.msPerStep / summary.tfjs.msPerStep),
};

console.log(`\none MHA training step, n = ${N}, d_model = ${D_MODEL}, h = ${H} (forward, backward, in-place SGD); ${ROUNDS} rounds × ${STEPS} steps, ${WARMUP} warm-up steps each`);
console.log('engine                    ms/step   mean ms/step   block medians min–max');
const label: Record<Engine, string> = { ours: 'ours (mhaGradients)', tfjs: `tfjs-wasm ${tfVersion}${results.tfjsBackend.simd ? ' simd' : ''}`, plain: 'plain ml-matrix (mmul)' };
for (const e of ORDER) {
  const s = summary[e];
  console.log(`${label[e].padEnd(24)} ${s.msPerStep.toFixed(3).padStart(8)}   ${s.meanMsPerStep.toFixed(3).padStart(12)}   ${s.blockMedianMin.toFixed(3)}–${s.blockMedianMax.toFixed(3)}`);
}
console.log(`ratio ours/tfjs: ${ratio.toFixed(2)} (goal ≤ 1.0; per round ${results.ratioPerRound.min.toFixed(2)}–${results.ratioPerRound.max.toFixed(2)}); plain/tfjs: ${results.ratioPlainOverTfjs.toFixed(2)}`);
console.log(`load average (1, 5, 15 min): before ${results.loadAverage.before.join(', ')}, after ${results.loadAverage.after.join(', ')} on ${cpus().length} cpus`);
console.log(`tfjs tensors before/after timing: ${tensorsBefore}/${tensorsAfter}; weights after the last block (${STEPS} steps), largest relative difference from ours: tfjs ${fmt(drift.tfjsVsOurs)}, plain ${fmt(drift.plainVsOurs)}`);
if (!(drift.tfjsVsOurs <= 1e-4 && drift.plainVsOurs <= 1e-10)) console.warn('warning: after the last block the weights disagree more than the gradients did: the engines did not train alike');
if (tensorsAfter !== tensorsBefore) console.warn(`warning: tfjs leaked ${tensorsAfter - tensorsBefore} tensors during the timing`);

mkdirSync('tests/bench/results', { recursive: true });
writeFileSync('tests/bench/results/mha-step.json', JSON.stringify(results, null, 2) + '\n');
console.log('written tests/bench/results/mha-step.json');
