/**
 * The part of runnable cells every lesson loads: it wires the "Edit" buttons of code cells
 * and nothing more. The editor, the type stripper and the sandbox load (cell-ui.ts, by
 * dynamic import) only when a reader presses Edit, or opens a link that carries code.
 */
const SAVED = 'hbh-cell:';

/** Wire every editable code cell of the page. */
export function initCells(doc: Document = document): void {
  const cells = [...doc.querySelectorAll<HTMLElement>('[data-editable]')];
  if (cells.length === 0) return;
  const open = async (cell: HTMLElement, restored?: { code: string; from: 'link' | 'storage' }) => {
    const button = cell.querySelector<HTMLButtonElement>('[data-action="edit"]');
    if (button) button.disabled = true;
    try {
      const { openCell } = await import('./cell-ui');
      await openCell(cell, restored);
    } catch (err) {
      const status = cell.querySelector<HTMLElement>('[data-cell-loading]');
      if (status) status.textContent = `The editor could not load: ${(err as Error).message}`;
      if (button) button.disabled = false;
    }
  };
  for (const cell of cells) {
    const button = cell.querySelector<HTMLButtonElement>('[data-action="edit"]');
    if (!button) continue;
    let saved: string | null = null;
    try {
      saved = localStorage.getItem(SAVED + cell.dataset.source);
    } catch {
      // storage may be off; the cell still works
    }
    if (saved !== null) button.textContent = 'Edit (your saved version)';
    button.addEventListener('click', () => void open(cell, saved !== null ? { code: saved, from: 'storage' } : undefined));
  }
  if (location.hash.startsWith('#code=')) {
    void import('./share').then(async ({ decodeCell }) => {
      const shared = await decodeCell(location.hash);
      if (!shared) return;
      const cell = shared instanceof Error ? cells[0] : cells.find((c) => c.dataset.source === shared.source);
      if (!cell) return;
      if (shared instanceof Error) {
        const note = cell.querySelector<HTMLElement>('[data-cell-loading]');
        if (note) note.textContent = `A link brought code for a cell, but ${shared.message}.`;
        return;
      }
      await open(cell, { code: shared.code, from: 'link' });
      cell.scrollIntoView({ block: 'start' });
    });
  }
}

/** Where a cell's edited code is remembered. */
export function savedKey(source: string): string {
  return SAVED + source;
}
