import { readFileSync } from 'node:fs';

const MIB = 1024 * 1024;

/**
 * The resident memory of a process on this machine, from /proc/<pid>/status (Linux), rounded to
 * MiB so that the page is not told of every page fault; null where there is no /proc or no such
 * process.
 */
export function residentBytes(pid: number): number | null {
  let status: string;
  try {
    status = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return null;
  }
  const kb = /^VmRSS:\s+(\d+) kB$/m.exec(status);
  return kb === null ? null : Math.round((Number(kb[1]) * 1024) / MIB) * MIB;
}
