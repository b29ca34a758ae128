import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeLogger, componentLogger, createLogger, logFileFailure } from './logger';

class MemoryStream {
  chunks: string[] = [];
  constructor(readonly isTTY = false) {}
  write(chunk: string): boolean {
    this.chunks.push(chunk);
    return true;
  }
  lines(): Record<string, unknown>[] {
    return this.chunks
      .join('')
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
  }
}

function readLines(file: string): Record<string, unknown>[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'prismind-logger-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('createLogger', () => {
  it('appends JSON lines to the file (creating its directory), readable at once', () => {
    const file = join(dir, 'logs', 'train.jsonl');
    const stream = new MemoryStream();
    const logger = createLogger({ file, stream, base: { runId: 'r1' } });
    logger.info({ games: 100 }, 'hello');
    logger.warn('careful');
    const lines = readLines(file);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ level: 30, msg: 'hello', games: 100, runId: 'r1' });
    expect(lines[0]!.time).toEqual(expect.any(Number));
    expect(lines[1]).toMatchObject({ level: 40, msg: 'careful' });
    // a file and no TTY: nothing echoed to the console
    expect(stream.chunks).toEqual([]);
    expect(logFileFailure(logger)).toBeNull();
    closeLogger(logger);
  });

  it('tags lines with the component of the logger and of its children', () => {
    const file = join(dir, 'a.jsonl');
    const logger = createLogger({ file, component: 'cli', stream: new MemoryStream() });
    logger.info('root');
    componentLogger(logger, 'trainer', { worker: 2 }).info('child');
    logger.child({ component: 'checkpoint' }).error('grandchild');
    const lines = readLines(file);
    expect(lines.map((l) => l.component)).toEqual(['cli', 'trainer', 'checkpoint']);
    expect(lines[1]).toMatchObject({ worker: 2 });
    expect(lines[2]).toMatchObject({ level: 50 });
    closeLogger(logger);
  });

  it('filters by level: debug lines only when the level is debug', () => {
    const stream = new MemoryStream();
    const info = createLogger({ stream, pretty: false });
    info.debug('hidden');
    info.info('shown');
    expect(stream.lines().map((l) => l.msg)).toEqual(['shown']);

    const debugStream = new MemoryStream();
    const debug = createLogger({ stream: debugStream, level: 'debug', pretty: false });
    debug.debug('d');
    debug.info('i');
    debug.warn('w');
    debug.error('e');
    expect(debugStream.lines().map((l) => l.level)).toEqual([20, 30, 40, 50]);

    const errorStream = new MemoryStream();
    const errorOnly = createLogger({ stream: errorStream, level: 'error', pretty: false });
    errorOnly.warn('w');
    errorOnly.error('e');
    expect(errorStream.lines().map((l) => l.msg)).toEqual(['e']);

    const silentStream = new MemoryStream();
    createLogger({ stream: silentStream, level: 'silent' }).error('nothing');
    expect(silentStream.chunks).toEqual([]);
  });

  it('rejects an unknown level with INVALID_OPTIONS', () => {
    expect(() => createLogger({ level: 'verbose' as 'info' })).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTIONS' }),
    );
  });

  it('falls back to the console when the file path is a directory, and says so once', () => {
    const stream = new MemoryStream();
    const logger = createLogger({ file: dir, stream });
    logger.info('one');
    logger.info('two');
    const lines = stream.lines();
    expect(lines[0]).toMatchObject({ level: 40, event: 'log_fallback', file: dir });
    expect(String(lines[0]!.msg)).toContain('cannot be written');
    expect(lines.slice(1).map((l) => l.msg)).toEqual(['one', 'two']);
    expect(lines.filter((l) => l.event === 'log_fallback')).toHaveLength(1);
    expect(logFileFailure(logger)).toMatchObject({ code: 'IO_FAILED' });
  });

  it('falls back when the directory cannot be created (a file is in the way)', () => {
    const blocker = join(dir, 'not-a-dir');
    writeFileSync(blocker, 'x');
    const stream = new MemoryStream();
    const logger = createLogger({ file: join(blocker, 'logs', 'train.jsonl'), stream });
    logger.error({ game: 7 }, 'still logged');
    const lines = stream.lines();
    expect(lines.map((l) => l.event ?? l.msg)).toEqual(['log_fallback', 'still logged']);
    expect(lines[1]).toMatchObject({ game: 7, level: 50 });
  });

  it.skipIf(!existsSync('/dev/full'))('falls back mid-run when a write fails (ENOSPC)', () => {
    const stream = new MemoryStream();
    // /dev/full opens fine and fails every write with ENOSPC: a disk that filled up mid-run
    const logger = createLogger({ file: '/dev/full', stream });
    expect(logFileFailure(logger)).toBeNull();
    logger.info('first');
    logger.info('second');
    const lines = stream.lines();
    expect(lines.map((l) => l.event ?? l.msg)).toEqual(['first', 'log_fallback', 'second']);
    expect(String(lines[1]!.err)).toContain('ENOSPC');
    expect(logFileFailure(logger)).toMatchObject({ code: 'IO_FAILED' });
  });

  it('pretty-prints on a TTY and keeps JSON in the file', () => {
    const file = join(dir, 'p.jsonl');
    const tty = new MemoryStream(true);
    const logger = createLogger({ file, stream: tty, component: 'trainer' });
    logger.info({ games: 5 }, 'pretty line');
    const text = tty.chunks.join('');
    expect(text).toContain('INFO');
    expect(text).toContain('[trainer] pretty line');
    expect(text.trimStart().startsWith('{')).toBe(false);
    expect(readLines(file)[0]).toMatchObject({ msg: 'pretty line', component: 'trainer' });
    closeLogger(logger);
  });

  it('writes JSON to a non-TTY console when there is no file', () => {
    const stream = new MemoryStream(false);
    createLogger({ stream }).info('plain');
    expect(stream.lines()[0]).toMatchObject({ msg: 'plain', level: 30 });
  });

  it('loses no line when the process exits right after logging', () => {
    const file = join(dir, 'exit.jsonl');
    const script = join(dir, 'exit.ts');
    const loggerPath = fileURLToPath(new URL('./logger.ts', import.meta.url));
    writeFileSync(
      script,
      `import { createLogger } from ${JSON.stringify(loggerPath)};
const logger = createLogger({ file: ${JSON.stringify(file)}, echo: false });
for (let i = 0; i < 500; i++) logger.info({ i }, 'line');
process.exit(3);
`,
    );
    let status = 0;
    try {
      execFileSync(process.execPath, ['--import', 'tsx', script], {
        cwd: fileURLToPath(new URL('..', import.meta.url)),
        stdio: 'pipe',
      });
    } catch (error) {
      status = (error as { status: number }).status;
    }
    expect(status).toBe(3);
    const lines = readLines(file);
    expect(lines).toHaveLength(500);
    expect(lines[499]).toMatchObject({ i: 499 });
  });
});
