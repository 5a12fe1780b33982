import { parseHTML } from 'linkedom';

/** A DOM document for rendering charts to SVG at build time (Observable Plot needs one). */
export function buildDocument(): Document {
  return parseHTML('<!doctype html><html><body></body></html>').document as unknown as Document;
}
