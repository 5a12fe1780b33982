/**
 * Download a chart as SVG or PNG. Runs in the page only. The exported SVG carries its
 * colours inline (text colour and background of the theme in use), so it looks the same
 * in slides as on screen.
 */

import { textColor } from './palette';

/** Serialise an SVG element to a standalone SVG document string (`dark`: the dark theme's text shades). */
export function serializeSvg(svg: SVGSVGElement, { color = '#1d1d1f', background = '#ffffff', dark = false } = {}): string {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  // chart text in a mark colour takes the shade that reads on this theme (palette.ts), as on the page
  for (const text of clone.querySelectorAll('text[fill^="#"]')) {
    text.setAttribute('fill', textColor(text.getAttribute('fill')!, dark ? 'dark' : 'light'));
  }
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  clone.setAttribute('xmlns:xlink', 'http://www.w3.org/1999/xlink');
  const { width, height } = svgSize(svg);
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(height));
  clone.style.color = color;
  clone.style.background = background;
  const bg = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
  bg.setAttribute('width', '100%');
  bg.setAttribute('height', '100%');
  bg.setAttribute('fill', background);
  clone.insertBefore(bg, clone.firstChild?.nextSibling ?? null); // after Plot's <style>
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(clone)}`;
}

function svgSize(svg: SVGSVGElement): { width: number; height: number } {
  const box = svg.viewBox?.baseVal;
  const width = Number(svg.getAttribute('width')) || box?.width || svg.getBoundingClientRect().width;
  const height = Number(svg.getAttribute('height')) || box?.height || svg.getBoundingClientRect().height;
  return { width, height };
}

/** Render an SVG string to a PNG blob at `scale`× its size. */
export async function svgToPng(svgText: string, width: number, height: number, scale = 2): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svgText], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.decoding = 'async';
    await new Promise<void>((resolve, reject) => {
      image.onload = () => resolve();
      image.onerror = () => reject(new Error('the SVG could not be drawn as an image'));
      image.src = url;
    });
    const canvas = document.createElement('canvas');
    canvas.width = Math.ceil(width * scale);
    canvas.height = Math.ceil(height * scale);
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no 2D canvas available');
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('PNG encoding failed'))), 'image/png'),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}

function save(blob: Blob, filename: string): void {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

/** The current theme's text and background colours, for exports. */
function themeColors(el: Element): { color: string; background: string; dark: boolean } {
  const style = getComputedStyle(el);
  const body = getComputedStyle(document.body);
  return { color: style.color, background: body.backgroundColor || '#ffffff', dark: document.documentElement.dataset.theme === 'dark' };
}

/**
 * Export the first <svg> inside `container` (or the one marked [data-export]).
 * Name: container's data-filename, else "figure".
 */
export async function downloadFigure(container: HTMLElement, format: 'svg' | 'png'): Promise<void> {
  const svg = container.querySelector<SVGSVGElement>('svg[data-export]') ?? container.querySelector<SVGSVGElement>('svg');
  if (!svg) return;
  const name = container.dataset.filename ?? 'figure';
  const text = serializeSvg(svg, themeColors(svg));
  if (format === 'svg') {
    save(new Blob([text], { type: 'image/svg+xml' }), `${name}.svg`);
  } else {
    const { width, height } = svgSize(svg);
    save(await svgToPng(text, width, height), `${name}.png`);
  }
}

let installed = false;
/** One delegated listener for every [data-download="svg|png"] button on the page. */
export function initDownloads(root: Document): void {
  if (installed) return;
  installed = true;
  root.addEventListener('click', (event) => {
    const button = (event.target as Element | null)?.closest?.<HTMLButtonElement>('[data-download]');
    if (!button) return;
    const container = button.closest<HTMLElement>('[data-filename]');
    const format = button.dataset.download === 'png' ? 'png' : 'svg';
    if (!container) return;
    button.disabled = true;
    downloadFigure(container, format)
      .catch(() => {
        button.title = 'Export failed in this browser';
      })
      .finally(() => {
        button.disabled = false;
      });
  });
}
