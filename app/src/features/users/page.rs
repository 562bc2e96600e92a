//! The users page: the account list and the form to add one.

use leptos::{form::ActionForm, prelude::*};
use leptos_meta::Title;

use super::{
    api::{
        list_users, CreateUser, DeleteUser, EndUserSession, ResetUserPassword, SetUserDisabled,
        SetUserRole,
    },
    row::UserCard,
};
use crate::{auth::Role, error::AppError, forms::use_rejected_form, ui::gate::RoleGate};

/// The actions of the page, shared by every row.
#[derive(Clone, Copy)]
pub struct UserActions {
    pub role: ServerAction<SetUserRole>,
    pub password: ServerAction<ResetUserPassword>,
    pub disabled: ServerAction<SetUserDisabled>,
    pub delete: ServerAction<DeleteUser>,
    pub end_session: ServerAction<EndUserSession>,
}

impl UserActions {
    fn version(&self) -> usize {
        self.role.version().get()
            + self.password.version().get()
            + self.disabled.version().get()
            + self.delete.version().get()
            + self.end_session.version().get()
    }

    /// The last error of any row action, for the page's alert.
    fn last_error(&self) -> Option<AppError> {
        [
            self.role.value().get().and_then(Result::err),
            self.password.value().get().and_then(Result::err),
            self.disabled.value().get().and_then(Result::err),
            self.delete.value().get().and_then(Result::err),
            self.end_session.value().get().and_then(Result::err),
        ]
        .into_iter()
        .flatten()
        .next()
    }
}

/// Admin page: every portal account.
#[component]
pub fn UsersPage() -> impl IntoView {
    let create = ServerAction::<CreateUser>::new();
    let actions = UserActions {
        role: ServerAction::new(),
        password: ServerAction::new(),
        disabled: ServerAction::new(),
        delete: ServerAction::new(),
        end_session: ServerAction::new(),
    };
    let users = Resource::new(
        move || create.version().get() + actions.version(),
        |_| list_users(),
    );
    let create_error = move |field: &'static str| {
        create
            .value()
            .get()
            .and_then(Result::err)
            .and_then(|e| e.field(field))
    };
    let create_general = move || {
        create
            .value()
            .get()
            .and_then(Result::err)
            .filter(|e| !matches!(e, AppError::Validation { .. }))
            .map(|e| e.to_string())
    };
    // Without JavaScript, a refused form comes back through the session (passwords never do).
    let kept = use_rejected_form::<CreateUser>();
    let kept_email = move || kept.get().and_then(|k| k.get("email")).unwrap_or_default();
    let kept_role = move || kept.get().and_then(|k| k.get("role"));

    view! {
        <RoleGate role=Role::Admin children=move |me| {
        let me_id = me.id;
        view! {
                <Title text="Users" />
                <h1 class="text-2xl font-bold tracking-tight">"Users"</h1>
                <p class="mt-1 text-muted">"Portal accounts, their roles and their sessions."</p>

                <section aria-labelledby="add-user" class="mt-6 rounded-lg border border-line p-4">
                    <h2 id="add-user" class="font-semibold">"Add an account"</h2>
                    // Suspense: during SSR, wait for the kept values (a refused form without JavaScript).
                    <Suspense fallback=|| ()>
                    <ActionForm action=create attr:class="mt-3 grid gap-3 md:grid-cols-4 md:items-end">
                        <div>
                            <label for="new-email" class="block text-sm font-medium">"Email"</label>
                            <input id="new-email" name="email" type="email" required class="field mt-1"
                                value=kept_email
                                aria-invalid=move || create_error("email").is_some().to_string() />
                            <p class="field-error">{move || create_error("email")}</p>
                        </div>
                        <div>
                            <label for="new-role" class="block text-sm font-medium">"Role"</label>
                            <select id="new-role" name="role" class="field mt-1">
                                {Role::ALL
                                    .into_iter()
                                    .map(|r| view! {
                                        <option value=r.as_str() selected=move || kept_role().map_or(r == Role::User, |k| k == r.as_str())>{r.label()}</option>
                                    })
                                    .collect_view()}
                            </select>
                            <p class="field-error">{move || create_error("role")}</p>
                        </div>
                        <div>
                            <label for="new-password" class="block text-sm font-medium">"Password"</label>
                            <input id="new-password" name="password" type="password" minlength="12" required
                                autocomplete="new-password" class="field mt-1"
                                aria-describedby="new-password-hint"
                                aria-invalid=move || create_error("password").is_some().to_string() />
                            <p id="new-password-hint" class="text-xs text-muted">"At least 12 characters."</p>
                            <p class="field-error">{move || create_error("password")}</p>
                        </div>
                        <div>
                            <button type="submit" class="btn-primary w-full">"Add account"</button>
                        </div>
                    </ActionForm>
                    </Suspense>
                    <p role="alert" class="text-sm text-red-700 dark:text-red-300">{create_general}</p>
                </section>

                <p role="alert" class="mt-4 text-sm text-red-700 dark:text-red-300">
                    {move || actions.last_error().map(|e| e.to_string())}
                </p>

                <Transition fallback=|| view! { <p class="mt-6 text-muted">"Loading accounts…"</p> }>
                    {move || {
                        users
                            .get()
                            .map(|result| match result {
                                Ok(list) => {
                                    view! {
                                        <ul class="mt-4 space-y-3" aria-label="Accounts">
                                            {list
                                                .into_iter()
                                                .map(|user| {
                                                    let is_me = user.id == me_id;
                                                    view! { <UserCard user actions is_me /> }
                                                })
                                                .collect_view()}
                                        </ul>
                                    }
                                        .into_any()
                                }
                                Err(e) => view! { <p role="alert" class="mt-6">{e.to_string()}</p> }.into_any(),
                            })
                    }}
                </Transition>
        }
        } />
    }
}
