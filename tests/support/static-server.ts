// A tiny static file server for the built site (dist/), used by page tests, benchmarks
// and screenshots. Serves dir/x/index.html for /x/ and 404.html for what is missing.
import { createServer, type Server } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.woff': 'font/woff', '.woff2': 'font/woff2', '.json': 'application/json',
  '.ico': 'image/x-icon', '.txt': 'text/plain; charset=utf-8', '.wasm': 'application/wasm', '.pf_meta': 'application/octet-stream',
  '.webmanifest': 'application/manifest+json',
};

async function fileFor(root: string, urlPath: string): Promise<string | null> {
  const clean = normalize(decodeURIComponent(urlPath.split('?')[0])).replace(/^(\.\.[/\\])+/, '');
  const path = join(root, clean);
  if (!path.startsWith(root)) return null;
  for (const candidate of [path, join(path, 'index.html')]) {
    try {
      if ((await stat(candidate)).isFile()) return candidate;
    } catch {
      /* try the next */
    }
  }
  return null;
}

/** Serve `dir` on 127.0.0.1:`port` (0 = any free port). Resolves with the base URL and a close(). */
export async function serveDir(dir: string, port = 0): Promise<{ url: string; close: () => Promise<void>; server: Server }> {
  const root = resolve(dir);
  const server = createServer(async (req, res) => {
    const file = await fileFor(root, req.url ?? '/');
    if (!file) {
      const notFound = await readFile(join(root, '404.html')).catch(() => Buffer.from('not found'));
      res.writeHead(404, { 'content-type': TYPES['.html'] });
      res.end(notFound);
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    res.end(await readFile(file));
  });
  await new Promise<void>((ok) => server.listen(port, '127.0.0.1', ok));
  const address = server.address();
  const actual = typeof address === 'object' && address ? address.port : port;
  return { url: `http://127.0.0.1:${actual}`, server, close: () => new Promise((ok) => server.close(() => ok())) };
}
