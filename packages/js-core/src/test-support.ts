import type { Position } from '@prismind/board';

/** Absolute bitboards of a position (black lo/hi, white lo/hi), for this package's tests. */
export function colours(p: Position): [number, number, number, number] {
  return [p.black[0], p.black[1], p.white[0], p.white[1]];
}
