// Starts a real all-in-one `ultramarket serve` on a throwaway data dir, seeded with a demo
// catalog and one admin, serving the built front ends from this checkout.
import { spawn, execFile } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';

const run = promisify(execFile);
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const BINARY = process.env.UM_BINARY ? path.resolve(process.env.UM_BINARY) : path.join(ROOT, 'build', 'ultramarket');

export const ADMIN = { email: 'admin@ultramarket.test', password: 'admin-password-1' };

/** A loopback port free right now, for a server that must know its own URL before it starts. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/**
 * `env` adds configuration (e.g. a payment provider pointed at a fake); `knownPort` makes the
 * server listen on a port chosen up front and use it as PUBLIC_URL, for links it hands out
 * (PayPal's return URL) — port 0 otherwise.
 */
export async function startShop({ products = 30, env: extraEnv = {}, knownPort = false } = {}) {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'um-browser-'));
  const port = knownPort ? await freePort() : 0;
  const env = {
    ...process.env,
    PORT: String(port),
    // Every flow's requests come from 127.0.0.1: the per-client rate limit would count them as one shopper.
    RATE_LIMIT_MAX: '100000000',
    ...(knownPort ? { PUBLIC_URL: `http://127.0.0.1:${port}` } : {}),
    ...extraEnv,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
    WEB_DIST_DIR: path.join(ROOT, 'web', 'dist'),
    ADMIN_DIST_DIR: path.join(ROOT, 'admin', 'dist'),
  };
  delete env.DATABASE_URL;
  const cli = async (...args) => {
    try {
      return await run(BINARY, [...args, '--data-dir', dataDir], { env, timeout: 300_000, maxBuffer: 16 << 20 });
    } catch (e) {
      throw new Error(`ultramarket ${args.join(' ')} failed: ${e.stderr || e.stdout || e.message}`);
    }
  };
  await cli('seed', '--products', String(products));
  await cli('user', 'create', '--email', ADMIN.email, '--password', ADMIN.password, '--role', 'admin');

  const logPath = path.join(dataDir, 'server.log');
  const log = createWriteStream(logPath);
  const proc = spawn(BINARY, ['serve', '--port', String(port), '--data-dir', dataDir], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  proc.stderr.pipe(log, { end: false });
  const url = await new Promise((resolve, reject) => {
    let buffer = '';
    const timer = setTimeout(() => reject(new Error(`server did not start within 60 s; log: ${logPath}`)), 60_000);
    proc.stdout.on('data', (chunk) => {
      log.write(chunk);
      buffer += chunk;
      const m = buffer.match(/running at (http:\/\/127\.0\.0\.1:\d+)\//);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    proc.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before it was ready; log: ${logPath}`));
    });
  });

  return {
    url,
    dataDir,
    logPath,
    cli,
    /** JSON call to the API, for set-up and for checking what the UI claims. */
    async api(method, p, body, token) {
      const headers = { Accept: 'application/json' };
      if (body !== undefined) headers['Content-Type'] = 'application/json';
      if (token) headers.Authorization = `Bearer ${token}`;
      const res = await fetch(url + p, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
      const text = await res.text();
      return { status: res.status, json: text ? JSON.parse(text) : null };
    },
    async stop() {
      if (proc.exitCode === null) {
        proc.kill('SIGTERM');
        await new Promise((r) => {
          const t = setTimeout(() => {
            proc.kill('SIGKILL');
            r();
          }, 15_000);
          proc.on('exit', () => {
            clearTimeout(t);
            r();
          });
        });
      }
      log.end();
      if (!process.env.UM_KEEP_DATA) await rm(dataDir, { recursive: true, force: true });
    },
  };
}
