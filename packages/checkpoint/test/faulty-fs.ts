import type { CheckpointFileHandle, CheckpointFs } from '../src/index';
import { nodeFs } from '../src/index';

export type FaultPoint = 'open' | 'write' | 'sync' | 'close' | 'rename' | 'syncDir';

export interface Fault {
  at: FaultPoint;
  /** System code to fail with (ENOSPC, EACCES, EIO, ...). */
  code: string;
  /** How many times to fail before behaving; Infinity for a disk that stays broken. */
  times: number;
  /** For 'write': let this many bytes through first (per file). */
  afterBytes?: number;
}

export function systemError(code: string, syscall: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: simulated failure, ${syscall}`), { code, syscall });
}

/**
 * The real file system with failures injected on writes (only files opened for writing are
 * affected), plus a count of every call, and optional gates that hold a write until released.
 */
export interface FaultyFs {
  fs: CheckpointFs;
  /** Calls by operation ('open:wx', 'write', 'sync', 'close', 'rename', 'syncDir'). */
  calls: Record<string, number>;
  /** Holds every write until the returned function is called. */
  holdWrites(): () => void;
}

export function faultyFs(faults: Fault[], options: { shortWrites?: boolean } = {}): FaultyFs {
  const calls: Record<string, number> = {};
  const remaining = new Map(faults.map((f) => [f, f.times]));
  const count = (what: string) => {
    calls[what] = (calls[what] ?? 0) + 1;
  };
  const maybeFail = (at: FaultPoint, bytesSoFar = 0) => {
    for (const fault of faults) {
      if (fault.at !== at || (remaining.get(fault) ?? 0) <= 0) continue;
      if (at === 'write' && bytesSoFar < (fault.afterBytes ?? 0)) continue;
      remaining.set(fault, remaining.get(fault)! - 1);
      throw systemError(fault.code, at);
    }
  };
  let gate: Promise<void> | undefined;
  const fs: CheckpointFs = {
    ...nodeFs,
    async open(path, flags) {
      count(`open:${flags}`);
      if (flags === 'wx') maybeFail('open');
      const inner = await nodeFs.open(path, flags);
      if (flags !== 'wx') return inner;
      let written = 0;
      const handle: CheckpointFileHandle = {
        ...inner,
        async write(buffer, offset, length, position) {
          count('write');
          if (gate !== undefined) await gate;
          maybeFail('write', written);
          const take = options.shortWrites ? Math.max(1, Math.floor(length / 3)) : length;
          const result = await inner.write(buffer, offset, take, position);
          written += result.bytesWritten;
          return result;
        },
        async sync() {
          count('sync');
          maybeFail('sync');
          return inner.sync();
        },
        async close() {
          count('close');
          await inner.close();
          maybeFail('close');
        },
      };
      return handle;
    },
    async rename(from, to) {
      count('rename');
      maybeFail('rename');
      return nodeFs.rename(from, to);
    },
    async syncDir(dir) {
      count('syncDir');
      maybeFail('syncDir');
      return nodeFs.syncDir(dir);
    },
  };
  return {
    fs,
    calls,
    holdWrites() {
      let release!: () => void;
      gate = new Promise<void>((resolve) => {
        release = resolve;
      });
      return () => {
        gate = undefined;
        release();
      };
    },
  };
}
