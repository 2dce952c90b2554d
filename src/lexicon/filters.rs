//! Cheap first answers to "is this word in the list?": tests that say no to most words
//! without a hash lookup (the attribution rules ask them of nearly every word).

use crate::text::eight_at;

/// What the words of a list start with and how long they are at most: a word it says no to is
/// not in the list.
#[derive(Debug)]
pub(super) struct InitialFilter {
    /// The ASCII first bytes, as a bit set.
    initials: u128,
    /// Whether a word that starts with a byte that is not ASCII may be listed.
    other: bool,
    /// The length in bytes of the longest word.
    longest: usize,
}

impl InitialFilter {
    /// The filter of `words` as written, or, with `any_case`, of the words in any case (both
    /// ASCII cases of each first byte; a word starting with another byte may change case into
    /// a listed one, so it is never said no to by its first byte).
    pub(super) fn new<'w>(words: impl IntoIterator<Item = &'w str>, any_case: bool) -> InitialFilter {
        let mut f = InitialFilter { initials: 0, other: any_case, longest: 0 };
        for w in words {
            match w.bytes().next() {
                Some(b) if b.is_ascii() && any_case => {
                    f.initials |= 1 << b.to_ascii_lowercase() | 1 << b.to_ascii_uppercase()
                }
                Some(b) if b.is_ascii() => f.initials |= 1 << b,
                Some(_) => f.other = true,
                None => {}
            }
            f.longest = f.longest.max(w.len());
        }
        f
    }

    /// False when `word` is in none of the words: too long, or starting with a byte none does.
    #[inline]
    pub(super) fn may_hold(&self, word: &[u8]) -> bool {
        word.len() <= self.longest
            && word
                .first()
                .is_some_and(|&b| if b.is_ascii() { self.initials >> b & 1 == 1 } else { self.other })
    }
}

/// A bit per value of some bits of a hash (a Bloom filter with one hash), set for the hashes of
/// a large list's words: a word whose bit is clear is not in the list, told from a table small
/// enough to stay in the first-level cache, where the list's own table takes a cache miss or two
/// to say no. The bit is read from bits 24 up: a table probed by the low bits of the same hash
/// and fingerprinted by its upper half (the mention search's first words) keeps the hash for
/// all three.
#[derive(Debug)]
pub(crate) struct BitFilter {
    bits: Vec<u64>,
}

impl BitFilter {
    /// The filter of `hashes`, about `bits_per_word` bits each, at most 16 KB.
    pub(crate) fn of_hashes(hashes: &[u64], bits_per_word: usize) -> BitFilter {
        let n = (hashes.len() * bits_per_word).next_power_of_two().clamp(64, 1 << 17);
        let mut f = BitFilter { bits: vec![0; n / 64] };
        for &h in hashes {
            let b = f.bit(h);
            f.bits[b / 64] |= 1 << (b % 64);
        }
        f
    }

    /// The filter of `words` as written ([`short_hash`]), about four bits a word.
    pub(super) fn of_words<'w>(words: impl IntoIterator<Item = &'w str>) -> BitFilter {
        let hashes: Vec<u64> = words.into_iter().map(|w| short_hash(w.as_bytes())).collect();
        BitFilter::of_hashes(&hashes, 4)
    }

    #[inline]
    fn bit(&self, h: u64) -> usize {
        (h >> 24) as usize & (self.bits.len() * 64 - 1)
    }

    /// False when no word has hash `h`.
    #[inline]
    pub(crate) fn may_hold_hash(&self, h: u64) -> bool {
        let b = self.bit(h);
        self.bits[b / 64] >> (b % 64) & 1 == 1
    }

    /// False when `word` is not one of the words of [`Self::of_words`].
    #[inline]
    pub(super) fn may_hold(&self, word: &[u8]) -> bool {
        self.may_hold_hash(short_hash(word))
    }

    /// Heap memory used, in bytes.
    pub(crate) fn memory_usage(&self) -> usize {
        self.bits.len() * 8
    }
}

/// A hash of a byte string from at most sixteen of its bytes (its first and last eight, four
/// or one, and its length), read in two loads whatever its length; rotated so that its top
/// bits, where the multiplications mix every byte in, are the bits 24 up that [`BitFilter`]
/// reads.
#[inline]
fn short_hash(w: &[u8]) -> u64 {
    let n = w.len();
    let (a, b) = if n >= 8 {
        let first = u64::from_le_bytes(w[..8].try_into().expect("eight bytes"));
        (first, u64::from_le_bytes(w[n - 8..].try_into().expect("eight bytes")))
    } else if n >= 4 {
        let first = u32::from_le_bytes(w[..4].try_into().expect("four bytes"));
        (u64::from(first), u64::from(u32::from_le_bytes(w[n - 4..].try_into().expect("four bytes"))))
    } else if n > 0 {
        (u64::from(w[0]) | u64::from(w[n / 2]) << 8 | u64::from(w[n - 1]) << 16, 0)
    } else {
        (0, 0)
    };
    let h = (a ^ 0x2d35_8dcc_aa6c_78a5).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    (h ^ b.rotate_left(29) ^ n as u64).wrapping_mul(0xff51_afd7_ed55_8ccd).rotate_left(40)
}

/// [`short_key`] of the word `text[at..at + len]`, read in one load with the bytes after it
/// (most words of a paragraph have eight bytes from their start); `None` for a word longer
/// than eight bytes or not ASCII.
#[inline]
pub(super) fn short_key_at(text: &[u8], at: usize, len: usize) -> Option<u64> {
    if len > 8 {
        return None;
    }
    short_key(eight_at(text, at), len)
}

/// A few words by [`short_key`] in a table of 64 slots where each has its own slot,
/// by a multiplier found when the set is made: a word is in it when its slot holds it.
#[derive(Debug)]
pub(super) struct PackedSet {
    slots: [u64; 64],
    multiplier: u64,
}

impl PackedSet {
    /// The set of `keys` (none 0), if a multiplier tried gives each its own slot.
    pub(super) fn new(keys: &[u64]) -> Option<PackedSet> {
        (0..1000u64).find_map(|i| {
            // Odd multipliers spread over all of `u64` (splitmix64's steps): neighbouring ones
            // would put small keys in the same slots.
            let mut z = (i + 1).wrapping_mul(0x9e37_79b9_7f4a_7c15);
            z = (z ^ z >> 30).wrapping_mul(0xbf58_476d_1ce4_e5b9);
            z = (z ^ z >> 27).wrapping_mul(0x94d0_49bb_1331_11eb);
            let multiplier = (z ^ z >> 31) | 1;
            let mut slots = [0u64; 64];
            for &k in keys {
                let slot = &mut slots[(k.wrapping_mul(multiplier) >> 58) as usize];
                if *slot != 0 && *slot != k {
                    return None;
                }
                *slot = k;
            }
            Some(PackedSet { slots, multiplier })
        })
    }

    #[inline]
    pub(super) fn contains(&self, k: u64) -> bool {
        self.slots[(k.wrapping_mul(self.multiplier) >> 58) as usize] == k
    }
}

/// ASCII words of at most eight bytes, in any ASCII case, to values: found by their bytes as
/// one integer (`short_key`) with one multiplication and a comparison or two, the word neither
/// copied nor compared byte by byte.
#[derive(Debug, Default)]
pub(super) struct ShortWords<V> {
    /// Open addressing by `slot_of`: key 0 when empty, else a word's `short_key` and value.
    slots: Vec<(u64, V)>,
}

impl<V: Copy + Default> ShortWords<V> {
    /// The map of `words` (ASCII, one to eight bytes; of words equal in ASCII case, the first).
    pub(super) fn new<'w>(words: impl IntoIterator<Item = (&'w [u8], V)>) -> ShortWords<V> {
        let words: Vec<(u64, V)> = words
            .into_iter()
            .filter_map(|(w, v)| {
                let key = short_key_at(w, 0, w.len()).filter(|_| !w.is_empty());
                Some((key?, v))
            })
            .collect();
        let mut map =
            ShortWords { slots: vec![(0, V::default()); (words.len() * 2).next_power_of_two().max(16)] };
        let mask = map.slots.len() - 1;
        for (key, value) in words {
            let mut at = map.slot_of(key);
            while map.slots[at].0 != 0 && map.slots[at].0 != key {
                at = (at + 1) & mask;
            }
            if map.slots[at].0 == 0 {
                map.slots[at] = (key, value);
            }
        }
        map
    }

    #[inline]
    fn slot_of(&self, key: u64) -> usize {
        // The slots are a power of two, at least 16: the top bits of the product pick one.
        let bits = self.slots.len().trailing_zeros();
        (key.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> (64 - bits)) as usize
    }

    /// The value of the word whose `short_key` is `key`.
    #[inline]
    pub(super) fn get(&self, key: u64) -> Option<V> {
        let mut at = self.slot_of(key);
        loop {
            match self.slots[at] {
                (0, _) => return None,
                (k, v) if k == key => return Some(v),
                _ => at = (at + 1) & (self.slots.len() - 1),
            }
        }
    }
}

/// The first `len` (at most 8) bytes of `x` as a key: in ASCII lower case, and marked with their
/// length (a 1 bit above them; bit 63 for eight bytes, which as ASCII leave it 0), so that
/// every ASCII word of one to eight bytes has its own key, never 0. `None` when a byte is not
/// ASCII.
#[inline]
fn short_key(x: u64, len: usize) -> Option<u64> {
    const EACH: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x80 * EACH;
    let x = if len >= 8 { x } else { x & ((1u64 << (8 * len)) - 1) };
    if x & HIGH != 0 {
        return None;
    }
    // Per byte (ASCII, so no sum carries into the next): at least 'A', and past 'Z'.
    let upper = (x + 0x3f * EACH) & !(x + 0x25 * EACH) & HIGH;
    let mark = if len >= 8 { 1 << 63 } else { 1 << (8 * len) };
    Some(x | upper >> 2 | mark)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::lexicon;

    #[test]
    fn a_bit_filter_holds_its_words_and_turns_away_most_others() {
        let words: Vec<String> = (0..20_000).map(|i| format!("Place {i} of {}", i % 7)).collect();
        let f = BitFilter::of_words(words.iter().map(String::as_str));
        assert!(words.iter().all(|w| f.may_hold(w.as_bytes())));
        let others = (20_000..40_000).map(|i| format!("Place {i} of {}", i % 7));
        let passed = others.filter(|w| f.may_hold(w.as_bytes())).count();
        assert!(passed < 8_000, "{passed} of 20000 other words passed");
        // Every length reads the bytes it has (one to sixteen and more), the same in any text.
        for n in 0..=20 {
            let w = &"abcdefghijklmnopqrstu"[..n];
            let f = BitFilter::of_words([w]);
            assert!(f.may_hold(format!("{w}!").as_bytes()[..n].as_ref()), "{w}");
        }
    }

    #[test]
    fn packed_sets_hold_their_words_and_no_others() {
        let pack = |w: &str| short_key_at(w.as_bytes(), 0, w.len()).expect("short ASCII words");
        let words =
            ["al", "ben", "bin", "da", "de", "del", "der", "di", "dos", "du", "la", "le", "van", "von", "x"];
        let set = PackedSet::new(&words.map(pack)).expect("a multiplier that separates them");
        for w in words.iter().chain(&["Van", "DOS"]) {
            assert!(set.contains(pack(w)), "{w}");
        }
        for w in ["va", "vans", "d", "dx", "", "the"] {
            assert!(!set.contains(pack(w)), "{w}");
        }
        let pack_alone = |w: &[u8]| short_key_at(w, 0, w.len());
        assert!(pack_alone(b"no longer").is_none() && pack_alone("Wáng".as_bytes()).is_none());
        // Read from a text, with eight bytes there or fewer (its end), as from the word alone.
        let text = "He, VAN x dos Wáng".as_bytes();
        for (at, len) in [(0, 2), (0, 3), (4, 3), (8, 1), (10, 3), (14, 2), (15, 3), (17, 1), (18, 0)] {
            assert_eq!(short_key_at(text, at, len), pack_alone(&text[at..at + len]), "{at} {len}");
        }
        assert!(short_key_at(text, 14, 2).is_none(), "'á' is no ASCII");
        // The built-in pronouns are answered without the table.
        assert!(lexicon().ascii_pronouns.is_some());
    }

    #[test]
    fn a_filter_says_no_only_to_words_not_listed() {
        let words = ["Jr.", "III", "Ñu"];
        let f = InitialFilter::new(words, false);
        for w in words {
            assert!(f.may_hold(w.as_bytes()), "{w}");
        }
        for w in ["jr.", "Smith", "", "IIII"] {
            assert!(!f.may_hold(w.as_bytes()), "{w}");
        }
        // A word starting with another non-ASCII byte may be listed: it is looked up.
        assert!(f.may_hold("Ö".as_bytes()));
        // In any case: both ASCII cases, and every non-ASCII first byte.
        let f = InitialFilter::new(["he", "she"], true);
        for w in ["He", "SHE", "Hex", "É"] {
            assert!(f.may_hold(w.as_bytes()), "{w}");
        }
        for w in ["the", "it", "shelf"] {
            assert!(!f.may_hold(w.as_bytes()), "{w}");
        }
    }
}
