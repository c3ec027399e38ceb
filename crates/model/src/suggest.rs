//! "Did you mean": the closest known spellings to one a user typed, at most three and only
//! close ones, for every identifier rareflow resolves (countries, editions, scenarios).

/// The Jaro–Winkler similarity below which a spelling is not suggested.
pub const CLOSE: f64 = 0.7;

/// Up to `n` of `candidates` closest to `typed` (case-insensitive), best first, none below
/// [`CLOSE`].
pub fn closest<'a>(
    typed: &str,
    candidates: impl IntoIterator<Item = &'a str>,
    n: usize,
) -> Vec<&'a str> {
    let t = typed.trim().to_lowercase();
    let mut scored: Vec<(f64, &str)> = candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(&t, &c.to_lowercase()), c))
        .filter(|(score, _)| *score >= CLOSE)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(b.1)));
    scored.dedup_by(|a, b| a.1 == b.1);
    scored.into_iter().take(n).map(|(_, c)| c).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn close_spellings_only() {
        let known = ["MCS2024", "MCS2025", "MCS2026", "WGI2024", "MNR-RU-2025"];
        assert_eq!(
            closest("MCS2052", known, 3),
            ["MCS2025", "MCS2024", "MCS2026"]
        );
        assert!(closest("Россия", known, 3).is_empty());
    }
}
