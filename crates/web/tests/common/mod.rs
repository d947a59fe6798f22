//! `TestApp`: the real application on a loopback port 0, with its own SQLite file, driven over
//! real HTTP.

#![allow(dead_code)]

use std::sync::Arc;

use corridor_domain::{CaseCategory, DisplayName, Password, Role, User, Username};
use corridor_store::{Actor, NewApiToken, NewTeam, NewUser, Store};
use corridor_store_sqlite::SqliteStore;

pub const PASSWORD: &str = "synthetic test passphrase";

pub struct TestApp {
    pub base: String,
    pub store: Arc<dyn Store>,
    pub lead: User,
    pub officer: User,
    pub clerk: User,
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

pub async fn add_user(
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
        let store: Arc<dyn Store> = Arc::new(
            SqliteStore::open(dir.path().join("test.db").to_str().unwrap())
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

    /// A browser-like client signed in as `username`.
    pub async fn signed_in(&self, username: &str) -> reqwest::Client {
        let client = Self::client();
        let response = client
            .post(self.url("/login"))
            .form(&[("username", username), ("password", PASSWORD)])
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 303, "sign-in as {username} failed");
        client
    }

    pub async fn page(&self, client: &reqwest::Client, path: &str) -> (u16, String) {
        let r = client.get(self.url(path)).send().await.unwrap();
        (r.status().as_u16(), r.text().await.unwrap())
    }

    /// A new API token for `user`.
    pub async fn token(&self, user: &User) -> String {
        let (token, hash) = corridor_web::auth::new_api_token();
        self.store
            .create_api_token(
                NewApiToken {
                    user_id: user.id,
                    name: "test".into(),
                    token_hash: hash,
                    expires_at: None,
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
    let at = html
        .find("name=\"csrf\" value=\"")
        .expect("page has a CSRF field")
        + 19;
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
