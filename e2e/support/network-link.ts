import { connect, createServer, type Server, type Socket } from 'node:net';
import { freePort } from './processes';

/**
 * The network between one station and the central server, as a TCP relay the test can cut and
 * restore: that station goes offline while the server and every other station stay up.
 */
export interface NetworkLink {
  url: string;
  cut(): Promise<void>;
  restore(): Promise<void>;
}

export async function startNetworkLink(serverPort: number): Promise<NetworkLink> {
  const port = await freePort();
  const sockets = new Set<Socket>();
  let relay: Server | null = null;

  const listen = () =>
    new Promise<void>((resolve, reject) => {
      const srv = createServer((station) => {
        const upstream = connect(serverPort, '127.0.0.1');
        const drop = () => {
          station.destroy();
          upstream.destroy();
          sockets.delete(station);
          sockets.delete(upstream);
        };
        sockets.add(station);
        sockets.add(upstream);
        station.pipe(upstream);
        upstream.pipe(station);
        for (const s of [station, upstream]) s.on('error', drop).on('close', drop);
      });
      srv.once('error', reject);
      srv.listen(port, '127.0.0.1', () => {
        relay = srv;
        resolve();
      });
    });

  const cut = () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      sockets.clear();
      if (!relay) return resolve();
      relay.close(() => resolve());
      relay = null;
    });

  await listen();
  return { url: `http://127.0.0.1:${port}`, cut, restore: listen };
}
