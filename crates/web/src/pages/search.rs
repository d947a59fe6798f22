//! `/search?q=`: the search page behind the box in the top bar (see [`crate::search`]).

use axum::extract::{Query, State};
use serde::Deserialize;

use super::given;
use crate::auth::Staff;
use crate::search::{self, SearchResults};
use crate::views::{Nav, SearchPage};
use crate::{AppState, PageError};

#[derive(Deserialize)]
pub(crate) struct SearchParams {
    q: Option<String>,
}

pub(crate) async fn page(
    State(state): State<AppState>,
    staff: Staff,
    Query(p): Query<SearchParams>,
) -> Result<SearchPage, PageError> {
    if !search::may_search(staff.user.role) {
        return Err(PageError::Forbidden(crate::t("refuse-role-search")));
    }
    let q = given(&p.q).map(str::to_string);
    let (results, error) = match &q {
        None => (None, None),
        Some(text) => match search::search(
            state.store.as_ref(),
            &state.matcher,
            text,
            search::DEFAULT_LIMIT,
            staff.scope(),
            &staff.actor(),
        )
        .await
        {
            Ok(r) => (Some(r), None),
            Err(e @ (search::SearchError::Empty | search::SearchError::TooLong)) => {
                (None, Some(e.to_string()))
            }
            Err(e) => return Err(e.into()),
        },
    };
    Ok(SearchPage {
        nav: Nav::new(&staff, "search"),
        q: q.unwrap_or_default(),
        error,
        results: results.map(view),
    })
}

/// The results as the page lists them.
pub(crate) fn view(r: SearchResults) -> crate::views::SearchView {
    crate::views::SearchView {
        kind: r.kind.as_str(),
        empty: r.count() == 0,
        results: r,
    }
}
