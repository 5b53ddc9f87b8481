// A certificate authority made for one test run with the openssl CLI (Debian's `openssl`
// package; .ci/run installs it), and a server certificate it signs for localhost and
// 127.0.0.1. Keys and certificates live in the test's own temp directory.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ThrowawayCa {
  /** The CA's name, as a TLS error should report it. */
  name: string;
  /** PEM of the CA certificate (what a client must trust). */
  caPem: string;
  caFile: string;
  /** The server's key and certificate (signed by the CA), PEM. */
  key: string;
  cert: string;
  dir: string;
  remove(): void;
}

export function makeThrowawayCa(name = `Ringtray Test Root ${process.pid}-${Date.now()}`): ThrowawayCa {
  const dir = mkdtempSync(join(tmpdir(), 'ringtray-ca-'));
  const at = (file: string) => join(dir, file);
  const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];
  openssl('req', '-x509', ...ec, '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', `/CN=${name}`);
  openssl('req', ...ec, '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=localhost');
  writeFileSync(at('san.ext'), 'subjectAltName=DNS:localhost,IP:127.0.0.1\n');
  openssl('x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'server.pem', '-days', '2', '-extfile', 'san.ext');
  return {
    name,
    caPem: readFileSync(at('ca.pem'), 'utf8'),
    caFile: at('ca.pem'),
    key: readFileSync(at('server.key'), 'utf8'),
    cert: readFileSync(at('server.pem'), 'utf8'),
    dir,
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
