import { createServer, request as httpRequest, type Server } from 'node:http';

/**
 * A tiny HTTP proxy in front of a real server that, for the paths told, rewrites the server's
 * JSON answer before passing it on (a server of another version, a proxy mangling bodies: an
 * outside edge), or holds it back a while (a slow server). Everything else, the live stream too,
 * passes through untouched.
 */
export interface RewritingProxy {
  url: string;
  /** From now on, answers on `path` are `rewrite(the server's answer)`, sent once it settles. */
  rewrite(path: string, rewrite: (body: any) => unknown): void;
  /** Stops rewriting everything. */
  passThrough(): void;
  close(): Promise<void>;
}

export async function startRewritingProxy(targetUrl: string): Promise<RewritingProxy> {
  const target = new URL(targetUrl);
  const rewrites = new Map<string, (body: any) => unknown>();
  const server: Server = createServer((req, res) => {
    const rewrite = rewrites.get(new URL(req.url!, targetUrl).pathname);
    const upstream = httpRequest(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, host: target.host } },
      (answer) => {
        if (!rewrite) {
          res.writeHead(answer.statusCode!, answer.headers);
          answer.pipe(res);
          return;
        }
        let text = '';
        answer.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
        answer.on('end', () => {
          void Promise.resolve(rewrite(JSON.parse(text))).then((rewritten) => {
            const body = JSON.stringify(rewritten);
            res.writeHead(answer.statusCode!, {
              'content-type': 'application/json; charset=utf-8',
              'content-length': Buffer.byteLength(body),
            });
            res.end(body);
          });
        });
      },
    );
    upstream.on('error', () => res.destroy());
    res.on('close', () => upstream.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return {
    url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`,
    rewrite: (path, rewrite) => void rewrites.set(path, rewrite),
    passThrough: () => rewrites.clear(),
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
