// The coding exercises on a page (CodingExercise.astro): Edit loads the CodeMirror editor
// (src/cells/editor.ts) on demand, Run sends the reader's code to the sandbox worker
// (src/cells/sandbox.ts), which runs the exercise's checks (src/cells/exercises/run.ts).
// The report is written with textContent into the role="status" region: the reader's text
// and the checks' details are never treated as markup. Nothing is thrown or logged.
import { t } from '../i18n/strings';
import { readSolved, saveSolved } from '../lib/solved';
import { initProgress } from './progress-client';
import type { CellEditor } from '../cells/editor';
import type { CellRun, ExerciseReport } from '../cells/sandbox';
import { summarize, type RunOutcome } from '../cells/exercises/outcome';

const s = t.coding;
const storage = () => window.localStorage;

/** Write the outcome of a run into the status region, as text. */
function showOutcome(status: HTMLElement, outcome: RunOutcome): void {
  status.replaceChildren();
  const head = document.createElement('p');
  head.className = `ce-summary ${outcome.result === 'pass' ? 'ok' : 'bad'}`;
  head.textContent = outcome.summary;
  status.append(head);
  if (outcome.checks.length) {
    const list = document.createElement('ul');
    list.className = 'ce-checks';
    for (const c of outcome.checks) {
      const item = document.createElement('li');
      item.className = c.passed ? 'ok' : 'bad';
      const mark = document.createElement('span');
      mark.className = 'ce-mark';
      mark.textContent = c.passed ? '✓' : '✗';
      mark.setAttribute('aria-hidden', 'true');
      const name = document.createElement('span');
      name.textContent = `${c.passed ? s.checkPassed : s.checkFailed}: ${c.name}`;
      item.append(mark, ' ', name);
      if (c.detail) {
        const detail = document.createElement('span');
        detail.className = 'ce-detail';
        detail.textContent = c.detail;
        item.append(detail);
      }
      list.append(item);
    }
    status.append(list);
  }
}

/** Attach one exercise element (idempotent). */
function attach(root: HTMLElement, solved: Set<string>): void {
  if (root.dataset.ceReady) return;
  root.dataset.ceReady = '1';
  const id = root.dataset.codingExercise!;
  const starter = root.dataset.ceStarter ?? '';
  const title = root.dataset.ceTitle ?? id;
  const q = <T extends HTMLElement>(sel: string) => root.querySelector<T>(sel);
  const actions = q<HTMLElement>('[data-ce-actions]');
  const editButton = q<HTMLButtonElement>('[data-ce-edit]');
  const runButton = q<HTMLButtonElement>('[data-ce-run]');
  const resetButton = q<HTMLButtonElement>('[data-ce-reset]');
  const status = q<HTMLElement>('[data-ce-status]');
  const codeBox = q<HTMLElement>('[data-ce-code]');
  const staticCode = q<HTMLElement>('[data-ce-static]');
  const solvedTag = q<HTMLElement>('[data-ce-solved]');
  if (!actions || !editButton || !runButton || !resetButton || !status || !codeBox || !staticCode) return;
  actions.hidden = false;

  const markSolved = () => {
    root.dataset.solved = '1';
    if (solvedTag) solvedTag.hidden = false;
  };
  if (solved.has(id)) markSolved();

  // Hints one at a time: with JavaScript the list starts empty and a button adds the next.
  const hints = [...root.querySelectorAll<HTMLLIElement>('[data-ce-hints] li')];
  const nextHint = q<HTMLButtonElement>('[data-ce-next-hint]');
  if (nextHint && hints.length) {
    let shown = 0;
    hints.forEach((li) => (li.hidden = true));
    nextHint.hidden = false;
    nextHint.addEventListener('click', () => {
      if (shown >= hints.length) return;
      hints[shown].hidden = false;
      shown++;
      nextHint.textContent = shown < hints.length ? s.showHint(shown + 1, hints.length) : s.noMoreHints;
      nextHint.disabled = shown >= hints.length;
      if (shown >= hints.length) hints[shown - 1].focus?.();
    });
  }

  let editor: CellEditor | null = null;
  let loading: Promise<CellEditor | null> | null = null;
  const loadEditor = (): Promise<CellEditor | null> => {
    loading ??= (async () => {
      editButton.disabled = true;
      editButton.textContent = s.loadingEditor;
      try {
        const { createEditor } = await import('../cells/editor');
        const host = document.createElement('div');
        host.className = 'ce-editor';
        host.dataset.describedby = status.id;
        codeBox.append(host);
        editor = createEditor(host, { text: starter, label: s.editorLabel(title), onRun: () => void run() });
        staticCode.hidden = true;
        editButton.hidden = true;
        resetButton.hidden = false;
        root.dataset.editing = '1';
        return editor;
      } catch (err) {
        loading = null;
        editButton.disabled = false;
        editButton.textContent = s.edit;
        showOutcome(status, { result: 'error', summary: s.editorFailed(err instanceof Error ? err.message : String(err)), checks: [] });
        return null;
      }
    })();
    return loading;
  };

  editButton.addEventListener('click', async () => {
    (await loadEditor())?.focus();
  });
  resetButton.addEventListener('click', () => {
    editor?.setText(starter);
    editor?.focus();
    showOutcome(status, { result: 'error', summary: s.resetDone, checks: [] });
    delete root.dataset.result;
  });

  let running = false;
  const run = async (): Promise<void> => {
    if (running) return;
    running = true;
    runButton.disabled = true;
    root.dataset.running = '1';
    delete root.dataset.result;
    status.replaceChildren();
    const wait = document.createElement('p');
    wait.textContent = s.running;
    status.append(wait);
    try {
      const code = editor ? editor.text() : starter;
      const { runCell } = await import('../cells/sandbox');
      const r: CellRun = await runCell({ code, task: { kind: 'exercise', id } });
      const outcome = summarize(r.kind === 'ok' ? { kind: 'ok', value: r.value as ExerciseReport } : r);
      showOutcome(status, outcome);
      root.dataset.result = outcome.result;
      if (outcome.result === 'pass') {
        saveSolved(storage, id);
        markSolved();
        initProgress();
      } else if (editor && outcome.line !== undefined) {
        editor.goTo(outcome.line, outcome.column ?? 1);
      }
    } catch (err) {
      showOutcome(status, { result: 'error', summary: s.thrown(err instanceof Error ? err.message : String(err)), checks: [] });
      root.dataset.result = 'error';
    } finally {
      running = false;
      runButton.disabled = false;
      delete root.dataset.running;
    }
  };
  runButton.addEventListener('click', () => void run());
}

/** Attach every coding exercise on the page. */
export function initCodingExercises(): void {
  const solved = readSolved(storage);
  document.querySelectorAll<HTMLElement>('[data-coding-exercise]').forEach((root) => attach(root, solved));
}
