import type { BackendChoice } from '@prismind/board/contracts';
import { basename } from 'node:path';
import { EXIT } from '../errors';
import { type CliIO, println } from '../io';
import { loadEngine } from '../model';
import { secondsToMs } from '../move-search';
import { runNBoard } from '../nboard/session';

export interface NBoardArgs {
  checkpoint: string;
  backend?: BackendChoice | undefined;
  /** Depth until the GUI sends `set depth`. Default 4. */
  depth?: number | undefined;
  /** Cap on `set depth`. Default 12. */
  maxDepth?: number | undefined;
  /** Exact solving at this many empties or fewer. Default 10. */
  exactEmpties?: number | undefined;
  /** The name announced to the GUI. Default "Prismind <checkpoint file>". */
  name?: string | undefined;
  /** Per-move time budget in seconds, until the GUI sets a depth (NBoardOptions.moveTimeMs). */
  moveTime?: number | undefined;
}

/**
 * `prismind-cli nboard`: the model as an NBoard engine on stdin/stdout. Only protocol lines go to
 * stdout; diagnostics go to stderr.
 */
export async function nboardCommand(args: NBoardArgs, io: CliIO): Promise<number> {
  const loaded = await loadEngine(args.checkpoint, args.backend ?? 'auto', io);
  const name = args.name ?? `Prismind-${basename(loaded.path).replace(/\.prsm$/, '')}`;
  try {
    await runNBoard(io.stdin, io.stdout, {
      engine: loaded.engine,
      name: name.replace(/\s+/g, '-'),
      depth: args.depth,
      maxDepth: args.maxDepth,
      exactEmpties: args.exactEmpties,
      moveTimeMs: secondsToMs(args.moveTime),
      log: io.verbose ? (line) => println(io.stderr, line) : undefined,
      warn: (line) => println(io.stderr, line),
    });
  } finally {
    await loaded.engine.dispose().catch(() => undefined);
  }
  return EXIT.OK;
}
