import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { Redis } from 'ioredis';
import mongoose from 'mongoose';
import { AppError } from '../core/errors.ts';

/**
 * Development and test services: reuses Redis and MongoDB where they answer, otherwise starts
 * a local `redis-server`, a `mongod` on PATH, or FerretDB (built once from the Go module proxy
 * into a cache outside the repo), each on a free loopback port with a temporary data folder.
 */
export interface LocalServices {
  redisUrl: string;
  mongoUri: string;
  /** What was started here (empty when everything was reused). */
  started: string[];
  stop(): Promise<void>;
}

const FERRETDB_VERSION = 'v1.24.2';
const cacheDir = process.env.BENCHMARKHUB_CACHE ?? join(homedir(), '.cache', 'benchmarkhub');

type Log = (message: string) => void;

/** Where the service and the CLI keep local MongoDB data between runs (tests use throwaway folders). */
export const PERSISTENT_MONGO = { dir: join(cacheDir, 'data', 'mongodb'), port: 27018 } as const;

export async function startLocalServices(options: {
  redisUrl: string;
  mongoUri?: string;
  log?: Log;
  /**
   * Keep MongoDB data in `dir` and serve it on `port`, so `npm start` and the CLI see the same
   * history; a server already answering there is reused.
   */
  persistentMongo?: { dir: string; port: number };
}): Promise<LocalServices> {
  const log = options.log ?? ((message) => console.error(message));
  const stops: Array<() => Promise<void>> = [];
  const started: string[] = [];
  try {
    let redisUrl = options.redisUrl;
    if (!(await redisAnswers(redisUrl))) {
      const redis = await startRedis(log);
      stops.push(redis.stop);
      started.push('redis-server');
      redisUrl = redis.url;
    }
    const persistent = options.persistentMongo;
    let mongoUri = options.mongoUri ?? `mongodb://127.0.0.1:${persistent?.port ?? 27017}/benchmarkhub`;
    if (!(await mongoAnswers(mongoUri))) {
      const mongo = await startMongo(log, persistent?.port, persistent?.dir);
      stops.push(mongo.stop);
      started.push(mongo.name);
      mongoUri = mongo.uri;
    }
    return {
      redisUrl,
      mongoUri,
      started,
      stop: () => stopAll(stops),
    };
  } catch (error) {
    await stopAll(stops);
    throw error;
  }
}

async function stopAll(stops: Array<() => Promise<void>>): Promise<void> {
  for (const stop of stops.reverse()) await stop();
}

export async function redisAnswers(url: string): Promise<boolean> {
  const redis = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    connectTimeout: 1000,
    retryStrategy: () => null,
  });
  redis.on('error', () => {});
  try {
    await redis.connect();
    return (await redis.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}

export async function mongoAnswers(uri: string): Promise<boolean> {
  const connection = mongoose.createConnection(uri, { serverSelectionTimeoutMS: 1000 });
  connection.on('error', () => {});
  try {
    await connection.asPromise();
    await connection.db?.admin().ping();
    return true;
  } catch {
    return false;
  } finally {
    await connection.close().catch(() => {});
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

function which(command: string, extraDirs: string[] = []): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), ...extraDirs];
  return dirs.map((dir) => join(dir, command)).find((path) => existsSync(path));
}

/** Starts a child process and resolves once `ready()` is true; kills it on stop. */
async function startProcess(
  name: string,
  command: string,
  args: string[],
  ready: () => Promise<boolean>,
  /** A throwaway data folder to delete on stop. */
  dataDir: string | undefined,
): Promise<() => Promise<void>> {
  const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-2000);
  });
  const stop = async () => {
    await killChild(child);
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    if (await ready()) return stop;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await stop();
  throw new AppError('local_service_failed', `${name} did not start: ${stderr.trim() || 'no answer within 30 s'}`);
}

async function killChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

/** Starts a throwaway redis-server on `port` (a free one by default). */
export async function startRedis(log: Log, port?: number): Promise<{ url: string; stop: () => Promise<void> }> {
  const binary = which('redis-server');
  if (!binary) {
    throw new AppError(
      'no_redis',
      'Redis is not reachable at REDIS_URL and redis-server is not installed. Install Redis (e.g. `apt-get install redis-server`) or set REDIS_URL.',
    );
  }
  port ??= await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'benchmarkhub-redis-'));
  const url = `redis://127.0.0.1:${port}`;
  log(`local services: starting redis-server on ${url}`);
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir];
  const stop = await startProcess('redis-server', binary, args, () => redisAnswers(url), dir);
  return { url, stop };
}

/** Starts a throwaway MongoDB-compatible server on `port` (a free one by default). */
export async function startMongo(
  log: Log,
  port?: number,
  keepIn?: string,
): Promise<{ name: string; uri: string; stop: () => Promise<void> }> {
  port ??= await freePort();
  if (keepIn) mkdirSync(keepIn, { recursive: true });
  const dir = keepIn ?? mkdtempSync(join(tmpdir(), 'benchmarkhub-mongo-'));
  const dataToRemove = keepIn ? undefined : dir;
  const uri = `mongodb://127.0.0.1:${port}/benchmarkhub`;
  const ready = () => mongoAnswers(uri);
  const mongod = which('mongod');
  if (mongod) {
    log(`local services: starting mongod on port ${port}`);
    const args = ['--port', String(port), '--bind_ip', '127.0.0.1', '--dbpath', dir];
    return { name: 'mongod', uri, stop: await startProcess('mongod', mongod, args, ready, dataToRemove) };
  }
  const ferretdb = ensureFerretDb(log);
  if (ferretdb) {
    log(`local services: starting FerretDB ${FERRETDB_VERSION} (SQLite) on port ${port}`);
    const args = [
      '--handler=sqlite',
      `--sqlite-url=file:${dir}/`,
      `--state-dir=${dir}`,
      `--listen-addr=127.0.0.1:${port}`,
      '--debug-addr=-',
      '--telemetry=disable',
      '--log-level=error',
    ];
    return { name: 'ferretdb', uri, stop: await startProcess('FerretDB', ferretdb, args, ready, dataToRemove) };
  }
  if (dataToRemove) rmSync(dataToRemove, { recursive: true, force: true });
  const memory = await startMemoryServer(log);
  if (memory) return memory;
  throw new AppError(
    'no_mongodb',
    'MongoDB is not reachable at MONGODB_URI, there is no mongod on PATH, FerretDB could not be built (Go is needed) and mongodb-memory-server-core is not installed. Install MongoDB or Go, or set MONGODB_URI.',
  );
}

/**
 * Returns the cached FerretDB binary, building it the first time. `go install …@v1.24.2` alone
 * yields a binary that panics at start (its embedded version.txt is generated at release time), so
 * we build the same module from the Go module cache with that file written in.
 */
function ensureFerretDb(log: Log): string | undefined {
  const binDir = join(cacheDir, 'ferretdb', FERRETDB_VERSION);
  const binary = join(binDir, 'ferretdb');
  if (existsSync(binary)) return binary;
  const go = which('go', ['/usr/local/go/bin']);
  if (!go) return undefined;
  log(`local services: building FerretDB ${FERRETDB_VERSION} into ${binDir} (once; takes a minute or two)`);
  const workDir = mkdtempSync(join(tmpdir(), 'benchmarkhub-ferretdb-build-'));
  try {
    const download = runGo(
      go,
      ['mod', 'download', '-json', `github.com/FerretDB/FerretDB@${FERRETDB_VERSION}`],
      workDir,
    );
    const moduleDir = (JSON.parse(download) as { Dir: string }).Dir;
    const source = join(workDir, 'src');
    cpSync(moduleDir, source, { recursive: true });
    chmodTree(source);
    writeFileSync(join(source, 'build', 'version', 'version.txt'), `${FERRETDB_VERSION}\n`);
    mkdirSync(binDir, { recursive: true });
    runGo(go, ['build', '-trimpath', '-o', binary, './cmd/ferretdb'], source);
    return binary;
  } catch (error) {
    log(`local services: building FerretDB failed: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

function runGo(go: string, args: string[], cwd: string): string {
  const result = spawnSync(go, args, { cwd, encoding: 'utf8', env: { ...process.env, GOFLAGS: '' } });
  if (result.status !== 0) throw new Error(`go ${args.join(' ')}: ${(result.stderr ?? '').trim().slice(-1000)}`);
  return result.stdout;
}

/** The module cache is read-only; the copy must be writable to add a file and be removed later. */
function chmodTree(path: string): void {
  chmodSync(path, 0o755);
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    const child = join(path, entry.name);
    if (entry.isDirectory()) chmodTree(child);
    else chmodSync(child, 0o644);
  }
}

/** The last resort on machines with internet access: an in-memory mongod downloaded by the package. */
async function startMemoryServer(
  log: Log,
): Promise<{ name: string; uri: string; stop: () => Promise<void> } | undefined> {
  const moduleName = 'mongodb-memory-server-core';
  const loaded = await import(moduleName).catch(() => undefined);
  if (!loaded) return undefined;
  log('local services: starting mongodb-memory-server');
  const server = await loaded.MongoMemoryServer.create();
  return {
    name: 'mongodb-memory-server',
    uri: `${server.getUri()}benchmarkhub`,
    stop: async () => void (await server.stop()),
  };
}

/** `npm run services`: starts what is missing, prints the URLs, and keeps them up until interrupted. */
if (import.meta.main) {
  const services = await startLocalServices({
    redisUrl: process.env.REDIS_URL || 'redis://127.0.0.1:6379',
    mongoUri: process.env.MONGODB_URI || undefined,
    persistentMongo: PERSISTENT_MONGO,
  });
  console.log(`REDIS_URL=${services.redisUrl}\nMONGODB_URI=${services.mongoUri}`);
  const shutdown = () => void services.stop().then(() => process.exit(0));
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}
