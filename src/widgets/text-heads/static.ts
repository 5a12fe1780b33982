/**
 * The widget's default drawing, computed at build time from the shipped text model with the
 * same code the page runs (the page fetches the checkpoint; see src/workers/checkpoint.ts).
 */
import { textCheckpoint } from '../../lib/text';
import { textConfig } from '../../training/text';
import { renderShell } from './shell';

/** The shell for the default state, drawn into `doc`. */
export function staticShell(doc: Document, key: string): DocumentFragment {
  const { settings, params } = textCheckpoint();
  return renderShell(doc, key, { params, config: textConfig(settings) });
}
