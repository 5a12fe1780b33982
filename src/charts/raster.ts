import * as Plot from '@observablehq/plot';
import { colorScale, labelMargins } from './heatmap';
import { finalizeSvg, fitWidth, shortLabel } from './svg';

/**
 * Attention maps of long inputs as one image each. A 64 × 64 map drawn cell by cell is 4,096
 * SVG rects; eight of them cost more than a frame to refill. Here the cells are the pixels of
 * a small indexed PNG (one byte per cell, a 256-colour palette of the same blues as
 * {@link heatmap}), placed in a Plot frame that draws the labels and axis titles, so a refill
 * is one attribute. Cells a causal mask hides are transparent over a grey triangle drawn in the
 * text colour, as the heatmap greys them. Pure: builds the PNG bytes itself (no canvas), so it
 * renders at build time too.
 */

/** Options of {@link rasterMap}. */
export interface RasterMapOptions {
  /** Labels of the rows (queries) and columns (keys); '' for none. */
  rowLabels: readonly string[];
  colLabels: readonly string[];
  /** Accessible name: what the map shows. */
  label: string;
  xLabel?: string;
  yLabel?: string;
  /** Largest width in px. Default 400. */
  maxWidth?: number;
  /** Largest and smallest cell side in px. Defaults 30 and 1. */
  maxCell?: number;
  minCell?: number;
  /** Hide the cells above the diagonal (key after query), as a causal mask does. */
  causal?: boolean;
  document?: Document;
}

/** Rows of weights: arrays, or views into a larger typed array. */
type Values = readonly ArrayLike<number>[];

/** Palette index of a masked cell (transparent); indices 0 … 254 are weights 0 … 1. */
const MASKED = 255;
const LEVELS = 254;

let palette: Uint8Array | null = null;
/** The 255 blues of the weights scale (Plot's, as the heatmap uses), then the masked entry. */
function weightsPalette(): Uint8Array {
  if (palette) return palette;
  const scale = Plot.scale({ color: colorScale('weights', [0, 1]) });
  palette = new Uint8Array(256 * 3);
  for (let k = 0; k <= LEVELS; k++) {
    const c = String(scale.apply(k / LEVELS));
    const m = /rgb\((\d+),\s*(\d+),\s*(\d+)\)/.exec(c);
    if (!m) throw new Error(`the weights scale gave ${c}, not rgb(r, g, b)`);
    palette.set([Number(m[1]), Number(m[2]), Number(m[3])], k * 3);
  }
  return palette;
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(bytes: Uint8Array, start: number, end: number): number {
  let c = 0xffffffff;
  for (let i = start; i < end; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/**
 * An indexed-colour PNG (colour type 3, 8 bits) of `width × height` palette indices, row by
 * row, with `rgb` (3 bytes per entry) as its palette and `alpha` (1 byte per entry) as its
 * transparency. The image data is stored uncompressed (zlib "stored" blocks): small maps need
 * no compressor.
 */
export function indexedPng(indices: Uint8Array, width: number, height: number, rgb: Uint8Array, alpha: Uint8Array): Uint8Array {
  if (indices.length !== width * height) throw new RangeError(`${indices.length} indices for a ${width} × ${height} image`);
  const raw = new Uint8Array((width + 1) * height); // each row: filter byte 0, then its indices
  for (let y = 0; y < height; y++) raw.set(indices.subarray(y * width, (y + 1) * width), y * (width + 1) + 1);
  const blocks = Math.max(1, Math.ceil(raw.length / 65535));
  const zlib = new Uint8Array(2 + raw.length + 5 * blocks + 4);
  zlib[0] = 0x78; zlib[1] = 0x01;
  let at = 2;
  for (let b = 0; b < blocks; b++) {
    const part = raw.subarray(b * 65535, Math.min(raw.length, (b + 1) * 65535));
    zlib[at++] = b === blocks - 1 ? 1 : 0;
    zlib[at++] = part.length & 0xff; zlib[at++] = part.length >>> 8;
    zlib[at++] = ~part.length & 0xff; zlib[at++] = (~part.length >>> 8) & 0xff;
    zlib.set(part, at);
    at += part.length;
  }
  let a = 1, s = 0; // Adler-32 of the raw data
  for (let i = 0; i < raw.length; i++) { a = (a + raw[i]) % 65521; s = (s + a) % 65521; }
  const adler = ((s << 16) | a) >>> 0;
  zlib.set([adler >>> 24, (adler >>> 16) & 0xff, (adler >>> 8) & 0xff, adler & 0xff], at);
  const ihdr = new Uint8Array(13);
  new DataView(ihdr.buffer).setUint32(0, width);
  new DataView(ihdr.buffer).setUint32(4, height);
  ihdr.set([8, 3, 0, 0, 0], 8);
  const chunks: [string, Uint8Array][] = [['IHDR', ihdr], ['PLTE', rgb], ['tRNS', alpha], ['IDAT', zlib], ['IEND', new Uint8Array(0)]];
  const size = 8 + chunks.reduce((n, [, d]) => n + 12 + d.length, 0);
  const png = new Uint8Array(size);
  const view = new DataView(png.buffer);
  png.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  let p = 8;
  for (const [type, data] of chunks) {
    view.setUint32(p, data.length);
    for (let i = 0; i < 4; i++) png[p + 4 + i] = type.charCodeAt(i);
    png.set(data, p + 8);
    view.setUint32(p + 8 + data.length, crc32(png, p + 4, p + 8 + data.length));
    p += 12 + data.length;
  }
  return png;
}

/** Base64 of bytes, with the platform's btoa (browsers and Node ≥ 16) on a binary string. */
function base64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 8192) binary += String.fromCharCode.apply(null, bytes.subarray(i, i + 8192) as unknown as number[]);
  return btoa(binary);
}

/** Palette indices of a map: weights clamped to [0, 1] in 255 levels, masked cells MASKED. */
function levels(values: Values, causal: boolean): Uint8Array {
  const rows = values.length;
  const cols = values[0]?.length ?? 0;
  const indices = new Uint8Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    const row = values[i];
    for (let j = 0; j < cols; j++) {
      const v = row[j];
      indices[i * cols + j] = causal && j > i ? MASKED : Math.round(Math.min(1, Math.max(0, Number.isFinite(v) ? v : 0)) * LEVELS);
    }
  }
  return indices;
}

const ALPHA = (() => { const a = new Uint8Array(256).fill(255); a[MASKED] = 0; return a; })();
const pngUrl = (indices: Uint8Array, rows: number, cols: number) => `data:image/png;base64,${base64(indexedPng(indices, cols, rows, weightsPalette(), ALPHA))}`;

/** The map as a PNG data URL: weights clamped to [0, 1] in 255 levels, masked cells transparent. */
export function mapImage(values: Values, causal = false): string {
  return pngUrl(levels(values, causal), values.length, values[0]?.length ?? 0);
}

/** The levels each drawn map shows, so a refill with the same picture does nothing. */
const drawn = new WeakMap<Element, Uint8Array>();
const same = (a: Uint8Array | undefined, b: Uint8Array) => !!a && a.length === b.length && a.every((v, i) => v === b[i]);

function layoutOf(values: Values, o: RasterMapOptions) {
  const rows = values.length;
  const cols = values[0]?.length ?? 0;
  const { rotate, marginLeft, marginTop } = labelMargins(o, cols, 4);
  const cellSize = Math.max(o.minCell ?? 1, Math.min(o.maxCell ?? 30, (fitWidth(o.maxWidth ?? 400) - marginLeft - 10) / Math.max(cols, 1)));
  const key = [rows, cols, marginLeft, marginTop, rotate, cellSize.toFixed(3), o.xLabel, o.yLabel, !!o.causal].join('|');
  return { rows, cols, rotate, marginLeft, marginTop, cellSize, key };
}

/**
 * An attention map over many tokens as one image in a labelled frame (see the module
 * comment). Rows are queries, top to bottom; columns are keys.
 */
export function rasterMap(values: Values, o: RasterMapOptions): SVGSVGElement {
  const L = layoutOf(values, o);
  const doc = o.document ?? globalThis.document;
  const [w, h] = [L.cols * L.cellSize, L.rows * L.cellSize];
  const svg = Plot.plot({
    document: o.document,
    width: L.marginLeft + w + 10,
    height: L.marginTop + h + 6,
    marginLeft: L.marginLeft, marginTop: L.marginTop, marginRight: 10, marginBottom: 6,
    padding: 0,
    style: { fontFamily: 'system-ui, sans-serif', fontSize: '12px', background: 'transparent' },
    x: {
      type: 'band', axis: o.colLabels.some(Boolean) ? 'top' : null, domain: [...Array(L.cols).keys()], tickSize: 0, tickRotate: L.rotate ? -40 : 0,
      tickFormat: (i: number) => shortLabel(o.colLabels[i] ?? ''), label: o.xLabel ?? null, labelAnchor: 'right', labelArrow: 'none',
    },
    y: {
      type: 'band', axis: o.rowLabels.some(Boolean) ? 'left' : null, domain: [...Array(L.rows).keys()], tickSize: 0, tickFormat: (i: number) => shortLabel(o.rowLabels[i] ?? ''),
      label: o.yLabel ?? null, labelAnchor: 'top', labelArrow: 'none',
    },
    marks: [],
  }) as SVGSVGElement;
  const ns = 'http://www.w3.org/2000/svg';
  const [x0, y0] = [L.marginLeft, L.marginTop];
  if (o.causal) {
    // The hidden cells: above the diagonal, in the text colour at low opacity (both themes).
    const c = L.cellSize;
    const n = Math.min(L.rows, L.cols);
    // A staircase along the diagonal: row i is hidden from key i + 1 on.
    let d = `M${f(x0 + c)},${f(y0)}H${f(x0 + L.cols * c)}V${f(y0 + (n - 1) * c)}`;
    for (let k = n - 1; k >= 1; k--) d += `H${f(x0 + k * c)}V${f(y0 + (k - 1) * c)}`;
    const tri = doc.createElementNS(ns, 'path');
    tri.setAttribute('d', `${d}Z`);
    tri.setAttribute('fill', 'currentColor');
    tri.setAttribute('fill-opacity', '0.12');
    tri.setAttribute('class', 'rm-masked');
    svg.append(tri);
  }
  const image = doc.createElementNS(ns, 'image');
  image.setAttribute('x', f(x0));
  image.setAttribute('y', f(y0));
  image.setAttribute('width', f(w));
  image.setAttribute('height', f(h));
  image.setAttribute('preserveAspectRatio', 'none');
  image.setAttribute('style', 'image-rendering: pixelated');
  const indices = levels(values, !!o.causal);
  image.setAttribute('href', pngUrl(indices, L.rows, L.cols));
  image.setAttribute('class', 'rm-cells');
  drawn.set(image, indices);
  svg.append(image);
  for (const axis of ['x', 'y'] as const) svg.querySelectorAll(`g[aria-label="${axis}-axis tick label"] text`).forEach((t) => t.setAttribute('data-tick', axis));
  svg.setAttribute('data-raster-map', L.key);
  return finalizeSvg(svg, o.label);
}

const f = (v: number) => String(Number(v.toFixed(2)));

/**
 * Refill a map drawn by {@link rasterMap} with new values and labels: one new image. Returns
 * false (changing nothing) when the layout differs: draw anew.
 */
export function updateRasterMap(svg: SVGSVGElement, values: Values, o: RasterMapOptions): boolean {
  const L = layoutOf(values, o);
  if (svg.getAttribute('data-raster-map') !== L.key) return false;
  const image = svg.querySelector('image.rm-cells');
  const indices = levels(values, !!o.causal);
  if (image && !same(drawn.get(image), indices)) { // an unchanged picture is neither encoded nor decoded again
    image.setAttribute('href', pngUrl(indices, L.rows, L.cols));
    drawn.set(image, indices);
  }
  svg.querySelectorAll('text[data-tick="x"]').forEach((t, i) => setText(t, shortLabel(o.colLabels[i] ?? '')));
  svg.querySelectorAll('text[data-tick="y"]').forEach((t, i) => setText(t, shortLabel(o.rowLabels[i] ?? '')));
  svg.setAttribute('aria-label', o.label);
  return true;
}

function setText(el: Element, text: string): void {
  if (el.textContent !== text) el.textContent = text;
}
