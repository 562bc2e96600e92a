//! The CSV import page: upload, dry run, apply with a live progress bar, and a report of
//! exactly which rows landed. It needs JavaScript (the page says so when it is off).

use leptos::prelude::*;
use leptos_meta::Title;

use super::{
    api::{apply_import, check_import},
    import_model::{
        ImportAction, ImportPlan, ImportRow, RowOutcome, IMPORT_COLUMNS, MAX_IMPORT_BYTES,
    },
};
use crate::{auth::Role, error::AppError, ui::gate::RoleGate};

/// Where the import is.
#[derive(Clone, Debug, PartialEq)]
enum Step {
    Choose,
    Checking,
    Checked(ImportPlan),
    Applying {
        plan: ImportPlan,
        done: usize,
        total: usize,
        outcomes: Vec<RowOutcome>,
    },
    Applied {
        outcomes: Vec<RowOutcome>,
    },
}

#[component]
pub fn ImportPage() -> impl IntoView {
    let step = RwSignal::new(Step::Choose);
    let error = RwSignal::new(None::<String>);
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(data) = form_data(&ev) else { return };
        error.set(None);
        step.set(Step::Checking);
        leptos::task::spawn_local(async move {
            match check_import(data).await {
                Ok(plan) => step.set(Step::Checked(plan)),
                Err(e) => {
                    error.set(Some(e.to_string()));
                    step.set(Step::Choose);
                }
            }
        });
    };

    let apply = move |plan: ImportPlan| {
        let chunks = plan.chunks();
        let total: usize = chunks.iter().map(Vec::len).sum();
        step.set(Step::Applying {
            plan,
            done: 0,
            total,
            outcomes: Vec::new(),
        });
        leptos::task::spawn_local(async move {
            let mut all: Vec<RowOutcome> = Vec::new();
            for chunk in chunks {
                let n = chunk.len();
                let outcome = apply_import(chunk.clone()).await;
                match outcome {
                    Ok(report) => all.extend(report.outcomes),
                    Err(e) => all.extend(chunk.into_iter().map(|r: ImportRow| RowOutcome {
                        line: r.line,
                        name: r.name,
                        action: r.action,
                        error: Some(failure(&e)),
                    })),
                }
                step.update(|s| {
                    if let Step::Applying { done, outcomes, .. } = s {
                        *done += n;
                        *outcomes = all.clone();
                    }
                });
            }
            step.set(Step::Applied { outcomes: all });
        });
    };

    view! {
        <RoleGate role=Role::Helpdesk children=move |_| view! {
                <Title text="Import services" />
                <nav aria-label="Breadcrumb" class="text-sm text-muted">
                    <a href="/services" class="hover:underline">"Services"</a>" / "
                </nav>
                <h1 class="mt-1 text-2xl font-bold tracking-tight">"Import services from CSV"</h1>
                <p class="mt-1 text-sm text-muted">
                    "Each row creates a service, or updates the service of the same name. Nothing changes until you apply the checked file. "
                    <a class="text-accent underline" href="/services-import-example.csv" download="services-import-example.csv">"Download an example file"</a>
                    "."
                </p>
                <details class="mt-3 rounded-lg border border-line p-3 text-sm">
                    <summary class="cursor-pointer font-medium">"Columns"</summary>
                    <dl class="mt-2 grid gap-x-4 gap-y-1 sm:grid-cols-[auto_1fr]">
                        {IMPORT_COLUMNS.iter().map(|(c, what)| view! {
                            <dt class="font-mono">{*c}</dt><dd class="text-muted">{*what}</dd>
                        }).collect_view()}
                    </dl>
                    <p class="mt-2 text-muted">"An empty cell keeps the current value. An export from the list can be edited and imported again."</p>
                </details>
                // Rendered by the server and gone once the page runs: a <noscript> would not
                // show where scripts are blocked by policy rather than switched off.
                <Show when=move || !hydrated.get()>
                    <p class="mt-4 rounded-lg border border-amber-500/40 p-3 text-sm" role="status">
                        "The import needs JavaScript, to check the file and show the progress. Turn JavaScript on, or create services one by one."
                    </p>
                </Show>
                <form class="mt-4 flex flex-col gap-2 sm:flex-row sm:items-end" on:submit=on_submit enctype="multipart/form-data">
                    <div class="grow">
                        <label for="import-file" class="block text-sm font-medium">"CSV file"</label>
                        <input id="import-file" name="file" type="file" accept=".csv,text/csv" required class="field mt-1"
                            aria-describedby="import-file-hint" />
                        <p id="import-file-hint" class="mt-1 text-xs text-muted">{format!("UTF-8, up to {} MB and 5,000 rows.", MAX_IMPORT_BYTES / (1024 * 1024))}</p>
                    </div>
                    <button type="submit" class="btn-primary" disabled=move || !hydrated.get() || matches!(step.get(), Step::Checking | Step::Applying { .. })>
                        {move || if matches!(step.get(), Step::Checking) { "Checking…" } else { "Check file" }}
                    </button>
                </form>
                <p role="alert" class="mt-2 text-sm text-red-700 dark:text-red-300">{move || error.get()}</p>
                {move || match step.get() {
                    Step::Choose | Step::Checking => ().into_any(),
                    Step::Checked(plan) => view! { <DryRun plan on_apply=apply /> }.into_any(),
                    Step::Applying { done, total, .. } => view! {
                        <section class="mt-6" aria-labelledby="apply-heading">
                            <h2 id="apply-heading" class="font-semibold">"Applying…"</h2>
                            <progress class="mt-2 w-full" max=total.to_string() value=done.to_string() aria-label="Import progress"></progress>
                            <p class="text-sm" role="status">{format!("Applied {done} of {total} rows")}</p>
                        </section>
                    }.into_any(),
                    Step::Applied { outcomes } => view! { <Report outcomes /> }.into_any(),
                }}
        } />
    }
}

/// The submitted form's data, as the upload sends it (in the browser only).
fn form_data(ev: &leptos::ev::SubmitEvent) -> Option<leptos::server_fn::codec::MultipartData> {
    #[cfg(feature = "hydrate")]
    {
        use leptos::wasm_bindgen::JsCast;
        let form = ev
            .target()
            .and_then(|t| t.dyn_into::<leptos::web_sys::HtmlFormElement>().ok())?;
        leptos::web_sys::FormData::new_with_form(&form)
            .ok()
            .map(Into::into)
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = ev;
        None
    }
}

fn failure(e: &AppError) -> String {
    match e {
        AppError::Validation { fields } => fields
            .iter()
            .map(|(f, m)| format!("{f}: {}", m.join(" ")))
            .collect::<Vec<_>>()
            .join(" "),
        other => other.to_string(),
    }
}

fn action_label(a: ImportAction) -> &'static str {
    match a {
        ImportAction::Create => "create",
        ImportAction::Update { .. } => "update",
    }
}

#[component]
fn DryRun(
    plan: ImportPlan,
    on_apply: impl Fn(ImportPlan) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let (creates, updates, invalid) = (plan.creates(), plan.updates(), plan.invalid());
    let ready = creates + updates;
    let bad: Vec<ImportRow> = plan
        .rows
        .iter()
        .filter(|r| !r.is_valid())
        .cloned()
        .collect();
    let good: Vec<ImportRow> = plan.rows.iter().filter(|r| r.is_valid()).cloned().collect();
    let summary = format!(
        "{} rows: {ready} ready ({creates} to create, {updates} to update), {invalid} with problems.",
        plan.rows.len()
    );
    let for_apply = plan.clone();
    view! {
        <section class="mt-6" aria-labelledby="dry-run-heading">
            <h2 id="dry-run-heading" class="font-semibold">"Dry run"</h2>
            <p class="mt-1 text-sm" role="status">{summary}</p>
            {(!bad.is_empty()).then(|| view! {
                <table class="mt-3 w-full text-sm" aria-label="Rows with problems">
                    <thead class="text-left"><tr><th class="py-1 pr-3">"Line"</th><th class="py-1 pr-3">"Name"</th><th class="py-1">"Problem"</th></tr></thead>
                    <tbody class="divide-y divide-line">
                        {bad.into_iter().map(|r| view! {
                            <tr>
                                <td class="py-1 pr-3 align-top font-mono">{r.line.to_string()}</td>
                                <td class="py-1 pr-3 align-top">{r.name}</td>
                                <td class="py-1 text-red-800 dark:text-red-200">{r.errors.join(" ")}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            })}
            <details class="mt-3 text-sm">
                <summary class="cursor-pointer">{format!("{ready} rows ready")}</summary>
                <ul class="mt-2 max-h-64 overflow-y-auto">
                    {good.into_iter().map(|r| view! { <li>{format!("Line {}: {} ({})", r.line, r.name, action_label(r.action))}</li> }).collect_view()}
                </ul>
            </details>
            {(ready > 0).then(|| view! {
                <button type="button" class="btn-primary mt-4" on:click=move |_| on_apply(for_apply.clone())>
                    {format!("Apply {ready} rows")}
                </button>
            })}
        </section>
    }
}

#[component]
fn Report(outcomes: Vec<RowOutcome>) -> impl IntoView {
    let landed = outcomes.iter().filter(|o| o.error.is_none()).count();
    let failed: Vec<RowOutcome> = outcomes
        .iter()
        .filter(|o| o.error.is_some())
        .cloned()
        .collect();
    view! {
        <section class="mt-6" aria-labelledby="report-heading">
            <h2 id="report-heading" class="font-semibold">"Done"</h2>
            <p class="mt-1 text-sm" role="status">{format!("{landed} rows landed, {} did not.", failed.len())}</p>
            {(!failed.is_empty()).then(|| view! {
                <ul class="mt-2 list-disc pl-5 text-sm" aria-label="Rows that did not land">
                    {failed.into_iter().map(|o| view! {
                        <li>{format!("Line {} ({}): {}", o.line, o.name, o.error.unwrap_or_default())}</li>
                    }).collect_view()}
                </ul>
                <p class="mt-2 text-sm text-muted">"Fix those rows and import the file again: rows that landed are now updates and change nothing."</p>
            })}
            <a class="btn-secondary mt-3" href="/services">"Go to the services"</a>
        </section>
    }
}
