//! The one random generator both backends share (docs/engine-spec.md, "Random numbers"):
//! splitmix32 to seed, xoshiro128** to draw. All arithmetic is wrapping u32, as the spec's "mod 2^32".

const GOLDEN: u32 = 0x9E37_79B9;

/// One splitmix32 step: advances `state` and returns the mixed output.
pub fn splitmix32(state: &mut u32) -> u32 {
    *state = state.wrapping_add(GOLDEN);
    let mut z = *state;
    z = (z ^ (z >> 16)).wrapping_mul(0x85EB_CA6B);
    z = (z ^ (z >> 13)).wrapping_mul(0xC2B2_AE35);
    z ^ (z >> 16)
}

/// xoshiro128** with the spec's seeding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rng {
    s: [u32; 4],
}

impl Rng {
    /// A generator from a raw state; an all-zero state (a fixed point) becomes `[1, 0, 0, 0]`.
    pub fn from_state(mut s: [u32; 4]) -> Rng {
        if s == [0; 4] {
            s[0] = 1;
        }
        Rng { s }
    }

    /// Four successive splitmix32 outputs from `x`.
    pub fn from_splitmix(mut x: u32) -> Rng {
        let s = [
            splitmix32(&mut x),
            splitmix32(&mut x),
            splitmix32(&mut x),
            splitmix32(&mut x),
        ];
        Rng::from_state(s)
    }

    /// The generator of self-play game number `game` (0-based, global) in a run seeded `seed`:
    /// splitmix state `seed ^ ((game + 1) * 0x9E3779B9 mod 2^32)`.
    pub fn for_game(seed: u32, game: u64) -> Rng {
        // Only the low 32 bits of game + 1 matter modulo 2^32.
        let g = (game.wrapping_add(1)) as u32;
        Rng::from_splitmix(seed ^ g.wrapping_mul(GOLDEN))
    }

    pub fn state(&self) -> [u32; 4] {
        self.s
    }

    pub fn next_u32(&mut self) -> u32 {
        let s = &mut self.s;
        let result = s[1].wrapping_mul(5).rotate_left(7).wrapping_mul(9);
        let t = s[1] << 9;
        s[2] ^= s[0];
        s[3] ^= s[1];
        s[1] ^= s[2];
        s[0] ^= s[3];
        s[2] ^= t;
        s[3] = s[3].rotate_left(11);
        result
    }

    /// Uniform in [0, 1) with 24 bits: exact in both f32 and f64, so both languages agree.
    pub fn next_float(&mut self) -> f64 {
        f64::from(self.next_u32() >> 8) / 16_777_216.0
    }

    /// Uniform in 0..n as `floor(next_float() * n)`.
    pub fn next_int(&mut self, n: u32) -> u32 {
        (self.next_float() * f64::from(n)).floor() as u32
    }
}

#[cfg(test)]
mod tests;
