// Number tables as the widgets draw them (widgets/common/dom.ts numberTable), read back for tests.

/**
 * Number tables by caption, a wide one's parts (numberTable cuts it into column ranges)
 * counted as one: the number of first-row cells of each table.
 */
export function tablesByCaption(root: ParentNode, selector = 'table'): Map<string, number> {
  const out = new Map<string, number>();
  for (const t of root.querySelectorAll(selector)) {
    const caption = (t.querySelector('caption')?.textContent ?? '').replace(/ \(columns \d+–\d+ of \d+\)$/, '');
    out.set(caption, (out.get(caption) ?? 0) + t.querySelectorAll('tbody tr:first-child td').length);
  }
  return out;
}
