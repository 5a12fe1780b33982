/**
 * The text model's checkpoint, compact: every parameter as a 32-bit float, little-endian,
 * in the storage order of ../params.ts (namedWeights), the bytes written as one base64
 * string. The JSON also carries the settings and the list of matrices with their shapes,
 * so a reader can cut the vector without this code:
 *
 *   { "format": "float32-le-base64", "settings": {…}, "parameters": P,
 *     "layout": [["tokenEmbedding", 48, 64], ["positionEmbedding", 64, 64], …],
 *     "data": "…" }   // base64 of 4·P bytes
 *
 * Training runs in float64; the shipped numbers are measured on the float32 values (the
 * writer rounds the model before measuring), so the file and its results agree exactly.
 */
import { allocateParams, namedWeights, parameterTotal, type ModelParams } from '../params';
import { textConfig, type TextSettings } from './lab';

/** The format tag of the file. */
export const TEXT_CHECKPOINT_FORMAT = 'float32-le-base64';

/** The JSON form of a text checkpoint. */
export interface TextCheckpointJson {
  format: typeof TEXT_CHECKPOINT_FORMAT;
  settings: TextSettings;
  parameters: number;
  /** [dotted name, rows, columns] in storage order. */
  layout: [string, number, number][];
  data: string;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64_INDEX = new Int16Array(128).fill(-1);
for (let i = 0; i < 64; i++) B64_INDEX[B64.charCodeAt(i)] = i;

/** Bytes → base64 (RFC 4648, with padding). */
export function toBase64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i];
    const b = i + 1 < bytes.length ? bytes[i + 1] : 0;
    const c = i + 2 < bytes.length ? bytes[i + 2] : 0;
    out += B64[a >> 2] + B64[((a & 3) << 4) | (b >> 4)];
    out += i + 1 < bytes.length ? B64[((b & 15) << 2) | (c >> 6)] : '=';
    out += i + 2 < bytes.length ? B64[c & 63] : '=';
  }
  return out;
}

/** base64 → bytes. @throws Error for a string that is not base64. */
export function fromBase64(text: string): Uint8Array {
  if (text.length % 4 !== 0) throw new Error(`base64 text has a length that is a multiple of 4, not ${text.length}`);
  const pad = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const out = new Uint8Array((text.length / 4) * 3 - pad);
  let o = 0;
  for (let i = 0; i < text.length; i += 4) {
    const q = [0, 1, 2, 3].map((k) => {
      const ch = text.charCodeAt(i + k);
      if (ch === 61 && i + k >= text.length - pad) return 0; // '=' padding
      const v = ch < 128 ? B64_INDEX[ch] : -1;
      if (v < 0) throw new Error(`the checkpoint's data is not base64 (character ${i + k})`);
      return v;
    });
    const n = (q[0] << 18) | (q[1] << 12) | (q[2] << 6) | q[3];
    if (o < out.length) out[o++] = (n >> 16) & 255;
    if (o < out.length) out[o++] = (n >> 8) & 255;
    if (o < out.length) out[o++] = n & 255;
  }
  return out;
}

/** Round every parameter to the nearest float32, in place: what the checkpoint will hold. */
export function roundToFloat32(p: ModelParams): void {
  for (let i = 0; i < p.flat.length; i++) p.flat[i] = Math.fround(p.flat[i]);
}

/** A text model as its checkpoint JSON. */
export function textCheckpointJson(settings: TextSettings, p: ModelParams): TextCheckpointJson {
  const f32 = new Float32Array(p.flat.length);
  const view = new DataView(f32.buffer);
  for (let i = 0; i < p.flat.length; i++) view.setFloat32(4 * i, p.flat[i], true); // little-endian on every machine
  return {
    format: TEXT_CHECKPOINT_FORMAT,
    settings,
    parameters: p.flat.length,
    layout: namedWeights(p).map(([name, w]) => [name, w.rows, w.columns]),
    data: toBase64(new Uint8Array(f32.buffer)),
  };
}

/**
 * Read a text checkpoint (parsed JSON), checking its format, settings and size; errors say
 * what is wrong, so a bad file is reported and never half-loaded.
 */
export function parseTextCheckpoint(json: unknown): { settings: TextSettings; params: ModelParams } {
  if (typeof json !== 'object' || json === null) throw new Error('the text checkpoint is not a JSON object');
  const j = json as Partial<TextCheckpointJson>;
  if (j.format !== TEXT_CHECKPOINT_FORMAT) throw new Error(`the text checkpoint's format should be "${TEXT_CHECKPOINT_FORMAT}", got ${JSON.stringify(j.format)}`);
  if (!j.settings?.model) throw new Error('the text checkpoint has no settings.model');
  if (typeof j.data !== 'string') throw new Error('the text checkpoint has no data');
  const config = textConfig(j.settings);
  const total = parameterTotal(config);
  const bytes = fromBase64(j.data);
  if (bytes.length !== 4 * total) throw new Error(`a model with these settings has ${total} parameters (${4 * total} bytes), but the data holds ${bytes.length} bytes`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const flat = new Float64Array(total);
  for (let i = 0; i < total; i++) {
    const v = view.getFloat32(4 * i, true);
    if (!Number.isFinite(v)) throw new Error(`parameter ${i} of the text checkpoint is not a finite number`);
    flat[i] = v;
  }
  return { settings: j.settings, params: allocateParams(config, flat) };
}
