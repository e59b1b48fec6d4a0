//! `--shard I/N`: N workers (a Kubernetes Indexed Job, N cron hosts) split one run by a stable
//! hash of the class id; the per-class locks keep any overlap safe.

use sha2::{Digest, Sha256};

/// Worker `index` of `count`: the classes whose hash modulo `count` is `index`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shard {
    /// 0-based, below `count`.
    pub index: u32,
    /// How many workers split the run, at least 1.
    pub count: u32,
}

impl Shard {
    /// Every class: `0/1`, the same as no flag.
    pub const ALL: Shard = Shard { index: 0, count: 1 };

    /// Whether this worker takes `class_id`: the first 8 bytes of its SHA-256, big-endian,
    /// modulo `count` — the same on every host, platform and release.
    pub fn holds(self, class_id: &str) -> bool {
        if self.count <= 1 {
            return true;
        }
        let digest = Sha256::digest(class_id.as_bytes());
        let mut head = [0u8; 8];
        head.copy_from_slice(&digest[..8]);
        u64::from_be_bytes(head) % u64::from(self.count) == u64::from(self.index)
    }
}

/// Parses `I/N` (`0 ≤ I < N`, `1 ≤ N ≤ 1024`).
pub fn parse(text: &str) -> Result<Shard, String> {
    let bad =
        || format!("{text:?} is not a shard like 0/4 (index/count, 0 ≤ index < count ≤ 1024)");
    let (index, count) = text.split_once('/').ok_or_else(bad)?;
    let index: u32 = index.trim().parse().map_err(|_| bad())?;
    let count: u32 = count.trim().parse().map_err(|_| bad())?;
    if count == 0 || count > 1024 || index >= count {
        return Err(bad());
    }
    Ok(Shard { index, count })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_split_every_class_exactly_once() {
        let ids: Vec<String> = (0..1000).map(|i| format!("c{i:04}")).collect();
        for count in 1..=7 {
            let mut seen = vec![0; ids.len()];
            for index in 0..count {
                let shard = Shard { index, count };
                for (i, id) in ids.iter().enumerate() {
                    seen[i] += usize::from(shard.holds(id));
                }
            }
            assert!(seen.iter().all(|n| *n == 1), "{count} shards");
        }
        // Stable: a known id's shard never changes (SHA-256 of "c0042", first 8 bytes).
        let head = u64::from_be_bytes(Sha256::digest(b"c0042")[..8].try_into().unwrap());
        assert!(Shard {
            index: (head % 4) as u32,
            count: 4
        }
        .holds("c0042"));
    }

    #[test]
    fn parses_index_over_count() {
        assert_eq!(parse("2/4"), Ok(Shard { index: 2, count: 4 }));
        assert_eq!(parse("0/1"), Ok(Shard::ALL));
        for bad in ["4/4", "1/0", "a/2", "2", "-1/2", "0/2000"] {
            assert!(parse(bad).is_err(), "{bad}");
        }
    }
}
