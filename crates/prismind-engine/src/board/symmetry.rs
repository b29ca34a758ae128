//! The 8 symmetries of the board, numbered as in docs/engine-spec.md: for `k`, first transpose
//! (if `k & 4`), then mirror the columns (if `k & 1`), then the rows (if `k & 2`).

/// The image of `square` under symmetry `k` (both taken modulo their ranges: `k & 7`, `square & 63`).
pub const fn symmetry_square(k: u8, square: u8) -> u8 {
    let (mut col, mut row) = (square & 7, (square >> 3) & 7);
    if k & 4 != 0 {
        (col, row) = (row, col);
    }
    if k & 1 != 0 {
        col = 7 - col;
    }
    if k & 2 != 0 {
        row = 7 - row;
    }
    col + 8 * row
}

/// Swap col and row: the a1-h8 diagonal stays, a2 <-> b1. Three delta swaps.
#[inline]
fn transpose(mut x: u64) -> u64 {
    let t = 0x0F0F_0F0F_0000_0000 & (x ^ (x << 28));
    x ^= t ^ (t >> 28);
    let t = 0x3333_0000_3333_0000 & (x ^ (x << 14));
    x ^= t ^ (t >> 14);
    let t = 0x5500_5500_5500_5500 & (x ^ (x << 7));
    x ^= t ^ (t >> 7);
    x
}

/// col -> 7 - col: reversing all 64 bits mirrors both axes, swapping bytes restores the rows.
#[inline]
fn mirror_columns(x: u64) -> u64 {
    x.reverse_bits().swap_bytes()
}

/// The image of a bitboard under symmetry `k` (`k & 7`).
pub fn symmetry_bits(mut bits: u64, k: u8) -> u64 {
    if k & 4 != 0 {
        bits = transpose(bits);
    }
    if k & 1 != 0 {
        bits = mirror_columns(bits);
    }
    if k & 2 != 0 {
        bits = bits.swap_bytes();
    }
    bits
}
