//! The interface's languages: English, Dari, Pashto and Urdu, with their messages in Project
//! Fluent catalogs (`crates/web/i18n/<code>.ftl`, compiled into the binary).
//!
//! The language of a page is chosen once per request, by [`choose`]: an explicit choice (a
//! `?lang=` link, remembered in a cookie and, for a signed-in user, as their setting; the
//! setting is put back in the cookie when they sign in), else the browser's
//! `Accept-Language`, else English.
//! It is kept in a task-local for the duration of the request, so that templates and error
//! pages ask for a message with `crate::t("id")` without every one of the forty page structs
//! carrying a language field. Work done outside a request (mail, the command line) names its
//! language explicitly through [`Lang::message`].

use std::fmt::Display;
use std::sync::LazyLock;

use axum::extract::Request;
use axum::http::{HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

/// A language of the interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    En,
    /// Dari (Afghan Persian), ISO 639-3 `prs`.
    Prs,
    Ps,
    Ur,
}

impl Lang {
    pub const ALL: [Lang; 4] = [Lang::En, Lang::Prs, Lang::Ps, Lang::Ur];

    /// The code used in `lang=`, the cookie and the catalog's file name.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Prs => "prs",
            Lang::Ps => "ps",
            Lang::Ur => "ur",
        }
    }

    pub fn is_rtl(self) -> bool {
        self != Lang::En
    }

    pub fn dir(self) -> &'static str {
        if self.is_rtl() { "rtl" } else { "ltr" }
    }

    /// The language's name in itself, for the switch: a reader finds their own language
    /// without reading the current one.
    pub fn endonym(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Prs => "دری",
            Lang::Ps => "پښتو",
            Lang::Ur => "اردو",
        }
    }

    /// A code as written in a link or cookie; `fa` is accepted for Dari, as browsers send it.
    pub fn from_code(code: &str) -> Option<Lang> {
        let code = code.trim().to_ascii_lowercase();
        let primary = code.split(['-', '_']).next().unwrap_or("");
        match primary {
            "en" => Some(Lang::En),
            // Afghan and Iranian Persian are one written language; Dari readers' browsers
            // usually say `fa` or `fa-AF`.
            "prs" | "fa" => Some(Lang::Prs),
            "ps" | "pbt" | "pbu" => Some(Lang::Ps),
            "ur" => Some(Lang::Ur),
            _ => None,
        }
    }

    /// The first language of an `Accept-Language` header that Corridor speaks, by the
    /// weights given; None when it names none of them.
    pub fn from_accept_language(header: &str) -> Option<Lang> {
        let mut ranked: Vec<(f32, usize, Lang)> = header
            .split(',')
            .enumerate()
            .filter_map(|(i, part)| {
                let mut pieces = part.split(';');
                let lang = Lang::from_code(pieces.next()?)?;
                let q = pieces
                    .find_map(|p| p.trim().strip_prefix("q="))
                    .map_or(Some(1.0), |q| q.trim().parse::<f32>().ok())?;
                (q > 0.0).then_some((q, i, lang))
            })
            .collect();
        // Highest weight first; equal weights keep the order they were written in.
        ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        ranked.first().map(|r| r.2)
    }

    /// The reply language for a requester who chose this interface language.
    pub fn reply_language(self) -> corridor_domain::Language {
        match self {
            Lang::En => corridor_domain::Language::English,
            Lang::Prs => corridor_domain::Language::Dari,
            Lang::Ps => corridor_domain::Language::Pashto,
            Lang::Ur => corridor_domain::Language::Urdu,
        }
    }

    /// The interface language that matches a requester's reply language.
    pub fn from_reply_language(l: corridor_domain::Language) -> Lang {
        match l {
            corridor_domain::Language::English => Lang::En,
            corridor_domain::Language::Dari => Lang::Prs,
            corridor_domain::Language::Pashto => Lang::Ps,
            corridor_domain::Language::Urdu => Lang::Ur,
        }
    }

    /// Whether dates are shown in the Solar Hijri calendar, the one Afghan documents and
    /// people use; Urdu readers in Pakistan use the Gregorian.
    pub fn solar_hijri(self) -> bool {
        matches!(self, Lang::Prs | Lang::Ps)
    }

    /// A message in this language; English when this catalog lacks it (the completeness test
    /// keeps that from happening), the id itself when no catalog has it.
    pub fn message(self, id: &str, args: Option<&FluentArgs>) -> String {
        for lang in [self, Lang::En] {
            let bundle = &BUNDLES[lang as usize];
            if let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) {
                let mut errors = vec![];
                let text = bundle.format_pattern(pattern, args, &mut errors);
                if !errors.is_empty() {
                    tracing::warn!(
                        message = id,
                        lang = lang.code(),
                        ?errors,
                        "message misformatted"
                    );
                }
                return text.into_owned();
            }
        }
        tracing::warn!(message = id, "no catalog has this message");
        id.to_string()
    }
}

/// The catalogs, as written in the repository.
pub const CATALOGS: [(Lang, &str); 4] = [
    (Lang::En, include_str!("../i18n/en.ftl")),
    (Lang::Prs, include_str!("../i18n/prs.ftl")),
    (Lang::Ps, include_str!("../i18n/ps.ftl")),
    (Lang::Ur, include_str!("../i18n/ur.ftl")),
];

static BUNDLES: LazyLock<Vec<FluentBundle<FluentResource>>> = LazyLock::new(|| {
    CATALOGS
        .iter()
        .map(|(lang, source)| {
            // Plural rules are Persian's for Dari (CLDR has no separate `prs`).
            let locale = match lang {
                Lang::Prs => "fa-AF",
                other => other.code(),
            };
            let mut bundle = FluentBundle::new_concurrent(vec![
                locale.parse().expect("a valid language identifier"),
            ]);
            // Fluent wraps every inserted value in bidi isolates, which right-to-left text
            // needs around a Latin reference; in English they are only noise.
            bundle.set_use_isolating(lang.is_rtl());
            let resource = FluentResource::try_new(source.to_string())
                .unwrap_or_else(|(_, errors)| panic!("{} catalog: {errors:?}", lang.code()));
            bundle
                .add_resource(resource)
                .unwrap_or_else(|errors| panic!("{} catalog: {errors:?}", lang.code()));
            bundle
        })
        .collect()
});

/// The request being answered: its language and where it was asked (for the switch links).
#[derive(Debug, Clone)]
struct Current {
    lang: Lang,
    /// The path and query without `lang=`.
    here: String,
}

tokio::task_local! {
    static CURRENT: Current;
}

/// The language of the request being answered (English outside a request).
pub fn lang() -> Lang {
    CURRENT.try_with(|c| c.lang).unwrap_or(Lang::En)
}

/// A message in the request's language.
pub fn t(id: &str) -> String {
    lang().message(id, None)
}

/// A message with one value inserted (`{ $name }` in the catalog).
pub fn t1(id: &str, name: &str, value: impl Display) -> String {
    let mut args = FluentArgs::new();
    args.set(name, FluentValue::from(value.to_string()));
    lang().message(id, Some(&args))
}

/// A message with two values inserted.
pub fn t2(id: &str, a: &str, a_value: impl Display, b: &str, b_value: impl Display) -> String {
    let mut args = FluentArgs::new();
    args.set(a, FluentValue::from(a_value.to_string()));
    args.set(b, FluentValue::from(b_value.to_string()));
    lang().message(id, Some(&args))
}

/// A message with a number inserted, so that the catalog may choose a plural form.
pub fn tn(id: &str, name: &str, value: impl std::borrow::Borrow<i64>) -> String {
    let mut args = FluentArgs::new();
    args.set(name, FluentValue::from(*value.borrow()));
    lang().message(id, Some(&args))
}

/// One link of the language switch.
pub struct SwitchLink {
    pub href: String,
    pub code: &'static str,
    pub name: &'static str,
    pub current: bool,
}

/// The language switch: the page asked for, in each language. Plain links, so the switch
/// works without script.
pub fn switch() -> Vec<SwitchLink> {
    let (current, here) = CURRENT
        .try_with(|c| (c.lang, c.here.clone()))
        .unwrap_or((Lang::En, "/".into()));
    let sep = if here.contains('?') { '&' } else { '?' };
    Lang::ALL
        .iter()
        .map(|&l| SwitchLink {
            href: format!("{here}{sep}lang={}", l.code()),
            code: l.code(),
            name: l.endonym(),
            current: l == current,
        })
        .collect()
}

/// The cookie that remembers an explicit choice.
pub const COOKIE: &str = "corridor_lang";

fn cookie_lang(headers: &axum::http::HeaderMap) -> Option<Lang> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == COOKIE)
        .and_then(|(_, v)| Lang::from_code(v))
}

/// The `Set-Cookie` value that remembers `lang` for a year.
pub(crate) fn cookie_header(lang: Lang, secure_cookies: bool) -> Option<HeaderValue> {
    let secure = if secure_cookies { "; Secure" } else { "" };
    let cookie = format!(
        "{COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly{secure}",
        lang.code()
    );
    HeaderValue::from_str(&cookie).ok()
}

/// Keeps an explicit choice as the signed-in user's setting, so that it follows them to
/// another browser. Without a session there is nobody to keep it for; a failure to store it
/// costs only the setting, never the page.
async fn remember_for_user(state: &crate::AppState, request: Request, lang: Lang) -> Request {
    use axum::extract::FromRequestParts;

    let (mut parts, body) = request.into_parts();
    if let Ok(who) = crate::auth::PendingStaff::from_request_parts(&mut parts, state).await
        && let Err(e) = state
            .store
            .set_user_language(who.user.id, Some(lang.code()), &who.actor())
            .await
    {
        tracing::warn!(error = %e, "the language setting was not stored");
    }
    Request::from_parts(parts, body)
}

/// Chooses the request's language and answers it in that language; an explicit `?lang=`
/// choice is remembered in a cookie for a year, and for a signed-in user as their setting.
pub(crate) async fn choose(
    axum::extract::State(state): axum::extract::State<crate::AppState>,
    request: Request,
    next: Next,
) -> Response {
    let uri = request.uri();
    let mut chosen = None;
    let mut kept = Vec::new();
    for pair in uri
        .query()
        .unwrap_or("")
        .split('&')
        .filter(|p| !p.is_empty())
    {
        match pair.strip_prefix("lang=") {
            Some(code) => chosen = chosen.or(Lang::from_code(code)),
            None => kept.push(pair),
        }
    }
    let here = if kept.is_empty() {
        uri.path().to_string()
    } else {
        format!("{}?{}", uri.path(), kept.join("&"))
    };
    let request = match chosen {
        Some(l) => remember_for_user(&state, request, l).await,
        None => request,
    };
    let headers = request.headers();
    let lang = chosen
        .or_else(|| cookie_lang(headers))
        .or_else(|| {
            headers
                .get(header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .and_then(Lang::from_accept_language)
        })
        .unwrap_or(Lang::En);
    let mut response = CURRENT
        .scope(Current { lang, here }, next.run(request))
        .await;
    let headers = response.headers_mut();
    if let Some(v) = chosen.and_then(|l| cookie_header(l, state.config.secure_cookies)) {
        headers.append(header::SET_COOKIE, v);
    }
    // A cache between here and the reader must not hand one reader's language to another.
    headers.append(
        header::VARY,
        HeaderValue::from_static("Accept-Language, Cookie"),
    );
    response
}

/// Runs `f` as if answering a request in `lang` (tests, and rendering for a requester).
pub fn with_lang<R>(lang: Lang, f: impl FnOnce() -> R) -> R {
    CURRENT.sync_scope(
        Current {
            lang,
            here: "/".into(),
        },
        f,
    )
}

/// The same for async work (storing in the requester's language).
pub async fn with_lang_async<F: std::future::Future>(lang: Lang, f: F) -> F::Output {
    CURRENT
        .scope(
            Current {
                lang,
                here: "/".into(),
            },
            f,
        )
        .await
}

/// A date and time for the reader: Dari and Pashto readers get the Solar Hijri date with the
/// Gregorian beside it.
pub fn when(t: chrono::DateTime<chrono::Utc>) -> String {
    if lang().solar_hijri()
        && let Some((y, m, d)) = solar_hijri(t.date_naive())
    {
        // Isolated left to right: in a right-to-left sentence, a run of digits and
        // punctuation alone would be reordered piece by piece.
        return format!(
            "\u{2066}{y:04}/{m:02}/{d:02} ({}) {}\u{2069}",
            t.format("%Y-%m-%d"),
            t.format("%H:%M")
        );
    }
    t.format("%Y-%m-%d %H:%M").to_string()
}

/// A calendar date alone, in the reader's calendar(s).
pub fn day(d: chrono::NaiveDate) -> String {
    if lang().solar_hijri()
        && let Some((y, m, dd)) = solar_hijri(d)
    {
        return format!(
            "\u{2066}{y:04}/{m:02}/{dd:02} ({})\u{2069}",
            d.format("%Y-%m-%d")
        );
    }
    d.format("%Y-%m-%d").to_string()
}

/// The Solar Hijri (Persian) date of a Gregorian date: year, month (1 = Hamal/Farvardin), day.
pub fn solar_hijri(d: chrono::NaiveDate) -> Option<(i32, u8, u8)> {
    use chrono::Datelike;
    let iso = icu_calendar::Date::try_new_iso(d.year(), d.month() as u8, d.day() as u8).ok()?;
    let persian = iso.to_calendar(icu_calendar::cal::Persian::new());
    Some((
        persian.era_year().year,
        persian.month().ordinal,
        persian.day_of_month().0,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn browsers_languages_are_mapped_to_ours() {
        assert_eq!(
            Lang::from_accept_language("fa-AF,fa;q=0.9,en;q=0.5"),
            Some(Lang::Prs)
        );
        assert_eq!(Lang::from_accept_language("prs"), Some(Lang::Prs));
        assert_eq!(Lang::from_accept_language("ps-AF"), Some(Lang::Ps));
        assert_eq!(Lang::from_accept_language("ur-PK,en;q=0.8"), Some(Lang::Ur));
        assert_eq!(Lang::from_accept_language("de-DE,ps;q=0.7"), Some(Lang::Ps));
        assert_eq!(
            Lang::from_accept_language("en;q=0.4,ps;q=0.9"),
            Some(Lang::Ps)
        );
        assert_eq!(Lang::from_accept_language("de, fr"), None);
        assert_eq!(Lang::from_accept_language("ps;q=0"), None);
        assert_eq!(Lang::from_accept_language(""), None);
    }

    #[test]
    fn solar_hijri_dates_match_the_afghan_calendar() {
        // Nowruz 1400 was 21 March 2021 (DOMAIN.md); 15 August 2021 was 24 Asad 1400.
        let on = |y, m, d| solar_hijri(NaiveDate::from_ymd_opt(y, m, d).unwrap());
        assert_eq!(on(2021, 3, 21), Some((1400, 1, 1)));
        assert_eq!(on(2021, 3, 20), Some((1399, 12, 30)));
        assert_eq!(on(2021, 8, 15), Some((1400, 5, 24)));
        assert_eq!(on(2026, 12, 7), Some((1405, 9, 16)));
    }

    #[test]
    fn dari_readers_see_both_calendars_and_english_readers_one() {
        let t = chrono::DateTime::parse_from_rfc3339("2021-08-15T09:30:00Z")
            .unwrap()
            .to_utc();
        assert_eq!(with_lang(Lang::En, || when(t)), "2021-08-15 09:30");
        assert_eq!(with_lang(Lang::Ur, || when(t)), "2021-08-15 09:30");
        assert_eq!(
            with_lang(Lang::Prs, || when(t)),
            "\u{2066}1400/05/24 (2021-08-15) 09:30\u{2069}"
        );
    }

    #[test]
    fn messages_come_in_the_chosen_language_with_values_isolated_in_rtl() {
        assert_eq!(
            with_lang(Lang::En, || t1("request-person-n", "n", 2)),
            "Person 2"
        );
        let dari = with_lang(Lang::Prs, || t1("request-person-n", "n", 2));
        assert!(dari.contains("\u{2068}2\u{2069}"), "{dari}");
        assert_ne!(
            with_lang(Lang::Ps, || t("request-title")),
            t("request-title")
        );
    }

    fn ids(source: &str) -> std::collections::BTreeSet<String> {
        let resource = FluentResource::try_new(source.to_string()).expect("catalog parses");
        resource
            .entries()
            .filter_map(|e| match e {
                fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_string()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn every_catalog_has_exactly_the_english_messages() {
        let english = ids(CATALOGS[0].1);
        assert!(english.len() > 100, "{}", english.len());
        for (lang, source) in &CATALOGS[1..] {
            let other = ids(source);
            let missing: Vec<_> = english.difference(&other).collect();
            let extra: Vec<_> = other.difference(&english).collect();
            assert!(
                missing.is_empty() && extra.is_empty(),
                "{}.ftl lacks {missing:?} and has {extra:?}, which en.ftl does not",
                lang.code()
            );
        }
    }

    #[test]
    fn every_message_formats_in_every_language_and_is_translated() {
        let mut args = FluentArgs::new();
        for name in [
            "n",
            "count",
            "when",
            "from",
            "to",
            "name",
            "reference",
            "value",
            "field",
            "org",
            "team",
            "what",
            "category",
            "by",
            "inquiries",
            "new",
            "closures",
            "backlog",
            "why",
            "mb",
            "doc",
        ] {
            args.set(name, FluentValue::from(3));
        }
        for (lang, source) in CATALOGS {
            let bundle = &BUNDLES[lang as usize];
            for id in ids(source) {
                let pattern = bundle.get_message(&id).and_then(|m| m.value()).unwrap();
                let mut errors = vec![];
                let text = bundle.format_pattern(pattern, Some(&args), &mut errors);
                assert!(errors.is_empty(), "{} {id}: {errors:?}", lang.code());
                // A right-to-left catalog with a message in Latin letters only is an
                // untranslated copy; the brand, keys and codes are the exceptions.
                if lang.is_rtl() && !["corridor"].contains(&id.as_str()) {
                    assert!(
                        text.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c)),
                        "{} {id} is not translated: {text}",
                        lang.code()
                    );
                }
            }
        }
    }

    /// The ids the code asks for by name: `t("…")`, `t1("…"`, `tn("…"` in the templates and
    /// the Rust sources.
    fn ids_used() -> Vec<(String, String)> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = vec![];
        let mut dirs = vec![root.join("templates"), root.join("src")];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    dirs.push(path);
                } else if path.extension().is_some_and(|e| e == "html" || e == "rs")
                    // This file names the functions in its own comments.
                    && !path.ends_with("src/i18n.rs")
                {
                    files.push(path);
                }
            }
        }
        let mut used = vec![];
        for file in files {
            let text = std::fs::read_to_string(&file).unwrap();
            for call in ["t(\"", "t1(\"", "tn(\""] {
                for (at, _) in text.match_indices(call) {
                    let before = text[..at].chars().last();
                    // `crate::t(`, `i18n::t(` or a bare `t(`, not `format!(` or `get(`.
                    if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                        continue;
                    }
                    let rest = &text[at + call.len()..];
                    let id = rest.split('"').next().unwrap();
                    if !id.is_empty() && !id.contains('{') {
                        used.push((file.display().to_string(), id.to_string()));
                    }
                }
            }
        }
        used
    }

    #[test]
    fn every_message_the_pages_ask_for_is_in_english() {
        let english = ids(CATALOGS[0].1);
        let used = ids_used();
        assert!(used.len() > 50, "the scan found only {} uses", used.len());
        let missing: Vec<_> = used
            .iter()
            .filter(|(_, id)| !english.contains(id))
            .collect();
        assert!(missing.is_empty(), "not in en.ftl: {missing:?}");
        // And the ids the code builds from a value.
        for c in corridor_domain::CaseCategory::ALL {
            assert!(
                english.contains(&format!("category-{}", c.as_str())),
                "{c:?}"
            );
        }
        for r in crate::pages::public::RELATIONSHIPS {
            assert!(english.contains(&format!("relationship-{r}")), "{r}");
        }
        for p in crate::forms::Problem::ALL {
            assert!(english.contains(p.message_id()), "{p:?}");
        }
        for s in corridor_domain::CaseStatus::ALL {
            assert!(
                english.contains(&format!("case-status-{}", s.as_str())),
                "{s:?}"
            );
        }
        for p in corridor_domain::Priority::ALL {
            assert!(
                english.contains(&format!("priority-{}", p.as_str())),
                "{p:?}"
            );
        }
        for s in ["received", "under_review", "referred", "closed"] {
            assert!(english.contains(&format!("public-status-{s}")), "{s}");
        }
        // The domain's values, the matcher's words and the situation report's lines.
        let mut built = crate::terms::all_ids();
        built.extend(crate::terms::MATCH_FIELDS.map(|f| format!("match-field-{f}")));
        built.extend(crate::terms::MATCH_LEVELS.map(|l| format!("match-level-{l}")));
        built.extend(crate::sitrep::message_ids());
        built.extend(
            crate::views::NOTIFICATION_KINDS
                .iter()
                .chain(&["other"])
                .map(|k| format!("notif-kind-{k}")),
        );
        let missing: Vec<_> = built.iter().filter(|id| !english.contains(*id)).collect();
        assert!(missing.is_empty(), "not in en.ftl: {missing:?}");
    }
}
