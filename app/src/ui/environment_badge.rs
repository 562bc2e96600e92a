//! The header badge naming the connected Management Node.

use leptos::prelude::*;

use crate::environment::EnvironmentInfo;

const DEMO: &str = "badge border-amber-500/40 bg-amber-400/15 text-amber-800 dark:text-amber-200";
const REAL: &str =
    "badge border-emerald-500/40 bg-emerald-400/15 text-emerald-800 dark:text-emerald-200";
const UNKNOWN: &str = "badge border-red-500/40 bg-red-400/15 text-red-800 dark:text-red-200";

/// A pill in the header: which Management Node this portal talks to.
#[component]
pub fn EnvironmentBadge() -> impl IntoView {
    match EnvironmentInfo::current() {
        Some(info) => view! {
            <span class=if info.demo { DEMO } else { REAL } title="Connected Management Node">
                {info.label}
            </span>
        }
        .into_any(),
        None => view! { <span class=UNKNOWN>"Node unknown"</span> }.into_any(),
    }
}
