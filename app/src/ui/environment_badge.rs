//! The header badge naming the connected Management Node.

use leptos::prelude::*;

use crate::environment::use_environment;

/// A pill in the header: which Management Node this portal talks to.
#[component]
pub fn EnvironmentBadge() -> impl IntoView {
    let environment = use_environment();
    view! {
        <Suspense fallback=|| ()>
            {move || {
                environment
                    .and_then(|e| e.get())
                    .map(|result| match result {
                        Ok(info) => {
                            let class = if info.demo {
                                "badge border-amber-500/40 bg-amber-400/15 text-amber-800 dark:text-amber-200"
                            } else {
                                "badge border-emerald-500/40 bg-emerald-400/15 text-emerald-800 dark:text-emerald-200"
                            };
                            view! {
                                <span class=class title="Connected Management Node">
                                    {info.label}
                                </span>
                            }
                                .into_any()
                        }
                        Err(_) => {
                            view! {
                                <span class="badge border-red-500/40 bg-red-400/15 text-red-800 dark:text-red-200">
                                    "Node unknown"
                                </span>
                            }
                                .into_any()
                        }
                    })
            }}
        </Suspense>
    }
}
