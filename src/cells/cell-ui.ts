/**
 * An open code cell: the editor on the function's source, "Run", "Reset" and "Copy link",
 * and a status line. Loaded by cell-client.ts when the reader presses Edit.
 *
 * Run: the code runs in the sandbox worker (type errors are not checked; syntax errors
 * show line and column, exceptions their message and line, a run over 2 s is stopped).
 * When it runs, the cell's function is replaced on this page (overrides.ts): widgets that
 * use it redraw with the reader's version, mark it, and report how far its output is from
 * the course's, which this cell shows. Reset brings back the course's code everywhere.
 * Code restored from a link or from storage is shown, never run, until the reader runs it.
 *
 * The cell's element carries `data-result` after a run: ok | syntax-error | error | timeout
 * (and `data-widget-result` once a widget has drawn with it: ok | error | timeout).
 */
import { createEditor } from './editor';
import { clearOverride, isUsed, onComparison, onOverrideChange, overrideFor, setOverride, type Comparison } from './overrides';
import { runCell, warmSandbox, DEFAULT_TIMEOUT_MS } from './sandbox';
import { encodeCell } from './share';
import { savedKey } from './cell-client';

const opened = new WeakSet<HTMLElement>();

function el<K extends keyof HTMLElementTagNameMap>(doc: Document, tag: K, attrs: Record<string, string> = {}, text?: string): HTMLElementTagNameMap[K] {
  const e = doc.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

const store = {
  save(key: string, code: string | null) {
    try {
      if (code === null) localStorage.removeItem(key);
      else localStorage.setItem(key, code);
    } catch {
      // storage may be off or full: the editor still works
    }
  },
};

/**
 * The text of the cell's file before and after the cut, from the page's one <template> of
 * that file (CodeCell.astro); undefined when the cell is not a plain cut of a file.
 */
function fileContext(cell: HTMLElement, original: string): { before: string; after: string } | undefined {
  const { file: path, at } = cell.dataset;
  if (path === undefined || at === undefined) return undefined;
  const template = [...cell.ownerDocument.querySelectorAll<HTMLTemplateElement>('template[data-cell-file]')].find((t) => t.dataset.cellFile === path);
  const file = template?.content.textContent;
  const start = Number(at);
  if (file == null || !Number.isInteger(start) || file.slice(start, start + original.length) !== original) return undefined;
  return { before: file.slice(0, start), after: file.slice(start + original.length) };
}

/**
 * Open the editor in a code cell (`[data-editable]`, with data-source, data-name and
 * data-code from CodeCell.astro). `restored` is code from a link or storage: shown, not run.
 */
export async function openCell(cell: HTMLElement, restored?: { code: string; from: 'link' | 'storage' }): Promise<void> {
  const doc = cell.ownerDocument;
  if (opened.has(cell)) return;
  opened.add(cell);
  const source = cell.dataset.source!;
  const name = cell.dataset.name!;
  const original = cell.dataset.code ?? '';
  // The rest of the file, when the cell is a plain cut of it: the reader's code runs in its place.
  const context = fileContext(cell, original);
  const key = savedKey(source);
  const uid = source.replace(/[^\w]+/g, '-');

  const panel = el(doc, 'div', { class: 'cell-editor', 'data-cell-editor': '' });
  const hint = el(doc, 'p', { class: 'cell-edit-hint', id: `${uid}-hint` },
    'Tab indents. To leave the editor with the keyboard, press Esc, then Tab. Ctrl+Enter (⌘+Enter) runs. Types are stripped, not checked.');
  const host = el(doc, 'div', { class: 'cell-editor-host', 'data-describedby': `${uid}-hint` });
  const actions = el(doc, 'div', { class: 'cell-actions' });
  const run = el(doc, 'button', { type: 'button', class: 'btn btn-primary', 'data-action': 'run' }, 'Run');
  const reset = el(doc, 'button', { type: 'button', class: 'btn', 'data-action': 'reset-code' }, 'Reset');
  const copy = el(doc, 'button', { type: 'button', class: 'btn', 'data-action': 'copy-code-link' }, 'Copy link');
  actions.append(run, reset, copy);
  const status = el(doc, 'p', { class: 'cell-status', role: 'status', 'data-cell-status': '' });
  const compare = el(doc, 'ul', { class: 'cell-compare', 'data-cell-compare': '', 'aria-live': 'polite' });
  const logs = el(doc, 'pre', { class: 'cell-logs', 'data-cell-logs': '' });
  logs.hidden = true;
  panel.append(hint, host, actions, status, compare, logs);

  const staticCode = cell.querySelector<HTMLElement>('pre');
  cell.querySelector('[data-cell-loading]')?.replaceChildren();
  (staticCode ?? cell.lastElementChild)?.after(panel);
  if (staticCode) staticCode.hidden = true;
  cell.querySelector<HTMLElement>('[data-action="edit"]')?.setAttribute('hidden', '');

  let saveTimer: ReturnType<typeof setTimeout> | undefined;
  const editor = createEditor(host, {
    text: restored?.code ?? original,
    label: `Edit ${name}`,
    onRun: () => void doRun(),
    onChange: (text) => {
      clearTimeout(saveTimer);
      saveTimer = setTimeout(() => store.save(key, text === original ? null : text), 400);
    },
  });
  cell.dataset.open = '1';
  warmSandbox();

  const say = (text: string) => (status.textContent = text);
  if (restored) say(`Restored your code from ${restored.from === 'link' ? 'the link' : 'this browser'}. It has not run: press Run to run it.`);

  // What widgets report about the reader's function: one line per widget, newest kept.
  const byWidget = new Map<string, HTMLLIElement>();
  onComparison((c: Comparison) => {
    if (c.name !== name) return;
    const li = byWidget.get(c.widget) ?? el(doc, 'li');
    byWidget.set(c.widget, li);
    li.textContent = `In the widget (${c.widget}): ${c.text}`;
    if (!li.isConnected) compare.append(li);
    cell.dataset.widgetResult = c.status;
  });
  onOverrideChange((n) => {
    if (n !== name || cell.dataset.active !== '1' || overrideFor([name])) return; // set, not cleared
    // A widget's "back to the course's code" cleared it: say so here too.
    delete cell.dataset.active;
    delete cell.dataset.widgetResult;
    compare.replaceChildren();
    byWidget.clear();
    say("The widgets run the course's code again. Your code stays in the editor: Run puts it back.");
  });

  async function doRun(): Promise<void> {
    const code = editor.text();
    run.disabled = true;
    cell.dataset.result = 'running';
    say('Running…');
    const t0 = performance.now();
    const r = await runCell({ code, context, task: { kind: 'load' }, timeoutMs: DEFAULT_TIMEOUT_MS });
    run.disabled = false;
    logs.hidden = !r.logs?.length;
    logs.textContent = r.logs?.join('\n') ?? '';
    cell.dataset.result = r.kind;
    if (r.kind === 'syntax-error') return void say(`Syntax error at line ${r.line}, column ${r.column}: ${r.message}.`);
    if (r.kind === 'error') return void say(`Error${r.line ? ` at line ${r.line}` : ''}: ${r.message}`);
    if (r.kind === 'timeout') return void say(`Stopped after ${r.ms / 1000} s: the code was still running (an endless loop?). The page was never blocked.`);
    const exported = r.value as string[];
    if (!exported.includes(name)) {
      cell.dataset.result = 'error';
      return void say(`Your code ran but defines no function named ${name}${exported.length ? ` (it defines ${exported.join(', ')})` : ''}: keep the name, the page calls it.`);
    }
    compare.replaceChildren();
    byWidget.clear();
    cell.dataset.active = '1';
    delete cell.dataset.widgetResult;
    setOverride(name, code, context);
    const ms = Math.round(performance.now() - t0);
    say(isUsed(name)
      ? `Ran in ${ms} ms. The widget on this page that uses ${name} now runs your version (marked “running your edited code”).`
      : `Ran in ${ms} ms without errors. No widget on this page runs ${name}, so nothing else changes.`);
  }

  run.addEventListener('click', () => void doRun());
  reset.addEventListener('click', () => {
    editor.setText(original);
    store.save(key, null);
    clearTimeout(saveTimer);
    delete cell.dataset.result;
    delete cell.dataset.widgetResult;
    delete cell.dataset.active;
    compare.replaceChildren();
    byWidget.clear();
    logs.hidden = true;
    clearOverride(name);
    say("Back to the course's code, here and in the widgets.");
  });
  copy.addEventListener('click', async () => {
    const url = new URL(location.href);
    url.hash = await encodeCell({ source, code: editor.text() });
    try {
      await navigator.clipboard.writeText(url.toString());
      copy.dataset.copied = '1';
      say('Link copied: it opens this cell with your code, which runs only when Run is pressed.');
    } catch {
      say(`Copy this link: ${url.toString()}`);
    }
  });
  if (!restored) editor.focus();
}
