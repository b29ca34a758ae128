import { describe, expect, it } from 'vitest';
import { Rng, splitmix32Sequence } from './rng';

// Reference values from an independent Python transcription of docs/engine-spec.md (integers
// masked to 32 bits), run for this test; the xoshiro128** sequence from state [1, 2, 3, 4] is the
// published reference one.
describe('Rng', () => {
  it('splitmix32 matches the reference outputs', () => {
    expect(splitmix32Sequence(0, 4)).toEqual([2462723854, 1020716019, 454327756, 1275600319]);
    expect(splitmix32Sequence(12345, 4)).toEqual([1200724404, 818072533, 996137225, 2397394836]);
  });

  it('xoshiro128** matches the published sequence from [1, 2, 3, 4]', () => {
    const rng = new Rng(1, 2, 3, 4);
    expect(Array.from({ length: 5 }, () => rng.next())).toEqual([
      0x2d00, 0, 0x5a7080, 0x4389d80, 0x79199d9b,
    ]);
  });

  it('seeds each game from (seed, game number)', () => {
    const cases: [number, number, number[], number[]][] = [
      [
        1,
        0,
        [4230986166, 697614773, 1778835764, 280495159],
        [2466671647, 704075991, 1425070668, 2363080060, 956336583, 4095903784],
      ],
      [
        42,
        7,
        [449649579, 953072368, 1087230756, 4059826190],
        [728635518, 621817263, 258605535, 1546188594, 39523979, 3048039234],
      ],
      // The game number enters modulo 2^32, as in the spec's arithmetic.
      [
        0xffffffff,
        2 ** 32 + 5,
        [4085280186, 2009877891, 3834300474, 3352757786],
        [1959789827, 2070169465, 4154626471, 442684738, 2806854666, 1337209037],
      ],
      [
        0,
        0,
        [1020716019, 454327756, 1275600319, 1215922603],
        [1292791899, 1284423797, 2013314966, 3703690653, 3710537375, 750763077],
      ],
    ];
    for (const [seed, game, state, outputs] of cases) {
      const rng = Rng.forGame(seed, game);
      expect(rng.state(), `${seed}/${game}`).toEqual(state);
      expect(Array.from({ length: 6 }, () => rng.next())).toEqual(outputs);
    }
  });

  it('draws floats with 24 bits and ints by floor(float * n)', () => {
    const rng = Rng.forGame(1, 0);
    expect([rng.nextFloat(), rng.nextFloat(), rng.nextFloat()]).toEqual([
      0.5743167400360107, 0.16393041610717773, 0.33180010318756104,
    ]);
    const ints = Rng.forGame(1, 0);
    expect(Array.from({ length: 8 }, () => ints.nextInt(10))).toEqual([5, 1, 3, 5, 2, 9, 1, 9]);
  });

  it('repairs an all-zero state', () => {
    const rng = new Rng(0, 0, 0, 0);
    expect(rng.state()).toEqual([1, 0, 0, 0]);
    expect(Array.from({ length: 4 }, () => rng.next())).toEqual([0, 5760, 5760, 2954880]);
  });

  it('agrees with the Rust core on its published vectors', () => {
    // crates/prismind-engine/src/rng/tests.rs (computed there independently).
    const rng = Rng.forGame(42, 0);
    expect(rng.state()).toEqual([0xa95dc26c, 0x5c2bf244, 0x678cf093, 0xec5f5d8c]);
    expect([rng.next(), rng.next(), rng.next()]).toEqual([0xdccafd96, 0x09f07367, 0x391931a7]);
    const f = Rng.forGame(1, 5);
    expect([f.nextFloat(), f.nextFloat(), f.nextFloat()]).toEqual([
      0.14257735013961792, 0.4758239984512329, 0.9853775501251221,
    ]);
  });
});
