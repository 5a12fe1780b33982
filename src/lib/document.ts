import { parseHTML } from 'linkedom';

/** A DOM document for rendering charts to SVG at build time (Observable Plot needs one). */
export function buildDocument(): Document {
  return parseHTML('<!doctype html><html><body></body></html>').document as unknown as Document;
}

/**
 * The markup of a widget's light DOM, built at build time with the same DOM code the page
 * runs (`build` receives a linkedom document and returns the nodes to put inside).
 */
export function lightDom(build: (doc: Document) => Node): string {
  const doc = buildDocument();
  const holder = doc.createElement('div');
  holder.append(build(doc));
  return holder.innerHTML;
}
