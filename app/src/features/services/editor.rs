//! The create and edit forms. Both post to their server function with `ActionForm`, so
//! they work without JavaScript; with it, the rules are checked as the person types.
//! A refused form keeps what was typed: on screen with JavaScript, and through the
//! session (`crate::forms`) without it.

use leptos::{form::ActionForm, prelude::*};
use leptos_router::hooks::use_navigate;
use serde::Deserialize;

use super::{
    api::{CreateService, UpdateService},
    fields::{general_messages, ServiceFields, ShownErrors},
    form::{FieldErrors, ServiceForm},
    model::FormOptions,
};
use crate::{error::AppError, forms::use_rejected_form};

/// The server's field errors of an action's last answer.
fn server_errors(value: Signal<Option<Result<i64, AppError>>>) -> Signal<FieldErrors> {
    Signal::derive(move || match value.get() {
        Some(Err(AppError::Validation { fields })) => fields,
        _ => FieldErrors::new(),
    })
}

/// A failure that belongs to no field (the node unreachable, not allowed …).
fn general_error(value: Signal<Option<Result<i64, AppError>>>) -> Signal<Vec<String>> {
    Signal::derive(move || match value.get() {
        Some(Err(AppError::Validation { fields })) => general_messages(&fields),
        Some(Err(other)) => vec![other.to_string()],
        _ => Vec::new(),
    })
}

/// The arguments of both server functions carry the form as `form`.
#[derive(Deserialize)]
struct Submitted {
    #[serde(default)]
    form: ServiceForm,
}

/// Re-runs the form's rules on every keystroke (in the browser only) for the fields the
/// person has touched since the last submit.
fn live_check(errors: ShownErrors) -> impl Fn(leptos::ev::Event) + Copy + 'static {
    move |ev: leptos::ev::Event| {
        #[cfg(feature = "hydrate")]
        {
            use leptos::wasm_bindgen::JsCast;
            let Some(target) = ev.target() else { return };
            let Ok(input) = target.dyn_into::<leptos::web_sys::Element>() else {
                return;
            };
            if let Some(name) = input.get_attribute("name") {
                let field = name
                    .strip_prefix("form[")
                    .and_then(|n| n.strip_suffix(']'))
                    .unwrap_or(&name)
                    .to_owned();
                errors.touched.update(|t| {
                    if !t.contains(&field) {
                        t.push(field);
                    }
                });
            }
            let form = input
                .closest("form")
                .ok()
                .flatten()
                .and_then(|f| f.dyn_into::<leptos::web_sys::HtmlFormElement>().ok());
            let Some(form) = form else { return };
            let Ok(data) = leptos::web_sys::FormData::new_with_form(&form) else {
                return;
            };
            let Ok(params) =
                leptos::web_sys::UrlSearchParams::new_with_str_sequence_sequence(&data)
            else {
                return;
            };
            let query: String = params.to_string().into();
            let parsed: Option<Submitted> =
                serde_qs::Config::new(5, false).deserialize_str(&query).ok();
            if let Some(submitted) = parsed {
                errors.live.set(super::form::validate(&submitted.form));
            }
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (ev, errors);
    }
}

/// Goes to the service's page once the action succeeds (with JavaScript; without it the
/// server redirects).
fn go_to_service_on_success(value: Signal<Option<Result<i64, AppError>>>) {
    let navigate = use_navigate();
    Effect::new(move |_| {
        if let Some(Ok(id)) = value.get() {
            navigate(&format!("/services/{id}"), Default::default());
        }
    });
}

#[component]
fn GeneralErrors(messages: Signal<Vec<String>>) -> impl IntoView {
    view! {
        <div role="alert" class="mt-4 empty:hidden">
            {move || {
                let list = messages.get();
                (!list.is_empty()).then(|| view! {
                    <ul class="rounded-lg border border-red-500/40 p-3 text-sm text-red-800 dark:text-red-200">
                        {list.into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}
                    </ul>
                })
            }}
        </div>
    }
}

/// What both forms share: the errors to show, the live checks, and going to the service
/// once saved.
struct FormState {
    value: Signal<Option<Result<i64, AppError>>>,
    errors: ShownErrors,
    pending: Signal<bool>,
}

impl FormState {
    fn new(value: Signal<Option<Result<i64, AppError>>>, pending: Signal<bool>) -> FormState {
        let errors = ShownErrors {
            server: server_errors(value),
            live: RwSignal::new(FieldErrors::new()),
            touched: RwSignal::new(Vec::new()),
        };
        go_to_service_on_success(value);
        // A new submit shows the server's answer again for every field.
        Effect::new(move |_| {
            if pending.get() {
                errors.touched.set(Vec::new());
            }
        });
        FormState {
            value,
            errors,
            pending,
        }
    }
}

/// The fields, filled with what a refused submit kept (without JavaScript) or `initial`.
#[component]
fn KeptFields(
    kept: Signal<Option<crate::forms::FormValues>>,
    initial: ServiceForm,
    errors: ShownErrors,
    options: FormOptions,
    with_aliases: bool,
) -> impl IntoView {
    view! {
        // Suspense: during SSR, wait for the kept values of a refused form.
        <Suspense fallback=|| ()>
            {move || {
                let form = kept
                    .get()
                    .and_then(|v| v.decode::<Submitted>())
                    .map(|s| s.form)
                    .unwrap_or_else(|| initial.clone());
                view! { <ServiceFields form errors options=options.clone() with_aliases /> }
            }}
        </Suspense>
    }
}

/// The form for a new service (or a clone).
#[component]
pub fn CreateServiceForm(
    initial: ServiceForm,
    options: FormOptions,
    cancel: String,
) -> impl IntoView {
    let action = ServerAction::<CreateService>::new();
    let state = FormState::new(action.value().into(), action.pending().into());
    let kept = use_rejected_form::<CreateService>();
    let pending = state.pending;
    let on_input = live_check(state.errors);
    view! {
        <ActionForm action attr:class="mt-4" attr:novalidate="true" on:input=on_input>
            <KeptFields kept initial errors=state.errors options with_aliases=true />
            <GeneralErrors messages=general_error(state.value) />
            <div class="mt-4 flex flex-wrap gap-2">
                <button type="submit" class="btn-primary" disabled=move || pending.get()>
                    {move || if pending.get() { "Creating…" } else { "Create service" }}
                </button>
                <a class="btn-secondary" href=cancel.clone()>"Cancel"</a>
            </div>
        </ActionForm>
    }
}

/// The form that edits an existing service's settings.
#[component]
pub fn EditServiceForm(id: i64, initial: ServiceForm, options: FormOptions) -> impl IntoView {
    let action = ServerAction::<UpdateService>::new();
    let state = FormState::new(action.value().into(), action.pending().into());
    let kept = use_rejected_form::<UpdateService>();
    let pending = state.pending;
    let on_input = live_check(state.errors);
    view! {
        <ActionForm action attr:class="mt-4" attr:novalidate="true" on:input=on_input>
            <input type="hidden" name="id" value=id.to_string() />
            <KeptFields kept initial errors=state.errors options with_aliases=false />
            <GeneralErrors messages=general_error(state.value) />
            <div class="mt-4 flex flex-wrap gap-2">
                <button type="submit" class="btn-primary" disabled=move || pending.get()>
                    {move || if pending.get() { "Saving…" } else { "Save changes" }}
                </button>
                <a class="btn-secondary" href=format!("/services/{id}")>"Cancel"</a>
            </div>
        </ActionForm>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::forms::FormValues;

    #[test]
    fn kept_values_decode_into_the_form() {
        let kept = FormValues(vec![
            ("form[service_type]".into(), "conference".into()),
            ("form[name]".into(), "Kept room".into()),
            ("form[pin]".into(), "12".into()),
            ("form[allow_guests]".into(), "on".into()),
            ("form[aliases]".into(), "a@example.com\r\nb".into()),
        ]);
        let decoded = kept.decode::<Submitted>().expect("decodes");
        assert_eq!(decoded.form.name, "Kept room");
        assert_eq!(decoded.form.pin, "12");
        assert!(decoded.form.allow_guests);
        assert_eq!(decoded.form.alias_list(), vec!["a@example.com", "b"]);
    }
}
