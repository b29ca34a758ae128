import { parseCells, parsePlayer } from '@prismind/board';
import type { Player } from '@prismind/board/contracts';

/** A validated position as absolute bitboards (int32 halves) plus the player to move. */
export interface Bitboards {
  blackLo: number;
  blackHi: number;
  whiteLo: number;
  whiteHi: number;
  player: Player;
}

/**
 * Validate contract input with board's parseCells/parsePlayer (so bad input gets exactly board's
 * INVALID_BOARD / INVALID_PLAYER errors) and convert it to bitboards.
 */
export function toBitboards(cells: unknown, player: unknown): Bitboards {
  const c = parseCells(cells);
  const p = parsePlayer(player);
  let blackLo = 0;
  let blackHi = 0;
  let whiteLo = 0;
  let whiteHi = 0;
  for (let s = 0; s < 32; s++) {
    const bit = 1 << s;
    if (c[s] === 1) blackLo |= bit;
    else if (c[s] === 2) whiteLo |= bit;
    if (c[s + 32] === 1) blackHi |= bit;
    else if (c[s + 32] === 2) whiteHi |= bit;
  }
  return { blackLo, blackHi, whiteLo, whiteHi, player: p };
}
