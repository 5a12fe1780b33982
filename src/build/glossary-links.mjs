// Rehype plugin: in each lesson, the first use of every glossary term
// (content/glossary/terms.json, its `match` phrases) links to the term's entry on the
// glossary page. Only running prose counts: headings, links, code, math, and the
// lesson's components (figures, exercises, widgets, callouts) are left alone.
import { readFileSync } from 'node:fs';
import { SKIP, visit } from 'unist-util-visit';

const SKIP_TAGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'a', 'code', 'pre', 'mjx-container', 'figure', 'table', 'kbd', 'script', 'style']);
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * One matcher per term: a phrase written in lower case matches in any case, one with
 * capitals (an acronym) only as written; whole words only.
 */
export function termMatchers(terms) {
  return terms.map((term) => ({
    id: term.id,
    patterns: term.match.map((phrase) => new RegExp(`(?<![\\p{L}\\p{N}_-])${escape(phrase)}(?![\\p{L}\\p{N}_-])`, phrase === phrase.toLowerCase() ? 'iu' : 'u')),
  }));
}

/** @param {{ file?: string, href?: string }} options */
export function rehypeGlossaryLinks({ file = 'content/glossary/terms.json', href = '/glossary/' } = {}) {
  const matchers = termMatchers(JSON.parse(readFileSync(file, 'utf8')).terms);
  return (tree, vfile) => {
    if (!/[\\/]lessons[\\/][^\\/]+\.mdx$/.test(vfile.path ?? '')) return;
    const linked = new Set();
    visit(tree, (node, index, parent) => {
      if (node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement' || node.type === 'mdxjsEsm' || node.type === 'mdxFlowExpression') return SKIP;
      if (node.type === 'element' && SKIP_TAGS.has(node.tagName)) return SKIP;
      if (node.type !== 'text' || !parent || index === undefined) return;
      for (const m of matchers) {
        if (linked.has(m.id)) continue;
        for (const pattern of m.patterns) {
          const found = pattern.exec(node.value);
          if (!found) continue;
          linked.add(m.id);
          const before = node.value.slice(0, found.index);
          const after = node.value.slice(found.index + found[0].length);
          const link = {
            type: 'element', tagName: 'a',
            properties: { href: `${href}#${m.id}`, className: ['gloss'] },
            children: [{ type: 'text', value: found[0] }],
          };
          const parts = [before && { type: 'text', value: before }, link, after && { type: 'text', value: after }].filter(Boolean);
          parent.children.splice(index, 1, ...parts);
          // Continue after the link: the text after it is visited next and may hold other terms.
          return [SKIP, index + parts.indexOf(link) + 1];
        }
      }
    });
  };
}
