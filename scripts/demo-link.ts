import { connect, createServer, type Socket } from 'node:net';

/**
 * The demo station's way to the central server: a TCP relay on `port` that the person trying the
 * demo can cut (every connection dropped, new ones refused at once) and restore, so the station
 * goes offline while the server, the station and the virtual printer all keep running.
 */
export async function startDemoLink(serverPort: number, port: number) {
  const sockets = new Set<Socket>();
  let cut = false;
  const relay = createServer((station) => {
    if (cut) return void station.destroy();
    const upstream = connect(serverPort, '127.0.0.1');
    const drop = () => {
      for (const s of [station, upstream]) {
        s.destroy();
        sockets.delete(s);
      }
    };
    sockets.add(station).add(upstream);
    station.pipe(upstream).pipe(station);
    for (const s of [station, upstream]) s.on('error', drop).on('close', drop);
  });
  await new Promise<void>((resolve, reject) => {
    relay.once('error', reject);
    relay.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    url: `http://127.0.0.1:${port}`,
    cut() {
      cut = true;
      for (const s of sockets) s.destroy();
      sockets.clear();
    },
    restore() {
      cut = false;
    },
    close: () => new Promise<void>((resolve) => relay.close(() => resolve())),
  };
}
