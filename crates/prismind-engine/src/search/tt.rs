//! Transposition tables: a power-of-two array of entries sized from a byte budget, one slot per
//! hash, always replaced. Clearing bumps a generation number instead of touching memory, so a
//! search can start from a clean table for free; entries of another generation read as empty.

/// A midgame entry: values are f64 evaluations at a given remaining depth. The key is the full
/// position (both bitboards and the colour to move, which the evaluation depends on).
#[derive(Clone, Copy, Default)]
pub struct MidEntry {
    pub player: u64,
    pub opponent: u64,
    pub value: f64,
    pub generation: u32,
    pub depth: u8,
    pub bound: Bound,
    /// Best move found, or NO_MOVE.
    pub best: u8,
    pub side: u8,
}

/// An endgame entry: exact integer bounds on the final disc difference, which depends on the
/// discs only (not on who is black), so the key is the two bitboards.
#[derive(Clone, Copy, Default)]
pub struct EndEntry {
    pub player: u64,
    pub opponent: u64,
    pub generation: u32,
    pub lower: i8,
    pub upper: i8,
    pub best: u8,
    /// Empties of the position: deeper entries cost more to recompute and are kept preferably.
    pub empties: u8,
}

pub const NO_MOVE: u8 = 64;

#[derive(Clone, Copy, Default, PartialEq, Eq, Debug)]
pub enum Bound {
    #[default]
    Exact,
    /// The true value is at least the stored one (the search failed high).
    Lower,
    /// The true value is at most the stored one (the search failed low).
    Upper,
}

pub struct Table<E> {
    entries: Vec<E>,
    mask: usize,
    generation: u32,
}

impl<E: Copy + Default> Table<E> {
    /// The largest power of two of entries that fits `bytes` (at least one entry).
    pub fn with_bytes(bytes: usize) -> Table<E> {
        let fit = (bytes / std::mem::size_of::<E>()).max(1);
        let len = if fit.is_power_of_two() {
            fit
        } else {
            fit.next_power_of_two() / 2
        };
        Table {
            entries: vec![E::default(); len],
            mask: len - 1,
            // Generation 0 is what zeroed entries carry: live entries start at 1.
            generation: 1,
        }
    }

    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn bytes(&self) -> usize {
        self.entries.len() * std::mem::size_of::<E>()
    }

    pub fn generation(&self) -> u32 {
        self.generation
    }

    /// Forget every entry.
    pub fn clear(&mut self) {
        self.generation = self.generation.wrapping_add(1);
        if self.generation == 0 {
            // After 2^32 clears old generations could alias: wipe for real once.
            self.entries.fill(E::default());
            self.generation = 1;
        }
    }

    #[inline]
    pub fn slot(&self, hash: u64) -> &E {
        &self.entries[hash as usize & self.mask]
    }

    #[inline]
    pub fn slot_mut(&mut self, hash: u64) -> &mut E {
        let i = hash as usize & self.mask;
        &mut self.entries[i]
    }
}

/// The endgame table is organised in buckets of two: one slot keeps the deepest entry, the other
/// takes whatever comes, so a flood of shallow positions cannot evict the expensive ones.
impl Table<EndEntry> {
    fn bucket(&self, player: u64, opponent: u64) -> usize {
        hash(player, opponent) as usize & self.mask & !1
    }

    pub fn probe(&self, player: u64, opponent: u64) -> Option<&EndEntry> {
        let i = self.bucket(player, opponent);
        self.entries[i..(i + 2).min(self.entries.len())]
            .iter()
            .find(|e| {
                e.generation == self.generation && e.player == player && e.opponent == opponent
            })
    }

    pub fn store(&mut self, entry: EndEntry) {
        let i = self.bucket(entry.player, entry.opponent);
        let generation = self.generation;
        let live = |e: &EndEntry| e.generation == generation;
        let same =
            |e: &EndEntry| live(e) && e.player == entry.player && e.opponent == entry.opponent;
        let last = (i + 1).min(self.entries.len() - 1);
        let slot = if same(&self.entries[i]) {
            i
        } else if same(&self.entries[last]) {
            last
        } else if !live(&self.entries[i]) || self.entries[i].empties <= entry.empties {
            // The deep slot's old entry moves to the other slot rather than vanish.
            self.entries[last] = self.entries[i];
            i
        } else {
            last
        };
        self.entries[slot] = entry;
    }
}

/// Mixes both bitboards into a slot hash (multiply-xorshift: cheap and well spread).
#[inline]
pub fn hash(player: u64, opponent: u64) -> u64 {
    let h = player.wrapping_mul(0x9E37_79B9_7F4A_7C15)
        ^ opponent.rotate_left(23).wrapping_mul(0xC2B2_AE3D_27D4_EB4F);
    h ^ (h >> 29)
}
