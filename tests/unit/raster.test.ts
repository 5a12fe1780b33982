// The raster attention map (src/charts/raster.ts): a valid indexed PNG whose pixels are the
// map's weights in the heatmap's blues, masked cells transparent; a frame with labels; an
// in-place refill that changes one attribute.
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { indexedPng, mapImage, rasterMap, updateRasterMap } from '../../src/charts/raster';
import { buildDocument } from '../../src/lib/document';

/** Read back an indexed PNG made by indexedPng: its chunks and its pixel indices. */
function readPng(bytes: Uint8Array) {
  const view = new DataView(bytes.buffer, bytes.byteOffset);
  expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const chunks: Record<string, Uint8Array> = {};
  let idat: Uint8Array = new Uint8Array(0);
  for (let p = 8; p < bytes.length;) {
    const len = view.getUint32(p);
    const type = String.fromCharCode(...bytes.subarray(p + 4, p + 8));
    const data = bytes.subarray(p + 8, p + 8 + len);
    if (type === 'IDAT') idat = data; else chunks[type] = data;
    p += 12 + len;
  }
  const ihdr = new DataView(chunks.IHDR.buffer, chunks.IHDR.byteOffset);
  const [w, h] = [ihdr.getUint32(0), ihdr.getUint32(4)];
  const raw = inflateSync(idat); // Node's zlib checks the stream and its Adler-32
  const rows = Array.from({ length: h }, (_, y) => { expect(raw[y * (w + 1)]).toBe(0); return [...raw.subarray(y * (w + 1) + 1, (y + 1) * (w + 1))]; });
  return { w, h, rows, chunks };
}

describe('raster maps', () => {
  it('writes an indexed PNG that zlib reads back, palette and transparency included', () => {
    const png = indexedPng(Uint8Array.from([0, 1, 2, 1, 0, 2]), 3, 2, Uint8Array.from([255, 0, 0, 0, 255, 0, 0, 0, 255]), Uint8Array.from([255, 255, 0]));
    const r = readPng(png);
    expect([r.w, r.h]).toEqual([3, 2]);
    expect(r.rows).toEqual([[0, 1, 2], [1, 0, 2]]);
    expect([...r.chunks.PLTE]).toEqual([255, 0, 0, 0, 255, 0, 0, 0, 255]);
    expect([...r.chunks.tRNS]).toEqual([255, 255, 0]);
    expect(() => indexedPng(new Uint8Array(5), 3, 2, new Uint8Array(3), new Uint8Array(1))).toThrow(RangeError);
  });

  it('stores weights as 255 levels of the blues and hides the cells after the query', () => {
    const url = mapImage([[1, 0.3], [0.5, 0.5]], true);
    const r = readPng(Buffer.from(url.replace('data:image/png;base64,', ''), 'base64'));
    expect(r.rows).toEqual([[254, 255], [127, 127]]);
    expect(r.chunks.tRNS[255]).toBe(0);
    expect(r.chunks.tRNS[254]).toBe(255);
    // level 0 is the scale's lightest blue, level 254 its darkest
    const [light, dark] = [[...r.chunks.PLTE.subarray(0, 3)], [...r.chunks.PLTE.subarray(254 * 3, 255 * 3)]];
    expect(light.reduce((a, b) => a + b)).toBeGreaterThan(dark.reduce((a, b) => a + b) + 300);
    // out-of-range and non-finite weights are clamped, never thrown
    const odd = readPng(Buffer.from(mapImage([[2, -1], [NaN, 0.5]]).split(',')[1], 'base64'));
    expect(odd.rows).toEqual([[254, 0], [0, 127]]);
  });

  it('draws a labelled frame around one image and refills it in place only when the layout matches', () => {
    const doc = buildDocument();
    const v = [[1, 0, 0], [0.5, 0.5, 0], [0.2, 0.3, 0.5]];
    const o = { rowLabels: ['0:a', '', '2:c'], colLabels: ['0:a', '', '2:c'], label: 'A map', xLabel: 'key', yLabel: 'query', causal: true, document: doc };
    const svg = rasterMap(v, o);
    expect(svg.getAttribute('aria-label')).toBe('A map');
    expect(svg.querySelectorAll('image.rm-cells').length).toBe(1);
    expect(svg.querySelectorAll('path.rm-masked').length).toBe(1);
    expect([...svg.querySelectorAll('text[data-tick="y"]')].map((t) => t.textContent)).toEqual(['0:a', '', '2:c']);
    const before = svg.querySelector('image')!.getAttribute('href');
    expect(updateRasterMap(svg, [[1, 0, 0], [0, 1, 0], [0, 0, 1]], { ...o, rowLabels: ['0:x', '', '2:y'] })).toBe(true);
    expect(svg.querySelector('image')!.getAttribute('href')).not.toBe(before);
    expect([...svg.querySelectorAll('text[data-tick="y"]')].map((t) => t.textContent)).toEqual(['0:x', '', '2:y']);
    const html = svg.outerHTML;
    expect(updateRasterMap(svg, [[1]], { ...o, rowLabels: ['0'], colLabels: ['0'] })).toBe(false);
    expect(svg.outerHTML).toBe(html);
  });
});
