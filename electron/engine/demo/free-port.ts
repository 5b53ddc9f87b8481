import { createServer } from 'node:net';

// A port on 127.0.0.1 for a loopback redirect URI that must be known before anything listens
// on it (the demo registers it with the sandbox, then the sign-in binds it). Between the check
// and the bind another program can take it: ports handed out by listen(0) and by outgoing
// connections come from the OS's ephemeral range (Linux 32768–60999; Windows and macOS
// 49152–65535), so this picks below those, where such collisions are rare. Callers still
// retry when it happens (demo-engine.ts).
const LOW = 20_000;
const HIGH = 32_767;
const TRIES = 20;

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

function anyPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('no port'))));
    });
  });
}

export async function freeLoopbackPort(random: () => number = Math.random): Promise<number> {
  for (let i = 0; i < TRIES; i += 1) {
    const port = LOW + Math.floor(random() * (HIGH - LOW + 1));
    if (await canListen(port)) return port;
  }
  return anyPort();
}
