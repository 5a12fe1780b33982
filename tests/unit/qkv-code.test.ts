// Q, K and V in code cells: the variables holding them take their colours; nothing else does.
import { describe, expect, it } from 'vitest';
import { codeToHtml } from 'shiki';
import { palette, textColor } from '../../src/charts/palette';
import { qkvRole, qkvTransformer } from '../../src/lib/qkvCode';

const themes = { light: 'github-light-default', dark: 'github-dark-default' } as const;
/** The text of every token the transformer coloured, with its role. */
async function coloured(code: string, lang: 'ts' | 'python'): Promise<string[]> {
  const html = await codeToHtml(code, { lang, themes, defaultColor: false, transformers: [qkvTransformer()] });
  // Not a character lost or added: the cell shows the file's text.
  const text = html.replace(/<\/span>\n?<span class="line">/g, '\n').replace(/<[^>]+>/g, '').replaceAll('&#x3C;', '<').replaceAll('&#39;', "'").replaceAll('&quot;', '"').replaceAll('&amp;', '&');
  expect(text).toBe(code);
  return [...html.matchAll(/<span style="([^"]*)" data-qkv="([qkv])">([^<]*)<\/span>/g)].map(([, style, role, text]) => {
    expect(style).toBe(`--shiki-light:${textColor(palette[role as 'q'], 'light')};--shiki-dark:${textColor(palette[role as 'q'], 'dark')}`);
    return `${role}:${text.trim()}`;
  });
}

describe('Q, K and V in code', () => {
  it('names only the variables that hold them', () => {
    expect(['q', ' k', 'vs', 'kJ', 'qh'].map(qkvRole)).toEqual(['q', 'k', 'v', 'k', 'q']);
    expect(['wq', 'Q', 'key', 'values', 'kv', ''].map(qkvRole)).toEqual([undefined, undefined, undefined, undefined, undefined, undefined]);
  });

  it('colours q, k and v in TypeScript, not wq, a string or a comment', async () => {
    const code = "  const q = x.mmul(wq); // q from X\n  const k = record('K', 'k', x);\n  return q.mmul(k.transpose()).mmul(v).sub(obj.v);";
    expect(await coloured(code, 'ts')).toEqual(['q:q', 'k:k', 'q:q', 'k:k', 'v:v']);
    expect(await coloured('throw new Error(`${k.rows} keys but q is ${q}`);', 'ts')).toEqual(['k:k', 'q:q']);
  });

  it('colours them in the PyTorch twin too', async () => {
    expect(await coloured('scores = q @ k.transpose(-2, -1)\nout = w @ v  # weights times v', 'python')).toEqual(['q:q', 'k:k', 'v:v']);
  });
});
