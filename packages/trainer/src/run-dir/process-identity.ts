import { readFileSync } from 'node:fs';

/**
 * Who a process is: its pid and, on Linux, its start time (field 22 of /proc/<pid>/stat, in clock
 * ticks since boot). A pid alone is ambiguous: after a reboot or in a container a new, unrelated
 * process gets the pid of a dead trainer; the pair is unique.
 */
export interface ProcessIdentity {
  pid: number;
  /** null where /proc is absent (macOS, Windows): liveness is then judged by the pid alone. */
  startTime: string | null;
}

interface ProcStat {
  state: string;
  startTime: string;
}

/** /proc/<pid>/stat parsed, null when the process does not exist, undefined without /proc. */
function readProcStat(pid: number): ProcStat | null | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') return undefined;
    return procAvailable() ? null : undefined;
  }
  // the command name (field 2) is in parentheses and may hold spaces or ')': split after the last
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  // fields[0] is field 3 (state); field 22 (starttime) is fields[19]
  const state = fields[0];
  const startTime = fields[19];
  if (state === undefined || startTime === undefined) return undefined;
  return { state, startTime };
}

let hasProc: boolean | undefined;
function procAvailable(): boolean {
  if (hasProc === undefined) {
    try {
      readFileSync('/proc/self/stat');
      hasProc = true;
    } catch {
      hasProc = false;
    }
  }
  return hasProc;
}

/** This process's identity (what a lock records). */
export function currentProcess(): ProcessIdentity {
  return identityOf(process.pid);
}

/** The identity of a running process, as a lock would record it. */
export function identityOf(pid: number): ProcessIdentity {
  const stat = readProcStat(pid);
  return { pid, startTime: stat?.startTime ?? null };
}

function pidExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * True when the process is running: it exists, is not a zombie (exited, not yet reaped) and, when
 * `startTime` is given and /proc can tell, started at that time (a reused pid is another process).
 */
export function isProcessAlive(pid: number, startTime?: string | null): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  const stat = readProcStat(pid);
  if (stat === undefined) return pidExists(pid);
  if (stat === null || stat.state === 'Z' || stat.state === 'X') return false;
  return startTime === undefined || startTime === null || stat.startTime === startTime;
}
