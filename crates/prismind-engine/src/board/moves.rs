//! Move generation and flips on side-relative bitboards (`p` = player to move, `o` = opponent).
//!
//! Legal moves: a shift-and-mask flood (Kogge-Stone style doubling) in all 8 directions at once, no
//! per-square loop. Flips: for each direction, the ray from the move square is masked with the
//! non-opponent squares; its nearest bit (lowest for rays that go up in index, highest for rays
//! that go down) is the outflanking square, and the opponent discs between it and the move flip if
//! it holds a player disc. Both are branch-free.

/// Squares not on the a- or h-file: an opponent disc there can never be outflanked sideways or
/// diagonally, and masking it stops shifts from wrapping round a row.
const INNER_FILES: u64 = 0x7E7E_7E7E_7E7E_7E7E;

/// Opponent runs adjacent to `p` in direction `+d` and `-d`, shifted one step beyond the run.
#[inline(always)]
fn flood_both_ways(p: u64, mask: u64, d: u32) -> u64 {
    let d2 = d * 2;
    // Direction +d (towards higher squares).
    let mut up = mask & (p << d);
    up |= mask & (up << d);
    let mask_up = mask & (mask << d);
    up |= mask_up & (up << d2);
    up |= mask_up & (up << d2);
    // Direction -d.
    let mut down = mask & (p >> d);
    down |= mask & (down >> d);
    let mask_down = mask & (mask >> d);
    down |= mask_down & (down >> d2);
    down |= mask_down & (down >> d2);
    (up << d) | (down >> d)
}

/// All legal moves for the player `p` against `o`, as a bitboard.
#[inline]
pub fn legal_moves(p: u64, o: u64) -> u64 {
    let inner = o & INNER_FILES;
    let moves = flood_both_ways(p, inner, 1)
        | flood_both_ways(p, o, 8)
        | flood_both_ways(p, inner, 7)
        | flood_both_ways(p, inner, 9);
    moves & !(p | o)
}

/// Rays from each square, excluding the square itself. `UP[d][s]` goes towards higher squares:
/// east (+1), north-west (+7), north (+8), north-east (+9); `DOWN[d][s]` the mirror directions.
struct Rays {
    up: [[u64; 64]; 4],
    down: [[u64; 64]; 4],
}

const fn ray(square: usize, dcol: i32, drow: i32) -> u64 {
    let mut bits = 0u64;
    let mut col = (square % 8) as i32 + dcol;
    let mut row = (square / 8) as i32 + drow;
    while col >= 0 && col < 8 && row >= 0 && row < 8 {
        bits |= 1u64 << (row * 8 + col);
        col += dcol;
        row += drow;
    }
    bits
}

const fn build_rays() -> Rays {
    // (dcol, drow) for +1, +7, +8, +9; the down rays negate both.
    const DIRS: [(i32, i32); 4] = [(1, 0), (-1, 1), (0, 1), (1, 1)];
    let mut rays = Rays {
        up: [[0; 64]; 4],
        down: [[0; 64]; 4],
    };
    let mut d = 0;
    while d < 4 {
        let mut s = 0;
        while s < 64 {
            rays.up[d][s] = ray(s, DIRS[d].0, DIRS[d].1);
            rays.down[d][s] = ray(s, -DIRS[d].0, -DIRS[d].1);
            s += 1;
        }
        d += 1;
    }
    rays
}

static RAYS: Rays = build_rays();

const fn build_adjacent() -> [u64; 64] {
    let mut table = [0u64; 64];
    let mut s = 0;
    while s < 64 {
        let mut d = 0;
        while d < 4 {
            // The first square of each ray is the neighbour in that direction.
            let up = RAYS.up[d][s];
            let down = RAYS.down[d][s];
            table[s] |= up & up.wrapping_neg();
            if down != 0 {
                table[s] |= 1u64 << (63 - down.leading_zeros());
            }
            d += 1;
        }
        s += 1;
    }
    table
}

static ADJACENT: [u64; 64] = build_adjacent();

/// The up-to-8 squares around `square`. A move there can flip only if one of them holds an
/// opponent disc: a one-instruction test that spares most `flips` calls on hopeless squares.
#[inline(always)]
pub fn adjacent(square: usize) -> u64 {
    ADJACENT[square]
}

/// Discs flipped when the player `p` plays `square` against `o` (0 when the move flips nothing,
/// i.e. is illegal; the square itself is not included).
#[inline]
pub fn flips(square: usize, p: u64, o: u64) -> u64 {
    debug_assert!(square < 64);
    let not_o = !o;
    let mut flipped = 0u64;
    for d in 0..4 {
        // Towards higher squares: the nearest non-opponent square is the lowest set bit.
        let ray_up = RAYS.up[d][square];
        let stop = ray_up & not_o;
        let outflank = stop & stop.wrapping_neg() & p;
        flipped |= outflank.wrapping_sub((outflank != 0) as u64) & ray_up;

        // Towards lower squares: the nearest non-opponent square is the highest set bit. `| 1` keeps
        // leading_zeros below 64 when `stop` is empty; the `& stop` then clears the stray bit.
        let ray_down = RAYS.down[d][square];
        let stop = ray_down & not_o;
        let outflank = ((1u64 << 63) >> (stop | 1).leading_zeros()) & stop & p;
        flipped |= (outflank << 1).wrapping_neg() & ray_down;
    }
    flipped
}
