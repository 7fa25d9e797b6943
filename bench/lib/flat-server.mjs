// A loopback server for a benchmark's built page: serves the files of one flat folder (no subfolders).
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { join } from 'node:path';

const TYPES = { '.js': 'text/javascript', '.html': 'text/html' };

/** An HTTP server (not yet listening) for the files directly in `dir`; `/` is `index.html`. */
export function flatFileServer(dir) {
  return createServer(async (req, res) => {
    try {
      const name = new URL(req.url, 'http://x').pathname.slice(1) || 'index.html';
      const body = await readFile(join(dir, name.replace(/[^\w.-]/g, '')));
      res
        .writeHead(200, {
          'content-type': TYPES[name.slice(name.lastIndexOf('.'))] ?? 'text/plain',
        })
        .end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
}
