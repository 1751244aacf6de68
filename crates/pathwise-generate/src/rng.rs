//! Randomness: splitmix64, enough for varied data and stable across
//! platforms (no hash map, no clock, no platform-dependent float maths).

pub(super) struct Rng(u64);

impl Rng {
    pub(super) fn new(seed: u64) -> Rng {
        let mut r = Rng(seed);
        r.next();
        r
    }

    /// An independent stream per case, so a case does not depend on the
    /// ones before it.
    pub(super) fn stream(seed: u64, stream: u64) -> Rng {
        let mut base = Rng::new(seed);
        let a = base.next();
        Rng::new(a ^ stream.wrapping_add(1).wrapping_mul(0xD1B5_4A32_D192_ED03))
    }

    pub(super) fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// 0 ≤ n < bound.
    pub(super) fn below(&mut self, bound: usize) -> usize {
        if bound <= 1 {
            return 0;
        }
        ((u128::from(self.next()) * bound as u128) >> 64) as usize
    }

    /// lo ≤ n ≤ hi.
    pub(super) fn range(&mut self, lo: i64, hi: i64) -> i64 {
        if hi <= lo {
            return lo;
        }
        lo + self.below((hi - lo + 1) as usize) as i64
    }

    pub(super) fn chance(&mut self, percent: u32) -> bool {
        self.below(100) < percent as usize
    }

    pub(super) fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }

    /// Between `lo` and `hi` distinct items, in list order.
    pub(super) fn some_n<T: Copy>(&mut self, items: &[T], lo: i64, hi: i64) -> Vec<T> {
        let k = self.range(lo, hi) as usize;
        self.some(items, k)
    }

    /// The items in a random order.
    pub(super) fn shuffled<T: Copy>(&mut self, items: &[T]) -> Vec<T> {
        let mut v = items.to_vec();
        for i in (1..v.len()).rev() {
            let j = self.below(i + 1);
            v.swap(i, j);
        }
        v
    }

    /// `k` distinct items, in list order.
    pub(super) fn some<T: Copy>(&mut self, items: &[T], k: usize) -> Vec<T> {
        let mut idx: Vec<usize> = (0..items.len()).collect();
        for i in (1..idx.len()).rev() {
            let j = self.below(i + 1);
            idx.swap(i, j);
        }
        let mut chosen: Vec<usize> = idx.into_iter().take(k.min(items.len())).collect();
        chosen.sort_unstable();
        chosen.into_iter().map(|i| items[i]).collect()
    }
}
