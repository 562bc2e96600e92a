//! Form fields with a label, a hint and an inline error, wired for assistive tech
//! (`aria-invalid`, `aria-describedby`). The error is a signal, so it can come from the
//! server's answer or from checks run while the person types.

use leptos::prelude::*;

/// The messages shown under a field, if any.
pub type FieldError = Signal<Option<String>>;

fn describedby(id: &str, hint: bool) -> String {
    if hint {
        format!("{id}-hint {id}-error")
    } else {
        format!("{id}-error")
    }
}

/// The label above a control, and its hint and error below it.
#[component]
fn Shell(
    id: String,
    label: &'static str,
    hint: Option<&'static str>,
    error: FieldError,
    children: Children,
) -> impl IntoView {
    let error_id = format!("{id}-error");
    let hint_id = format!("{id}-hint");
    view! {
        <div>
            <label for=id class="block text-sm font-medium">{label}</label>
            {children()}
            {hint.map(|h| view! { <p id=hint_id class="mt-1 text-xs text-muted">{h}</p> })}
            <p id=error_id class="field-error" aria-live="polite">{move || error.get()}</p>
        </div>
    }
}

/// A one-line text input.
#[component]
pub fn TextField(
    /// The element id (also the base of the hint and error ids).
    id: String,
    /// The form field name.
    name: String,
    label: &'static str,
    value: String,
    error: FieldError,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(default = "text")] input_type: &'static str,
    #[prop(optional)] required: bool,
    #[prop(optional)] maxlength: Option<u32>,
    #[prop(optional)] inputmode: Option<&'static str>,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional)] placeholder: Option<&'static str>,
) -> impl IntoView {
    let described = describedby(&id, hint.is_some());
    view! {
        <Shell id=id.clone() label hint error>
            <input
                id=id.clone()
                name=name.clone()
                type=input_type
                value=value.clone()
                required=required
                maxlength=maxlength.map(|m| m.to_string())
                inputmode=inputmode
                autocomplete=autocomplete.unwrap_or("off")
                placeholder=placeholder
                class="field mt-1"
                aria-invalid=move || error.get().is_some().to_string()
                aria-describedby=described.clone()
            />
        </Shell>
    }
}

/// A multi-line text input.
#[component]
pub fn TextAreaField(
    id: String,
    name: String,
    label: &'static str,
    value: String,
    error: FieldError,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(default = 3)] rows: u32,
) -> impl IntoView {
    let described = describedby(&id, hint.is_some());
    view! {
        <Shell id=id.clone() label hint error>
            <textarea
                id=id.clone()
                name=name.clone()
                rows=rows.to_string()
                class="field mt-1 font-mono"
                aria-invalid=move || error.get().is_some().to_string()
                aria-describedby=described.clone()
            >
                {value.clone()}
            </textarea>
        </Shell>
    }
}

/// A choice from a list of `(value, label)` pairs.
#[component]
pub fn SelectField(
    id: String,
    name: String,
    label: &'static str,
    value: String,
    choices: Vec<(String, String)>,
    error: FieldError,
    #[prop(optional)] hint: Option<&'static str>,
) -> impl IntoView {
    let described = describedby(&id, hint.is_some());
    view! {
        <Shell id=id.clone() label hint error>
            <select
                id=id.clone()
                name=name.clone()
                class="field mt-1"
                aria-invalid=move || error.get().is_some().to_string()
                aria-describedby=described.clone()
            >
                {choices
                    .clone()
                    .into_iter()
                    .map(|(v, l)| {
                        let selected = v == value;
                        view! { <option value=v selected=selected>{l}</option> }
                    })
                    .collect_view()}
            </select>
        </Shell>
    }
}

/// A checkbox (sent as `on` when ticked, not sent otherwise).
#[component]
pub fn CheckboxField(
    id: String,
    name: String,
    label: &'static str,
    checked: bool,
    #[prop(optional)] hint: Option<&'static str>,
) -> impl IntoView {
    let hint_id = format!("{id}-hint");
    view! {
        <div class="flex items-start gap-2">
            <input
                id=id.clone()
                name=name
                type="checkbox"
                checked=checked
                class="mt-1 h-4 w-4"
                aria-describedby=hint.map(|_| hint_id.clone())
            />
            <div>
                <label for=id class="text-sm font-medium">{label}</label>
                {hint.map(|h| view! { <p id=hint_id class="text-xs text-muted">{h}</p> })}
            </div>
        </div>
    }
}

/// `(value, label)` pairs of a static choice list.
pub fn choices(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(v, l)| ((*v).to_owned(), (*l).to_owned()))
        .collect()
}
