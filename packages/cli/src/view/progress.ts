import { type OutputStream, println } from '../io';
import { bar, duration, int, pct, rate, signed } from './format';

/** What the training views show, from progress events (train) or the run's files (monitor). */
export interface ProgressSnapshot {
  runId?: string | undefined;
  state?: string | undefined;
  games: number;
  targetGames?: number | null | undefined;
  gamesPerSecond?: number | null | undefined;
  etaSeconds?: number | null | undefined;
  elapsedSeconds?: number | null | undefined;
  avgDiscDiff?: number | undefined;
  blackWinRate?: number | undefined;
  whiteWinRate?: number | undefined;
  drawRate?: number | undefined;
  backend?: string | null | undefined;
  errors?: number | undefined;
  lastCheckpoint?: { path: string; games: number } | null | undefined;
}

function fileName(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
}

function eta(s: ProgressSnapshot): number | undefined {
  if (s.etaSeconds !== undefined && s.etaSeconds !== null) return s.etaSeconds;
  const left = (s.targetGames ?? 0) - s.games;
  const speed = s.gamesPerSecond ?? 0;
  return left > 0 && speed > 0 ? left / speed : undefined;
}

function outcomes(s: ProgressSnapshot): string {
  if (s.blackWinRate === undefined) return 'discs - (no games yet)';
  return (
    `discs ${signed(s.avgDiscDiff ?? 0)} (black minus white)   wins: black ${pct(s.blackWinRate)}` +
    `  white ${pct(s.whiteWinRate ?? 0)}  draws ${pct(s.drawRate ?? 0)}`
  );
}

function checkpointText(s: ProgressSnapshot): string {
  const c = s.lastCheckpoint;
  return c === null || c === undefined
    ? 'last checkpoint: none yet'
    : `last checkpoint: ${fileName(c.path)} (${int(c.games)} games)`;
}

/** The lines of the live view (a terminal redraws them in place). */
export function liveLines(s: ProgressSnapshot, width = 80): string[] {
  const target = s.targetGames ?? 0;
  const fraction = target > 0 ? s.games / target : 0;
  const head = [s.runId && `run ${s.runId}`, s.state, s.backend && `backend ${s.backend}`]
    .filter(Boolean)
    .join('  ');
  const barWidth = Math.max(10, Math.min(50, width - 40));
  return [
    head,
    `${bar(fraction, barWidth)} ${pct(fraction)}  ${int(s.games)}/${target > 0 ? int(target) : '?'} games`,
    `${rate(s.gamesPerSecond)} games/s   elapsed ${duration(s.elapsedSeconds)}   ETA ${duration(eta(s))}` +
      (s.errors ? `   errors ${int(s.errors)}` : ''),
    outcomes(s),
    checkpointText(s),
  ];
}

/** One line for logs and pipes. */
export function plainLine(s: ProgressSnapshot): string {
  const target = s.targetGames ?? 0;
  const parts = [
    `games ${s.games}${target > 0 ? `/${target} (${pct(s.games / target)})` : ''}`,
    `${rate(s.gamesPerSecond)} games/s`,
    `ETA ${duration(eta(s))}`,
  ];
  if (s.blackWinRate !== undefined) {
    parts.push(
      `discs ${signed(s.avgDiscDiff ?? 0)}`,
      `black ${pct(s.blackWinRate)} white ${pct(s.whiteWinRate ?? 0)} draw ${pct(s.drawRate ?? 0)}`,
    );
  }
  if (s.lastCheckpoint) parts.push(`checkpoint ${int(s.lastCheckpoint.games)}`);
  if (s.state !== undefined && s.state !== 'training') parts.unshift(s.state);
  return parts.join('  ');
}

/**
 * Shows progress on a stream: on a terminal, a block of lines redrawn in place (at most every
 * `redrawMs`); elsewhere, a plain line at most every `plainIntervalMs` (and on `flush`). Notes
 * (warnings, state changes) print above the live block.
 */
export class ProgressDisplay {
  private readonly stream: OutputStream;
  private readonly live: boolean;
  private readonly plainIntervalMs: number;
  private readonly redrawMs: number;
  private drawn = 0;
  private lastWrite = 0;
  private latest: ProgressSnapshot | undefined;
  private pending = false;

  constructor(
    stream: OutputStream,
    options: { live?: boolean; plainIntervalMs?: number; redrawMs?: number } = {},
  ) {
    this.stream = stream;
    this.live = options.live ?? stream.isTTY === true;
    this.plainIntervalMs = options.plainIntervalMs ?? 5_000;
    this.redrawMs = options.redrawMs ?? 200;
  }

  get isLive(): boolean {
    return this.live;
  }

  /** New numbers; drawn now or at the next allowed moment. */
  update(snapshot: ProgressSnapshot, force = false): void {
    this.latest = snapshot;
    const now = Date.now();
    const every = this.live ? this.redrawMs : this.plainIntervalMs;
    if (!force && now - this.lastWrite < every) {
      this.pending = true;
      return;
    }
    this.draw(now);
  }

  /** Draws what has not been drawn yet. */
  flush(): void {
    if (this.pending) this.draw(Date.now());
  }

  /** A line printed above the live block (or as is, in plain mode). */
  note(line: string): void {
    if (this.live) {
      this.erase();
      println(this.stream, line);
      if (this.latest !== undefined) this.draw(Date.now());
    } else {
      println(this.stream, line);
    }
  }

  /** Leaves the last drawing on screen and stops redrawing in place. */
  close(): void {
    this.flush();
    this.drawn = 0;
  }

  private draw(now: number): void {
    const s = this.latest;
    if (s === undefined) return;
    this.pending = false;
    this.lastWrite = now;
    if (!this.live) {
      println(this.stream, plainLine(s));
      return;
    }
    this.erase();
    const lines = liveLines(s, this.stream.columns || 80);
    this.stream.write(`${lines.join('\n')}\n`);
    this.drawn = lines.length;
  }

  /** Cursor up over the block and clear to the end of the screen. */
  private erase(): void {
    if (this.drawn > 0) this.stream.write(`\x1b[${this.drawn}F\x1b[0J`);
    this.drawn = 0;
  }
}
