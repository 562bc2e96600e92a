//! Shared helpers for the side-by-side benchmarks in `src/bin`.
//!
//! The method ([`side_by_side`]): after a warm-up, blocks of pairs. Each pair is one
//! request of each side, in ABBA order (the side that goes first alternates), so drift,
//! noise and whatever one side leaves behind (a busy second thread, a cold cache) hit both
//! sides equally. Each block gives a ratio of the two sides' median latencies; the result
//! is the median of the block ratios, with the quartiles and the range as the spread.

use std::future::Future;
use std::time::Instant;

/// The per-request times (µs) of one side-by-side run, block by block.
pub struct Blocks {
    /// Side A (the measured one).
    pub a: Vec<Vec<f64>>,
    /// Side B (the baseline).
    pub b: Vec<Vec<f64>>,
}

/// Sorted copy.
pub fn sorted(v: impl IntoIterator<Item = f64>) -> Vec<f64> {
    let mut v: Vec<f64> = v.into_iter().collect();
    v.sort_by(f64::total_cmp);
    v
}

/// Linear-interpolated quantile of sorted values.
pub fn quantile(sorted: &[f64], q: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let pos = q * (sorted.len() - 1) as f64;
    let (lo, hi) = (pos.floor() as usize, pos.ceil() as usize);
    sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo as f64)
}

/// Arithmetic mean.
pub fn mean(v: &[f64]) -> f64 {
    v.iter().sum::<f64>() / v.len() as f64
}

/// Median.
pub fn median(v: &[f64]) -> f64 {
    quantile(&sorted(v.iter().copied()), 0.5)
}

impl Blocks {
    /// Sorted per-block ratios of `stat(a) / stat(b)`.
    pub fn ratios(&self, stat: fn(&[f64]) -> f64) -> Vec<f64> {
        sorted(self.a.iter().zip(&self.b).map(|(a, b)| stat(a) / stat(b)))
    }

    /// The median over blocks of `stat` of one side, in µs.
    pub fn typical(side: &[Vec<f64>], stat: fn(&[f64]) -> f64) -> f64 {
        quantile(&sorted(side.iter().map(|b| stat(b))), 0.5)
    }
}

/// "median m (quartiles q1 – q3, range lo – hi)" of sorted ratios.
pub fn spread(r: &[f64]) -> String {
    format!(
        "median {:.3} (quartiles {:.3} – {:.3}, range {:.3} – {:.3})",
        quantile(r, 0.5),
        quantile(r, 0.25),
        quantile(r, 0.75),
        quantile(r, 0.0),
        quantile(r, 1.0)
    )
}

/// Runs `blocks` blocks of `pairs` interleaved pairs of `a` and `b`. A side's clock stops
/// when its future is done; `check` then looks at what side A returned, off the clock.
pub async fn side_by_side<A, B, FA, FB, T, E>(
    blocks: usize,
    pairs: usize,
    mut a: A,
    mut b: B,
    mut check: impl FnMut(T) -> Result<(), E>,
) -> Result<Blocks, E>
where
    A: FnMut() -> FA,
    B: FnMut() -> FB,
    FA: Future<Output = Result<T, E>>,
    FB: Future<Output = Result<(), E>>,
{
    let mut out = Blocks {
        a: Vec::with_capacity(blocks),
        b: Vec::with_capacity(blocks),
    };
    for _ in 0..blocks {
        let (mut ta, mut tb) = (Vec::with_capacity(pairs), Vec::with_capacity(pairs));
        for i in 0..pairs {
            let a_first = i % 2 == 0;
            for leg in 0..2 {
                let start = Instant::now();
                if (leg == 0) == a_first {
                    let got = a().await?;
                    ta.push(start.elapsed().as_secs_f64() * 1e6);
                    check(got)?;
                } else {
                    b().await?;
                    tb.push(start.elapsed().as_secs_f64() * 1e6);
                }
            }
        }
        out.a.push(ta);
        out.b.push(tb);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantiles_interpolate() {
        let v = sorted([4.0, 1.0, 3.0, 2.0]);
        assert_eq!(quantile(&v, 0.0), 1.0);
        assert_eq!(quantile(&v, 1.0), 4.0);
        assert_eq!(quantile(&v, 0.5), 2.5);
        assert!(quantile(&[], 0.5).is_nan());
    }

    #[tokio::test]
    async fn pairs_alternate_and_the_check_sees_side_a() {
        let order = std::cell::RefCell::new(String::new());
        let mut checked = 0;
        let run = side_by_side(
            2,
            3,
            || async {
                order.borrow_mut().push('a');
                Ok::<_, String>(7)
            },
            || async {
                order.borrow_mut().push('b');
                Ok(())
            },
            |v| {
                checked += v;
                Ok(())
            },
        )
        .await
        .unwrap();
        assert_eq!(order.into_inner(), "abbaababbaab");
        assert_eq!(checked, 42);
        assert_eq!((run.a.len(), run.a[0].len(), run.b[1].len()), (2, 3, 3));
        assert_eq!(run.ratios(median).len(), 2);
    }
}
