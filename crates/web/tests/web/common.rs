//! `TestApp`: the real application on a loopback port 0, with its own SQLite file, driven over
//! real HTTP.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use corridor_domain::{CaseCategory, DisplayName, Password, Role, User, Username};
use corridor_store::crypto::KeySource;
use corridor_store::prelude::*;
use corridor_store::{Actor, Backdating, NewApiToken, NewTeam, NewUser, TokenScope, TotpState};
use corridor_store_sqlite::SqliteStore;

pub const PASSWORD: &str = "synthetic test passphrase";

pub struct TestApp {
    pub base: String,
    /// The app's store; also the door the tests date history through (see [`Backdating`]).
    pub store: Arc<dyn Backdating>,
    pub lead: User,
    pub officer: User,
    pub clerk: User,
    /// The last TOTP step each user signed in with, so that the next sign-in uses a later one
    /// (codes are single-use).
    steps: Mutex<HashMap<String, i64>>,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    _dir: tempfile::TempDir,
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

/// The second-factor secret test users are enrolled with: derived from the username, so a
/// test can compute any user's codes.
pub fn totp_secret(username: &str) -> String {
    use sha2::Digest;
    let digest = sha2::Sha256::digest(format!("corridor test totp {username}").as_bytes());
    corridor_web::totp::base32_encode(&digest[..20])
}

/// A user with the test password and, enrolled already, the second factor of
/// [`totp_secret`]. Use [`add_user_without_second_factor`] to test enrollment.
pub async fn add_user(
    store: &dyn Store,
    username: &str,
    role: Role,
    team: Option<corridor_domain::TeamId>,
) -> User {
    let user = add_user_without_second_factor(store, username, role, team).await;
    enroll(store, &user).await;
    user
}

/// Enrolls a user made elsewhere (a partner user, say) in the second factor of [`totp_secret`].
pub async fn enroll(store: &dyn Store, user: &User) {
    let username = user.username.to_string();
    store
        .set_totp(
            user.id,
            Some(TotpState {
                secret: totp_secret(&username),
                confirmed: true,
            }),
            &Actor::system("test"),
        )
        .await
        .unwrap();
}

pub async fn add_user_without_second_factor(
    store: &dyn Store,
    username: &str,
    role: Role,
    team: Option<corridor_domain::TeamId>,
) -> User {
    let hash = corridor_web::auth::hash_password(&Password::parse(PASSWORD).unwrap()).unwrap();
    store
        .create_user(
            NewUser {
                username: Username::parse(username).unwrap(),
                display_name: DisplayName::parse(&format!("{username} name")).unwrap(),
                role,
                team_id: team,
                password_hash: hash,
            },
            &Actor::system("test"),
        )
        .await
        .unwrap()
}

impl TestApp {
    /// A running app with a catch-all team led by `lead`, a medical team led by `officer`, and
    /// an intake clerk.
    pub async fn spawn() -> TestApp {
        Self::spawn_with(|_, _| {}).await
    }

    /// The same, with settings changed by `configure` (given the app's own temporary
    /// directory, for files such as the referral signing key).
    pub async fn spawn_with(
        configure: impl FnOnce(&mut corridor_web::AppConfig, &std::path::Path),
    ) -> TestApp {
        let dir = tempfile::tempdir().unwrap();
        let mut config = corridor_web::AppConfig::default();
        configure(&mut config, dir.path());
        let store: Arc<dyn Backdating> = Arc::new(
            SqliteStore::open(
                dir.path().join("test.db").to_str().unwrap(),
                &KeySource::ephemeral(),
            )
            .await
            .unwrap(),
        );
        let system = Actor::system("test");
        let general = store
            .create_team(
                NewTeam {
                    name: "General".into(),
                    categories: vec![],
                    lead_id: None,
                },
                &system,
            )
            .await
            .unwrap();
        let medical = store
            .create_team(
                NewTeam {
                    name: "Medical".into(),
                    categories: vec![CaseCategory::Medical],
                    lead_id: None,
                },
                &system,
            )
            .await
            .unwrap();
        let lead = add_user(store.as_ref(), "lead", Role::Lead, Some(general.id)).await;
        let officer = add_user(
            store.as_ref(),
            "officer",
            Role::CaseOfficer,
            Some(medical.id),
        )
        .await;
        let clerk = add_user(store.as_ref(), "clerk", Role::IntakeClerk, Some(general.id)).await;
        store
            .set_team_lead(general.id, lead.id, &system)
            .await
            .unwrap();
        store
            .set_team_lead(medical.id, officer.id, &system)
            .await
            .unwrap();

        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let served = store.clone();
        let matcher = corridor_web::load_matcher(store.as_ref()).await.unwrap();
        tokio::spawn(async move {
            corridor_web::serve(listener, served, matcher, config, async {
                let _ = stopped.await;
            })
            .await
            .unwrap();
        });
        TestApp {
            base,
            store,
            lead,
            officer,
            clerk,
            steps: Mutex::new(HashMap::new()),
            stop: Some(stop),
            _dir: dir,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// A client that does not follow redirects, so tests can see them.
    pub fn client() -> reqwest::Client {
        reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap()
    }

    /// A fresh TOTP code of `username` (a user made by [`add_user`]): each call gives a code
    /// of a later time step than the last, as codes are single-use.
    pub async fn code(&self, username: &str) -> String {
        let now = corridor_web::totp::current_step();
        let step = {
            let mut steps = self.steps.lock().unwrap();
            let last = steps.get(username).copied().unwrap_or(i64::MIN);
            let step = (now - 1).max(last.saturating_add(1));
            steps.insert(username.to_string(), step);
            step
        };
        if step > now + 1 {
            // More sign-ins of one user within a minute than the window holds: start the
            // user's replay guard afresh (setting the factor again clears it).
            let user = self
                .store
                .user_credentials(username)
                .await
                .unwrap()
                .expect("known user")
                .0;
            self.store
                .set_totp(
                    user.id,
                    Some(TotpState {
                        secret: totp_secret(username),
                        confirmed: true,
                    }),
                    &Actor::system("test"),
                )
                .await
                .unwrap();
            self.steps.lock().unwrap().insert(username.to_string(), now);
            return corridor_web::totp::code(&totp_secret(username), now).unwrap();
        }
        corridor_web::totp::code(&totp_secret(username), step).unwrap()
    }

    /// A browser-like client signed in as `username`: password, then the second factor.
    pub async fn signed_in(&self, username: &str) -> reqwest::Client {
        self.signed_in_with_csrf(username).await.0
    }

    /// The same, with the session's CSRF token (for roles whose pages carry no form).
    pub async fn signed_in_with_csrf(&self, username: &str) -> (reqwest::Client, String) {
        let client = Self::client();
        let response = client
            .post(self.url("/login"))
            .form(&[("username", username), ("password", PASSWORD)])
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 303, "sign-in as {username} failed");
        assert_eq!(
            response.headers()["location"],
            "/login/code",
            "the password alone does not sign in"
        );
        let (status, page) = self.page(&client, "/login/code").await;
        assert_eq!(status, 200, "{page}");
        let code = self.code(username).await;
        let token = csrf(&page);
        let response = client
            .post(self.url("/login/code"))
            .form(&[("csrf", token.as_str()), ("code", code.as_str())])
            .send()
            .await
            .unwrap();
        assert_eq!(
            response.status(),
            303,
            "second factor of {username} refused: {}",
            response.text().await.unwrap_or_default()
        );
        // The second factor renews the session, CSRF token included: the new one is on the
        // home page's sign-out form.
        let home = client.get(self.url("/")).send().await.unwrap();
        let home = home.headers()["location"].to_str().unwrap().to_string();
        let (status, page) = self.page(&client, &home).await;
        assert_eq!(status, 200, "{home}: {page}");
        (client, csrf(&page))
    }

    pub async fn page(&self, client: &reqwest::Client, path: &str) -> (u16, String) {
        let r = client.get(self.url(path)).send().await.unwrap();
        (r.status().as_u16(), r.text().await.unwrap())
    }

    /// A new API token for `user`, with the read and write scopes.
    pub async fn token(&self, user: &User) -> String {
        self.token_with(user, &[TokenScope::Read, TokenScope::Write])
            .await
    }

    /// A new API token for `user` with these scopes.
    pub async fn token_with(&self, user: &User, scopes: &[TokenScope]) -> String {
        let (token, hash) = corridor_web::auth::new_api_token();
        self.store
            .create_api_token(
                NewApiToken {
                    user_id: user.id,
                    name: "test".into(),
                    token_hash: hash,
                    expires_at: None,
                    scopes: scopes.to_vec(),
                },
                &Actor::system("test"),
            )
            .await
            .unwrap();
        token
    }
}

/// The CSRF token of the first form on a page.
pub fn csrf(html: &str) -> String {
    hidden(html, "csrf")
}

/// The value a page's form carries in the field `name` (a hidden code, a token).
pub fn hidden(html: &str, name: &str) -> String {
    let needle = format!("name=\"{name}\" value=\"");
    let at = html
        .find(&needle)
        .unwrap_or_else(|| panic!("no {name} field"))
        + needle.len();
    html[at..].split('"').next().unwrap().to_string()
}

/// A page's text without tags, to assert on what a person reads.
pub fn text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}
