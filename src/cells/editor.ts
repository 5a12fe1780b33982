/**
 * The cell editor: CodeMirror 6 with TypeScript highlighting, loaded only when a reader
 * presses Edit (cell-client.ts imports this module dynamically, so nothing of it is in a
 * lesson's first load).
 *
 * Keyboard: Tab indents, as in any code editor; to leave the editor with the keyboard press
 * Escape, then Tab (CodeMirror's own rule, so the editor never traps focus; the cell says so
 * beside it). Ctrl/⌘-Enter runs. Colours come from the site's CSS variables (cells.css), so
 * the editor follows the light and dark themes with no code of its own.
 */
import { EditorState } from '@codemirror/state';
import { EditorView, keymap, lineNumbers, highlightActiveLine, highlightActiveLineGutter, drawSelection } from '@codemirror/view';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { bracketMatching, HighlightStyle, indentOnInput, syntaxHighlighting } from '@codemirror/language';
import { javascript } from '@codemirror/lang-javascript';
import { tags } from '@lezer/highlight';

/** Token colours as CSS variables (set for light and dark in src/styles/cells.css). */
const highlight = HighlightStyle.define([
  { tag: [tags.keyword, tags.controlKeyword, tags.moduleKeyword, tags.operatorKeyword], color: 'var(--cm-keyword)' },
  { tag: [tags.string, tags.special(tags.string)], color: 'var(--cm-string)' },
  { tag: [tags.number, tags.bool, tags.null], color: 'var(--cm-number)' },
  { tag: [tags.comment, tags.lineComment, tags.blockComment, tags.docComment], color: 'var(--cm-comment)', fontStyle: 'italic' },
  { tag: [tags.typeName, tags.className, tags.namespace], color: 'var(--cm-type)' },
  { tag: [tags.function(tags.variableName), tags.function(tags.propertyName), tags.definition(tags.function(tags.variableName))], color: 'var(--cm-function)' },
  { tag: tags.invalid, color: 'var(--bad)' },
]);

const theme = EditorView.theme({
  '&': { backgroundColor: 'var(--code-bg)', color: 'var(--fg)', fontSize: '0.86rem', border: '1px solid var(--rule)', borderRadius: 'var(--radius)' },
  '&.cm-focused': { outline: '3px solid var(--accent)', outlineOffset: '2px' },
  '.cm-content': { fontFamily: 'var(--font-mono)', caretColor: 'var(--fg)', padding: '0.5rem 0' },
  '.cm-scroller': { fontFamily: 'var(--font-mono)', lineHeight: '1.5', maxHeight: '32rem', overflow: 'auto' },
  '.cm-gutters': { backgroundColor: 'var(--bg-cell)', color: 'var(--fg-soft)', border: 'none', borderRight: '1px solid var(--rule)' },
  '.cm-activeLine': { backgroundColor: 'var(--cm-active-line)' },
  '.cm-activeLineGutter': { backgroundColor: 'var(--cm-active-line)' },
  '.cm-cursor, .cm-dropCursor': { borderLeftColor: 'var(--fg)' },
  '&.cm-focused .cm-selectionBackground, .cm-selectionBackground, ::selection': { backgroundColor: 'var(--cm-selection)' },
  '.cm-matchingBracket': { outline: '1px solid var(--fg-soft)' },
});

/** A cell's editor, as the cell script uses it. */
export interface CellEditor {
  /** The text as it is now. */
  text(): string;
  /** Replace the whole text (Reset, or code restored from a link). */
  setText(text: string): void;
  /** Put the cursor at a 1-based line and column and focus the editor (to show an error). */
  goTo(line: number, column: number): void;
  focus(): void;
  destroy(): void;
}

/** Options of {@link createEditor}. */
export interface EditorOptions {
  /** Starting text. */
  text: string;
  /** Accessible name of the editing area, e.g. "Edit softmaxRows". */
  label: string;
  /** Called with Ctrl/⌘-Enter. */
  onRun(): void;
  /** Called after every change of the text. */
  onChange?(text: string): void;
}

/** Make an editor inside `parent`. */
export function createEditor(parent: HTMLElement, { text, label, onRun, onChange }: EditorOptions): CellEditor {
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc: text,
      extensions: [
        lineNumbers(), highlightActiveLineGutter(), highlightActiveLine(), drawSelection(), history(), indentOnInput(), bracketMatching(),
        javascript({ typescript: true }), syntaxHighlighting(highlight), theme,
        EditorView.lineWrapping, // long lines wrap, so a phone never scrolls sideways inside the editor
        EditorState.tabSize.of(2),
        keymap.of([{ key: 'Mod-Enter', run: () => (onRun(), true) }, indentWithTab, ...defaultKeymap, ...historyKeymap]),
        EditorView.contentAttributes.of({ tabindex: '0', 'aria-label': label, 'aria-describedby': parent.dataset.describedby ?? '' }),
        EditorView.updateListener.of((u) => {
          if (u.docChanged) onChange?.(u.state.doc.toString());
        }),
      ],
    }),
  });
  return {
    text: () => view.state.doc.toString(),
    setText: (next) => view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: next } }),
    goTo: (line, column) => {
      const doc = view.state.doc;
      const l = doc.line(Math.min(Math.max(1, line), doc.lines));
      const pos = Math.min(l.from + Math.max(0, column - 1), l.to);
      view.dispatch({ selection: { anchor: pos }, scrollIntoView: true });
      view.focus();
    },
    focus: () => view.focus(),
    destroy: () => view.destroy(),
  };
}
