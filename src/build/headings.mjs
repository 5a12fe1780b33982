// Rehype plugin: a permalink after every h2/h3 that has an id (ids come from Astro's
// rehypeHeadingIds, which must run first).
import { visit } from 'unist-util-visit';

export function rehypeHeadingLinks({ label = 'Link to this section' } = {}) {
  return (tree) => {
    visit(tree, 'element', (node) => {
      if (!['h2', 'h3'].includes(node.tagName) || !node.properties?.id) return;
      node.children.push({
        type: 'element',
        tagName: 'a',
        properties: { className: ['heading-anchor'], href: `#${node.properties.id}`, ariaLabel: label, dataPagefindIgnore: 'all' },
        children: [{ type: 'text', value: '#' }],
      });
    });
  };
}
