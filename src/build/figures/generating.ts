/**
 * Lesson 9's figure and numbers: the K/V cache of real decoders (content/models.json) and
 * what one decoding step reads, computed by src/lib/kvMemory (kvCacheBytes of src/attention).
 * Nothing here is typed in: change a model's row and the lesson's sentences follow.
 */
import { kvReadChart } from '../../charts/kvRead';
import { formatBytes, formatCount } from '../../charts/format';
import { kvCacheReport, kvReadSweep } from '../../lib/kvMemory';
import { modelById } from '../../lib/models';
import type { FigureMap, NumberMap, RenderedFigure } from './types';

/** The lesson's running example: a GQA decoder with a published context length. */
export const GEN_MODEL = 'llama2-70b';

const context = (id: string) => {
  const n = modelById(id).contextLength;
  if (n === undefined) throw new Error(`content/models.json gives no contextLength for ${id}`);
  return n;
};
const report = (id: string, tokens = 1) => kvCacheReport(modelById(id), { tokens, bytesPerValue: 2 });
/** Attention FLOPs of one decoding step (2 per multiply-add: q·k and weights·V over every cached token, every query head). */
const decodeAttentionFlops = (id: string, tokens: number) => {
  const r = report(id, tokens);
  return 2 * 2 * tokens * r.h * r.dHead * r.layers;
};

export const generatingFigures = {
  /** Bytes of K/V read per generated token against the number of K/V heads, Llama 2 70B at its context. */
  'gen-kv-read': (document?: Document): RenderedFigure => {
    const data = kvReadSweep(modelById(GEN_MODEL), { tokens: context(GEN_MODEL), bytesPerValue: 2 });
    return {
      svg: kvReadChart(data, { document }),
      table: {
        caption: `K/V bytes one decoding step reads, ${data.model} at ${formatCount(data.tokens)} tokens, float16, computed by kvReadSweep`,
        columns: ['K/V heads', 'variant', 'read per generated token'],
        rows: data.rows.map((r) => [r.kvHeads, `${r.name}${r.isModel ? ' (the model’s own)' : ''}`, formatBytes(r.bytes)]),
      },
    };
  },
} satisfies FigureMap;

export const generatingNumbers = {
  'gen.model.name': () => modelById(GEN_MODEL).name,
  'gen.model.layers': () => String(report(GEN_MODEL).layers),
  'gen.model.h': () => String(report(GEN_MODEL).h),
  'gen.model.kvHeads': () => String(report(GEN_MODEL).kvHeads),
  'gen.model.dHead': () => String(report(GEN_MODEL).dHead),
  'gen.model.context': () => formatCount(context(GEN_MODEL)),
  'gen.model.token': () => formatBytes(report(GEN_MODEL).perToken),
  'gen.model.tokenBytes': () => formatCount(report(GEN_MODEL).perToken),
  'gen.model.full': () => formatBytes(report(GEN_MODEL, context(GEN_MODEL)).context),
  'gen.model.fullMha': () => formatBytes(report(GEN_MODEL, context(GEN_MODEL)).contextIfMha),
  'gen.model.group': () => String(report(GEN_MODEL).groupSize),
  /** FLOPs per byte of K/V read by one decoding step's attention: 2h / (kvHeads · bytes). */
  'gen.model.intensity': () => String(decodeAttentionFlops(GEN_MODEL, 1000) / report(GEN_MODEL, 1000).context),
  'gen.model.intensityMha': () => {
    const r = report(GEN_MODEL, 1000);
    return String(decodeAttentionFlops(GEN_MODEL, 1000) / r.contextIfMha);
  },
  'gen.gemma-7b.token': () => formatBytes(report('gemma-7b').perToken),
  'gen.gemma-7b.dHead': () => String(report('gemma-7b').dHead),
  'gen.gemma-7b.full': () => formatBytes(report('gemma-7b', context('gemma-7b')).context),
  'gen.gemma-2b.token': () => formatBytes(report('gemma-2b').perToken),
  'gen.gemma-2b.full': () => formatBytes(report('gemma-2b', context('gemma-2b')).context),
  'gen.gemma.context': () => formatCount(context('gemma-7b')),
  'gen.llama3-8b.token': () => formatBytes(report('llama3-8b').perToken),
  'gen.gpt2-small.token': () => formatBytes(report('gpt2-small').perToken),
} satisfies NumberMap;
