/**
 * Q, K and V in code: a Shiki transformer that gives the variables holding queries, keys and
 * values their colours (charts/palette.ts), as maps and prose do. A cell opts in (CodeCell's
 * `qkv`) only when every `q`, `k` and `v` in it means Q, K and V: elsewhere `k` is often a loop
 * index and `v` a value in a callback, and colouring those would teach the wrong thing.
 */
import type { ShikiTransformer } from 'shiki';
import { palette, textColor } from '../charts/palette';

/** Variable names that hold Q, K or V (whole, split into heads, one head, one tile). */
export const QKV_NAMES: Readonly<Record<string, 'q' | 'k' | 'v'>> = {
  q: 'q', qs: 'q', qh: 'q', qi: 'q',
  k: 'k', ks: 'k', kh: 'k', ki: 'k', kJ: 'k',
  v: 'v', vs: 'v', vh: 'v', vJ: 'v',
};

/** The role a highlighted token names, if it is exactly one of {@link QKV_NAMES}. */
export function qkvRole(token: string): 'q' | 'k' | 'v' | undefined {
  return Object.hasOwn(QKV_NAMES, token.trim()) ? QKV_NAMES[token.trim()] : undefined;
}

/** The inline style of a Q, K or V token: its role's text shade in each theme (print uses the light one). */
export function qkvTokenStyle(role: 'q' | 'k' | 'v'): { '--shiki-light': string; '--shiki-dark': string } {
  return { '--shiki-light': textColor(palette[role], 'light'), '--shiki-dark': textColor(palette[role], 'dark') };
}

/** Scopes in which a name is not a variable: text in strings and comments, a property after a dot. */
const NOT_A_VARIABLE = /^(string|comment|variable\.other\.property|support|entity\.name)/;
/** …unless inside a template literal's ${…}, which is code again. */
const CODE_IN_STRING = /^meta\.template\.expression/;

/**
 * The transformer. Shiki merges neighbouring tokens of one colour ("q." or "(k."), so it asks
 * for each token's grammar pieces (includeExplanation) and cuts out every piece that is one of
 * {@link QKV_NAMES} used as a variable; that piece takes its role's text shade in both themes
 * (print uses the light one) and says its role in data-qkv.
 */
export function qkvTransformer(): ShikiTransformer {
  const roles = new WeakMap<object, 'q' | 'k' | 'v'>();
  return {
    name: 'course-qkv',
    preprocess(_code, options) {
      options.includeExplanation ??= 'scopeName';
    },
    tokens(lines) {
      return lines.map((line) => line.flatMap((token) => {
        const pieces = token.explanation ?? [];
        const isName = (piece: (typeof pieces)[number]) => qkvRole(piece.content) !== undefined &&
          (piece.scopes.some((s) => CODE_IN_STRING.test(s.scopeName)) || !piece.scopes.some((s) => NOT_A_VARIABLE.test(s.scopeName)));
        if (!pieces.some(isName)) return [token];
        // Shiki keeps leading spaces in a token's text but not in its pieces: walk the text.
        const out: typeof line = [];
        const push = (content: string, role: 'q' | 'k' | 'v' | undefined, offset: number) => {
          const last = out[out.length - 1];
          if (!role && last && !roles.has(last)) last.content += content;
          else {
            const style = role ? qkvTokenStyle(role) : token.htmlStyle;
            const cut = { ...token, content, offset, htmlStyle: style, explanation: undefined };
            if (role) roles.set(cut, role);
            out.push(cut);
          }
        };
        let at = 0;
        for (const piece of pieces) {
          const found = token.content.indexOf(piece.content, at);
          if (found < 0) return [token]; // pieces that do not spell the text: leave the token whole
          if (found > at) push(token.content.slice(at, found), undefined, token.offset + at);
          push(piece.content, isName(piece) ? qkvRole(piece.content) : undefined, token.offset + found);
          at = found + piece.content.length;
        }
        if (at < token.content.length) push(token.content.slice(at), undefined, token.offset + at);
        return out;
      }));
    },
    span(node, _line, _col, _lineElement, token) {
      const role = roles.get(token);
      if (role) node.properties['data-qkv'] = role;
    },
  };
}
