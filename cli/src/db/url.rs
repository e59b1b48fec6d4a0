//! Database URLs: which backend, and how to show one without its password.

use std::sync::OnceLock;

use super::Backend;

/// The password of the URL in use, scrubbed from every message ([`scrub`]).
static SECRET: OnceLock<String> = OnceLock::new();

/// The backend a URL names, from its scheme.
pub fn backend(database_url: &str) -> Option<Backend> {
    let scheme = database_url.split(':').next()?.to_ascii_lowercase();
    match scheme.as_str() {
        "postgres" | "postgresql" => Some(Backend::Postgres),
        "sqlite" => Some(Backend::Sqlite),
        _ => None,
    }
}

/// The URL with its password replaced by `***` (and its query string, which may hold one,
/// dropped).
///
/// ```ignore
/// assert_eq!(redact("postgres://app:s3cret@db/prod"), "postgres://app:***@db/prod");
/// ```
pub fn redact(database_url: &str) -> String {
    match ::url::Url::parse(database_url) {
        Ok(mut url) => {
            if url.password().is_some() {
                let _ = url.set_password(Some("***"));
            }
            if url.query().is_some_and(|q| q.contains("password")) {
                url.set_query(Some("password=***"));
            }
            url.to_string()
        }
        // Not a URL: show only the scheme.
        Err(_) => format!("{}:…", database_url.split(':').next().unwrap_or("")),
    }
}

/// Remembers the URL's password so [`scrub`] can remove it from driver messages.
pub fn remember_secret(database_url: &str) {
    if let Ok(url) = ::url::Url::parse(database_url) {
        let from_query = url
            .query_pairs()
            .find(|(k, _)| k == "password")
            .map(|(_, v)| v.into_owned());
        if let Some(password) = url.password().map(str::to_owned).or(from_query) {
            if !password.is_empty() {
                let decoded = ::url::form_urlencoded::parse(format!("p={password}").as_bytes())
                    .next()
                    .map(|(_, v)| v.into_owned())
                    .unwrap_or(password);
                let _ = SECRET.set(decoded);
            }
        }
    }
}

/// `text` with the remembered password replaced by `***`.
pub fn scrub(text: &str) -> String {
    match SECRET.get() {
        Some(secret) if text.contains(secret.as_str()) => text.replace(secret.as_str(), "***"),
        _ => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redacts_passwords() {
        assert_eq!(
            redact("postgres://app:s3cret@db.example:5432/prod"),
            "postgres://app:***@db.example:5432/prod"
        );
        assert_eq!(
            redact("postgres://db/prod?user=app&password=s3cret"),
            "postgres://db/prod?password=***"
        );
        assert_eq!(redact("postgres://db/prod"), "postgres://db/prod");
        assert_eq!(redact("not a url"), "not a url:…");
    }

    #[test]
    fn backends() {
        assert_eq!(backend("postgresql://x/y"), Some(Backend::Postgres));
        assert_eq!(backend("sqlite:demo.sqlite"), Some(Backend::Sqlite));
        assert_eq!(backend("mysql://x"), None);
    }
}
