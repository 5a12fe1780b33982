/**
 * A cell's code in a link: deflate-raw (CompressionStream, built into browsers and Node 18+)
 * then base64url, in the URL fragment as `#code=<payload>`, so it never reaches a server.
 * The payload names the cell it belongs to (its source reference).
 */

/** What a link carries. */
export interface SharedCell {
  /** The cell's source reference, "src/attention/softmax.ts#softmaxRows". */
  source: string;
  /** The reader's code. */
  code: string;
}

const PREFIX = '#code=';

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const out = new Response(new Blob([bytes as BlobPart]).stream().pipeThrough(stream));
  return new Uint8Array(await out.arrayBuffer());
}

function toBase64Url(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  const b64 = text.replaceAll('-', '+').replaceAll('_', '/');
  return Uint8Array.from(atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4)), (c) => c.charCodeAt(0));
}

/** The fragment (with its "#") that carries `cell`. */
export async function encodeCell(cell: SharedCell): Promise<string> {
  const bytes = new TextEncoder().encode(JSON.stringify({ s: cell.source, c: cell.code }));
  return PREFIX + toBase64Url(await pipe(bytes, new CompressionStream('deflate-raw')));
}

/**
 * Read a fragment made by {@link encodeCell}. Returns null when `hash` carries no code, and
 * an Error (not thrown) when it does but cannot be read, so the page can say so.
 */
export async function decodeCell(hash: string): Promise<SharedCell | Error | null> {
  if (!hash.startsWith(PREFIX)) return null;
  try {
    const bytes = await pipe(fromBase64Url(hash.slice(PREFIX.length)), new DecompressionStream('deflate-raw'));
    const data = JSON.parse(new TextDecoder().decode(bytes)) as { s?: unknown; c?: unknown };
    if (typeof data.s !== 'string' || typeof data.c !== 'string') return new Error('the link has no code cell in it');
    return { source: data.s, code: data.c };
  } catch {
    return new Error('the code in this link is damaged (was it cut short?)');
  }
}

/** Whether a fragment carries code (cheap: the page checks this before loading anything). */
export function hasSharedCell(hash: string): boolean {
  return hash.startsWith(PREFIX);
}
