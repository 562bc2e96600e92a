//! Light and dark colours. By default the page follows the OS setting (CSS
//! `prefers-color-scheme`); a person may pin light or dark, kept in a cookie so that the
//! server renders the right class and nothing flashes.

use leptos::prelude::*;

/// The cookie holding a pinned theme.
pub const THEME_COOKIE: &str = "pexdesk-theme";

/// The colour preference: follow the OS, or pinned.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ThemeClass {
    #[default]
    System,
    Light,
    Dark,
}

impl ThemeClass {
    /// Parses the cookie value; anything unknown follows the OS.
    pub fn parse(value: &str) -> ThemeClass {
        match value {
            "light" => ThemeClass::Light,
            "dark" => ThemeClass::Dark,
            _ => ThemeClass::System,
        }
    }

    /// The class on `<html>`; empty when following the OS.
    pub fn html_class(self) -> &'static str {
        match self {
            ThemeClass::System => "",
            ThemeClass::Light => "light",
            ThemeClass::Dark => "dark",
        }
    }

    /// The next choice when the toggle is pressed.
    pub fn next(self) -> ThemeClass {
        match self {
            ThemeClass::System => ThemeClass::Dark,
            ThemeClass::Dark => ThemeClass::Light,
            ThemeClass::Light => ThemeClass::System,
        }
    }

    /// What the toggle says the current choice is.
    pub fn label(self) -> &'static str {
        match self {
            ThemeClass::System => "Theme: system",
            ThemeClass::Light => "Theme: light",
            ThemeClass::Dark => "Theme: dark",
        }
    }

    /// The theme pinned by the request's cookie (server), or by `<html>`'s class (browser).
    pub fn from_request() -> ThemeClass {
        #[cfg(feature = "ssr")]
        {
            // Borrowed, not cloned: the request's parts hold every header and extension.
            with_context::<http::request::Parts, _>(|parts| {
                parts
                    .headers
                    .get_all(http::header::COOKIE)
                    .iter()
                    .filter_map(|v| v.to_str().ok())
                    .flat_map(|v| v.split(';'))
                    .filter_map(|pair| pair.trim().split_once('='))
                    .find(|(name, _)| *name == THEME_COOKIE)
                    .map(|(_, value)| ThemeClass::parse(value))
            })
            .flatten()
            .unwrap_or_default()
        }
        #[cfg(not(feature = "ssr"))]
        {
            #[cfg(feature = "hydrate")]
            {
                document()
                    .document_element()
                    .map(|html| ThemeClass::parse(&html.class_name()))
                    .unwrap_or_default()
            }
            #[cfg(not(feature = "hydrate"))]
            {
                ThemeClass::System
            }
        }
    }
}

/// A button that cycles system → dark → light. It needs JavaScript, so it stays disabled
/// until the page has hydrated (and the no-script stylesheet hides it).
#[component]
pub fn ThemeToggle() -> impl IntoView {
    let theme = RwSignal::new(ThemeClass::System);
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| {
        theme.set(ThemeClass::from_request());
        hydrated.set(true);
    });
    let on_click = move |_| {
        let next = theme.get_untracked().next();
        theme.set(next);
        #[cfg(feature = "hydrate")]
        apply(next);
    };
    view! {
        <button
            id="theme-toggle"
            type="button"
            class="rounded-md border border-line px-2 py-1 text-sm hover:bg-raised focus-visible:outline focus-visible:outline-2 focus-visible:outline-accent disabled:opacity-50"
            disabled=move || !hydrated.get()
            on:click=on_click
            aria-label=move || format!("{} (change)", theme.get().label())
        >
            {move || theme.get().label()}
        </button>
    }
}

/// Puts the class on `<html>` and remembers the choice for a year.
#[cfg(feature = "hydrate")]
fn apply(theme: ThemeClass) {
    use wasm_bindgen::JsCast;
    if let Some(html) = document().document_element() {
        html.set_class_name(theme.html_class());
    }
    if let Ok(doc) = document().dyn_into::<web_sys::HtmlDocument>() {
        let cookie = match theme {
            ThemeClass::System => format!("{THEME_COOKIE}=; Path=/; Max-Age=0; SameSite=Lax"),
            other => format!(
                "{THEME_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax",
                other.html_class()
            ),
        };
        // A preference cookie: failing to store it only means the choice is not remembered.
        let _ = doc.set_cookie(&cookie);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cycles_through_all_three() {
        let start = ThemeClass::System;
        assert_eq!(start.next(), ThemeClass::Dark);
        assert_eq!(start.next().next(), ThemeClass::Light);
        assert_eq!(start.next().next().next(), ThemeClass::System);
    }

    #[test]
    fn parses_cookie_values() {
        assert_eq!(ThemeClass::parse("dark"), ThemeClass::Dark);
        assert_eq!(ThemeClass::parse("light"), ThemeClass::Light);
        assert_eq!(ThemeClass::parse("<script>"), ThemeClass::System);
    }
}
