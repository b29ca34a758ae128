//! The bit tricks against a naive square-by-square reference, on random reachable positions.

use super::*;
use crate::error::ErrorCode;
use crate::rng::Rng;

const DIRS: [(i32, i32); 8] = [
    (1, 0),
    (-1, 0),
    (0, 1),
    (0, -1),
    (1, 1),
    (1, -1),
    (-1, 1),
    (-1, -1),
];

fn naive_flips(square: usize, p: u64, o: u64) -> u64 {
    if (p | o) & (1u64 << square) != 0 {
        return 0;
    }
    let mut all = 0;
    for (dc, dr) in DIRS {
        let (mut c, mut r) = ((square % 8) as i32 + dc, (square / 8) as i32 + dr);
        let mut run = 0u64;
        while (0..8).contains(&c) && (0..8).contains(&r) {
            let bit = 1u64 << (r * 8 + c);
            if o & bit != 0 {
                run |= bit;
            } else {
                if p & bit != 0 {
                    all |= run;
                }
                break;
            }
            c += dc;
            r += dr;
        }
    }
    all
}

fn naive_moves(p: u64, o: u64) -> u64 {
    (0..64)
        .filter(|&s| naive_flips(s, p, o) != 0)
        .fold(0, |acc, s| acc | (1u64 << s))
}

/// Random playouts from the start: every position along the way, both sides' views.
fn random_positions(seed: u32, games: usize) -> Vec<Board> {
    let mut rng = Rng::for_game(seed, 0);
    let mut out = Vec::new();
    for _ in 0..games {
        let mut board = Position::initial().board();
        loop {
            out.push(board);
            let moves = board.legal_moves();
            if moves == 0 {
                if board.is_game_over() {
                    break;
                }
                board = board.pass();
                continue;
            }
            let list: Vec<u8> = squares(moves).collect();
            let square = list[rng.next_int(list.len() as u32) as usize] as usize;
            board = board.play(square);
        }
    }
    out
}

#[test]
fn initial_moves() {
    let start = Position::initial();
    assert_eq!(start.legal_move_list(), vec![19, 26, 37, 44]);
    assert_eq!(start.disc_count(), 4);
    assert_eq!(start.side(), Color::Black);
    let after = start.play(19);
    assert_eq!(after.black(), (1 << 19) | (1 << 27) | (1 << 28) | (1 << 35));
    assert_eq!(after.white(), 1 << 36);
    assert_eq!(after.side(), Color::White);
}

#[test]
fn moves_and_flips_match_naive_reference() {
    for board in random_positions(7, 300) {
        let (p, o) = (board.player, board.opponent);
        assert_eq!(legal_moves(p, o), naive_moves(p, o), "{p:#x} {o:#x}");
        for s in 0..64 {
            if (p | o) & (1u64 << s) == 0 {
                assert_eq!(flips(s, p, o), naive_flips(s, p, o), "square {s}");
            }
        }
    }
}

#[test]
fn symmetry_bits_match_square_map() {
    let mut rng = Rng::for_game(3, 3);
    for _ in 0..200 {
        let bits = (u64::from(rng.next_u32()) << 32) | u64::from(rng.next_u32());
        for k in 0..8u8 {
            let expected = squares(bits).fold(0u64, |acc, s| acc | (1u64 << symmetry_square(k, s)));
            assert_eq!(symmetry_bits(bits, k), expected, "k = {k}");
        }
    }
}

#[test]
fn symmetry_examples_from_spec() {
    // b1 (1): transpose -> a2 (8); mirror columns -> g1 (6); mirror rows -> b8 (57).
    assert_eq!(symmetry_square(4, 1), 8);
    assert_eq!(symmetry_square(1, 1), 6);
    assert_eq!(symmetry_square(2, 1), 57);
    // k = 5: transpose then mirror columns: b1 -> a2 -> h2.
    assert_eq!(symmetry_square(5, 1), 15);
    for s in 0..64 {
        assert_eq!(symmetry_square(0, s), s);
    }
}

#[test]
fn moves_commute_with_symmetries() {
    for board in random_positions(11, 40) {
        let pos = Position::from_board(board, Color::Black);
        for k in 0..8u8 {
            let image = pos.symmetry(k);
            assert_eq!(image.legal_moves(), symmetry_bits(pos.legal_moves(), k));
            assert_eq!(image.final_score_black(), pos.final_score_black());
        }
    }
}

#[test]
fn final_score_gives_empties_to_winner() {
    // 10 black, 6 white, 48 empty, black to move: black wins 10 - 6 + 48.
    let board = Board::new(0x3FF, 0x3F << 10);
    assert_eq!(board.final_score(), 52);
    assert_eq!(board.pass().final_score(), -52);
    let draw = Board::new(0xFF, 0xFF00);
    assert_eq!(draw.final_score(), 0);
    let pos = Position::from_board(board, Color::White);
    assert_eq!(pos.final_score_black(), -52);
}

#[test]
fn cells_round_trip() {
    for board in random_positions(5, 5) {
        for side in [Color::Black, Color::White] {
            let pos = Position::from_board(board, side);
            let cells = pos.to_cells();
            let back = Position::from_cells(&cells, side.as_u8()).unwrap();
            assert_eq!(back, pos);
            let floats: Vec<f64> = cells.iter().map(|&c| f64::from(c)).collect();
            let back = Position::from_cells_f64(&floats, f64::from(side.as_u8())).unwrap();
            assert_eq!(back, pos);
        }
    }
}

#[test]
fn cells_validation() {
    let cells = Position::initial().to_cells();
    let e = Position::from_cells(&cells[..63], 1).unwrap_err();
    assert_eq!(e.code(), ErrorCode::InvalidBoard);
    assert!(e.message().contains("63 cells"), "{e}");

    let mut bad = cells;
    bad[10] = 3;
    let e = Position::from_cells(&bad, 1).unwrap_err();
    assert_eq!(e.code(), ErrorCode::InvalidBoard);
    assert!(e.message().contains("cell 10 (c2) is 3"), "{e}");

    let e = Position::from_cells(&cells, 0).unwrap_err();
    assert_eq!(e.code(), ErrorCode::InvalidPlayer);

    let mut floats: Vec<f64> = cells.iter().map(|&c| f64::from(c)).collect();
    floats[5] = f64::NAN;
    let e = Position::from_cells_f64(&floats, 1.0).unwrap_err();
    assert_eq!(e.code(), ErrorCode::InvalidBoard);
    floats[5] = 0.5;
    assert!(Position::from_cells_f64(&floats, 1.0).is_err());
    floats[5] = 0.0;
    assert_eq!(
        Position::from_cells_f64(&floats, 1.5).unwrap_err().code(),
        ErrorCode::InvalidPlayer
    );
    assert_eq!(
        Position::from_cells_f64(&floats, f64::NAN)
            .unwrap_err()
            .code(),
        ErrorCode::InvalidPlayer
    );

    let mut sparse = [0u8; 64];
    sparse[0] = 1;
    sparse[1] = 2;
    let e = Position::from_cells(&sparse, 1).unwrap_err();
    assert!(e.message().contains("2 discs"), "{e}");
}

#[test]
fn square_names() {
    assert_eq!(square_name(0), "a1");
    assert_eq!(square_name(63), "h8");
    assert_eq!(square_name(19), "d3");
}

#[test]
fn adjacent_squares() {
    assert_eq!(adjacent(0), (1 << 1) | (1 << 8) | (1 << 9));
    assert_eq!(adjacent(63), (1 << 62) | (1 << 55) | (1 << 54));
    assert_eq!(adjacent(27).count_ones(), 8);
    for s in 0..64 {
        let (c, r) = ((s % 8) as i32, (s / 8) as i32);
        let expected = (0..64)
            .filter(|&t| {
                let (tc, tr) = ((t % 8) as i32, (t / 8) as i32);
                t != s && (tc - c).abs() <= 1 && (tr - r).abs() <= 1
            })
            .fold(0u64, |acc, t| acc | (1 << t));
        assert_eq!(adjacent(s), expected, "square {s}");
    }
}

#[test]
fn try_play_checks_the_square() {
    let start = Position::initial();
    assert_eq!(start.try_play(19).unwrap(), start.play(19));
    assert_eq!(
        start.try_play(64).unwrap_err().code(),
        ErrorCode::InvalidSquare
    );
    assert_eq!(
        start.try_play(-1).unwrap_err().code(),
        ErrorCode::InvalidSquare
    );
    let e = start.try_play(0).unwrap_err();
    assert_eq!(e.code(), ErrorCode::IllegalMove);
    assert!(
        e.message().contains("a1 (0) is not a legal move for black"),
        "{e}"
    );
}
