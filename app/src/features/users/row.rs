//! One account on the users page, with its actions behind disclosures (they work
//! without JavaScript).

use leptos::{form::ActionForm, prelude::*};

use super::{page::UserActions, UserRow};
use crate::auth::Role;

/// A card for one account.
#[component]
pub fn UserCard(user: UserRow, actions: UserActions, is_me: bool) -> impl IntoView {
    let id = user.id.to_string();
    let email = user.email.clone();
    let role_field = format!("role-{id}");
    let password_field = format!("pw-{id}");
    let delete_question =
        format!("Delete {email} and end all of their sessions? This cannot be undone.");
    let title = format!("{email}{}", if is_me { " (you)" } else { "" });
    let (id_disable, id_role, id_password, id_delete) = (id.clone(), id.clone(), id.clone(), id);
    let status = if user.disabled { "Disabled" } else { "Active" };
    let last_login = user.last_login_at.clone().unwrap_or_else(|| "never".into());
    let sessions_id = user.id;
    let sessions = user.sessions.clone();
    view! {
        <li class="rounded-lg border border-line p-4" aria-label=email>
            <div class="flex flex-wrap items-baseline justify-between gap-2">
                <div>
                    <p class="font-semibold break-all">{title}</p>
                    <p class="text-sm text-muted">
                        {format!("{} · {} · last sign-in {}", user.role.label(), status, last_login)}
                    </p>
                </div>
                <ActionForm action=actions.disabled>
                    <input type="hidden" name="id" value=id_disable />
                    <input type="hidden" name="disabled" value=(!user.disabled).to_string() />
                    <button type="submit" class="btn-secondary">
                        {if user.disabled { "Enable" } else { "Disable" }}
                    </button>
                </ActionForm>
            </div>
            <div class="mt-3 grid gap-3 md:grid-cols-2">
                <ActionForm action=actions.role attr:class="flex items-end gap-2">
                    <input type="hidden" name="id" value=id_role />
                    <div class="grow">
                        <label class="block text-sm font-medium" for=role_field.clone()>"Role"</label>
                        <select id=role_field name="role" class="field mt-1">
                            {Role::ALL
                                .into_iter()
                                .map(|r| view! { <option value=r.as_str() selected=r == user.role>{r.label()}</option> })
                                .collect_view()}
                        </select>
                    </div>
                    <button type="submit" class="btn-secondary">"Change role"</button>
                </ActionForm>
                <details>
                    <summary class="cursor-pointer text-sm font-medium">"Reset password"</summary>
                    <ActionForm action=actions.password attr:class="mt-2 flex items-end gap-2">
                        <input type="hidden" name="id" value=id_password />
                        <div class="grow">
                            <label class="block text-sm font-medium" for=password_field.clone()>"New password"</label>
                            <input id=password_field name="password" type="password" minlength="12"
                                required autocomplete="new-password" class="field mt-1" />
                        </div>
                        <button type="submit" class="btn-secondary">"Set password"</button>
                    </ActionForm>
                </details>
            </div>
            <details class="mt-3">
                <summary class="cursor-pointer text-sm font-medium">"Sessions"</summary>
                {if sessions.is_empty() {
                    view! { <p class="mt-2 text-sm text-muted">"No active sessions."</p> }.into_any()
                } else {
                    view! {
                        <ul class="mt-2 space-y-2">
                            {sessions.into_iter().map(|s| {
                                let id = sessions_id.to_string();
                                view! {
                                    <li class="flex flex-wrap items-center justify-between gap-2 text-sm">
                                        <span>
                                            {format!("From {} · since {} · last seen {}",
                                                s.client_addr.unwrap_or_else(|| "unknown".into()),
                                                s.created_at, s.last_seen_at)}
                                        </span>
                                        <ActionForm action=actions.end_session>
                                            <input type="hidden" name="id" value=id />
                                            <input type="hidden" name="handle" value=s.handle />
                                            <button type="submit" class="btn-secondary">"End session"</button>
                                        </ActionForm>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }}
            </details>
            <details class="mt-3">
                <summary class="cursor-pointer text-sm font-medium text-red-700 dark:text-red-300">"Delete account…"</summary>
                <ActionForm action=actions.delete attr:class="mt-2 flex flex-wrap items-center gap-2">
                    <input type="hidden" name="id" value=id_delete />
                    <p class="text-sm">{delete_question}</p>
                    <button type="submit" class="btn-danger">"Delete permanently"</button>
                </ActionForm>
            </details>
        </li>
    }
}
