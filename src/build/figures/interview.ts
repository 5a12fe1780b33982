/**
 * Numbers the interview walkthrough quotes, computed by the project's own functions at build
 * time. Answers in content/interview/questions.json refer to these (and to the other lessons'
 * numbers) as {{num:id}}; nothing in an answer is typed in by hand.
 */
import { attentionMapEntries, forwardFlops, headDim, parameterCount } from '../../attention';
import { modelById } from '../../lib/models';
import { formatBytes, formatCount } from '../../charts/format';
import { flopsCrossing } from '../../lib/flops';
import type { NumberMap } from './types';

/** The sequence length BERT was pre-trained with at most; the FLOPs question uses it. */
const BERT_N = 512;

/** The message headDim gives for an h that does not divide d_model (an error that teaches). */
function headDimError(dModel: number, h: number): string {
  try {
    headDim(dModel, h);
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error(`headDim(${dModel}, ${h}) was expected to refuse this h, and accepted it`);
}

/** Every h up to `most` that headDim accepts for this width. */
function validHeads(dModel: number, most: number): number[] {
  const ok: number[] = [];
  for (let h = 1; h <= most; h++) {
    try {
      headDim(dModel, h);
      ok.push(h);
    } catch {
      /* not a divisor */
    }
  }
  return ok;
}

/** A whole number in Unicode superscript digits: 144 → "¹⁴⁴". */
function superscript(n: number): string {
  return String(n).replace(/\d/g, (d) => '⁰¹²³⁴⁵⁶⁷⁸⁹'[Number(d)]);
}

const bert = () => modelById('bert-base');
const bertFlops = () => forwardFlops({ n: BERT_N, dModel: bert().dModel });
const gpt2Context = () => {
  const n = modelById('gpt2-small').contextLength;
  if (n === undefined) throw new Error('content/models.json gives no contextLength for gpt2-small');
  return n;
};

export const interviewNumbers = {
  'interview.error.512.6': () => headDimError(512, 6),
  'interview.validH.768': () => validHeads(bert().dModel, 32).join(', '),
  'interview.perHead.bert-base': () => formatCount(parameterCount({ dModel: bert().dModel, h: bert().h, bias: false }) / bert().h),
  'interview.headShare.16': () => {
    const dModel = 1024;
    const h = 16;
    const perHead = 4 * dModel * headDim(dModel, h); // W_Q, W_K, W_V columns and W_O rows of one head
    return `${((100 * perHead) / parameterCount({ dModel, h, bias: false })).toFixed(2)}%`;
  },
  'interview.heads.bert-base': () => String(bert().layers * bert().h),
  'interview.masks.bert-base': () => `2${superscript(bert().layers * bert().h)}`,
  'interview.bert.n': () => String(BERT_N),
  'interview.flops.bert.proj': () => formatCount(bertFlops().projections),
  'interview.flops.bert.attn': () => formatCount(bertFlops().attention),
  'interview.flops.bert.attnShare': () => `${Math.round((100 * bertFlops().attention) / bertFlops().total)}%`,
  'interview.crossing.768': () => formatCount(flopsCrossing(bert().dModel)),
  'interview.maps.bert': () => formatCount(attentionMapEntries({ n: BERT_N, h: bert().h })),
  'interview.maps.bert.h1': () => formatCount(attentionMapEntries({ n: BERT_N, h: 1 })),
  'interview.mapsMiB.bert': () => formatBytes(4 * attentionMapEntries({ n: BERT_N, h: bert().h }) * bert().attentionLayers),
  'interview.context.gpt2-small': () => formatCount(gpt2Context()),
} satisfies NumberMap;
