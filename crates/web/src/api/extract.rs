//! The API's extractors: axum's `Json`, `Path` and `Query`, but every refusal is an
//! [`ApiError`] (JSON with the documented error schema) instead of axum's plain text. The
//! handlers import these under the same names, so a handler cannot use the plain-text ones by
//! accident.

use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::header::CONTENT_TYPE;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::ApiError;

/// A JSON request body (or response). A body must say `Content-Type: application/json`, parse
/// as JSON, hold no NUL character in any string (PostgreSQL cannot store one, so it is refused
/// on every database alike), and fit the request type.
#[derive(Debug, Clone, Copy, Default)]
pub struct Json<T>(pub T);

impl<T, S> FromRequest<S> for Json<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        if !is_json(req.headers()) {
            return Err(ApiError::UnsupportedMediaType);
        }
        let bytes = Bytes::from_request(req, state).await.map_err(|e| match e {
            axum::extract::rejection::BytesRejection::FailedToBufferBody(_) => ApiError::TooLarge,
            other => ApiError::BadRequest(other.body_text()),
        })?;
        Ok(Json(parse_body(&bytes)?))
    }
}

/// Parses a JSON body the way every API operation does.
pub(crate) fn parse_body<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    T::deserialize(check_body(bytes)?).map_err(|e| ApiError::Invalid(e.to_string()))
}

/// The checks every JSON body passes before it is read as a request type.
pub(crate) fn check_body(bytes: &[u8]) -> Result<serde_json::Value, ApiError> {
    let value: serde_json::Value = serde_json::from_slice(bytes)
        .map_err(|e| ApiError::BadRequest(format!("the body is not valid JSON: {e}")))?;
    // Every request body of the API is an object; serde would also read a struct from an
    // array of its fields in order (`[null]` as `{"ids": null}`), which no client means.
    if !value.is_object() {
        return Err(ApiError::Invalid("the body must be a JSON object".into()));
    }
    if let Some(at) = nul_at(&value, &mut String::new()) {
        return Err(ApiError::Invalid(format!(
            "{at} contains a NUL character, which is not accepted in any text"
        )));
    }
    Ok(value)
}

/// True for `application/json` and `application/<something>+json`, with any parameters.
pub(crate) fn is_json(headers: &axum::http::HeaderMap) -> bool {
    let Some(value) = headers.get(CONTENT_TYPE).and_then(|v| v.to_str().ok()) else {
        return false;
    };
    let essence = value.split(';').next().unwrap_or("").trim();
    let Some((kind, sub)) = essence.split_once('/') else {
        return false;
    };
    kind.eq_ignore_ascii_case("application")
        && (sub.eq_ignore_ascii_case("json") || sub.to_ascii_lowercase().ends_with("+json"))
}

/// Where in the body a NUL character is, as a path (`people[0].given_name`), if anywhere.
fn nul_at(value: &serde_json::Value, path: &mut String) -> Option<String> {
    use serde_json::Value;
    let here = |path: &String| {
        if path.is_empty() {
            "the body".to_string()
        } else {
            path.clone()
        }
    };
    match value {
        Value::String(s) if s.contains('\0') => Some(here(path)),
        Value::Array(items) => items.iter().enumerate().find_map(|(i, v)| {
            let len = path.len();
            path.push_str(&format!("[{i}]"));
            let found = nul_at(v, path);
            path.truncate(len);
            found
        }),
        Value::Object(map) => map.iter().find_map(|(k, v)| {
            if k.contains('\0') {
                return Some(here(path));
            }
            let len = path.len();
            if !path.is_empty() {
                path.push('.');
            }
            path.push_str(k);
            let found = nul_at(v, path);
            path.truncate(len);
            found
        }),
        _ => None,
    }
}

impl<T: Serialize> IntoResponse for Json<T> {
    fn into_response(self) -> Response {
        axum::Json(self.0).into_response()
    }
}

/// Path parameters; a value of the wrong type (`/cases/abc`) is a 400 with the JSON error.
#[derive(Debug)]
pub struct Path<T>(pub T);

impl<T, S> FromRequestParts<S> for Path<T>
where
    T: DeserializeOwned + Send,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        axum::extract::Path::<T>::from_request_parts(parts, state)
            .await
            .map(|axum::extract::Path(v)| Path(v))
            .map_err(|e| ApiError::BadRequest(e.body_text()))
    }
}

/// Query parameters; an unreadable value is a 400 with the JSON error, and a NUL character in
/// the query is refused before it can reach a database.
#[derive(Debug)]
pub struct Query<T>(pub T);

impl<T, S> FromRequestParts<S> for Query<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let raw = parts.uri.query().unwrap_or("");
        if raw.contains("%00") || raw.contains('\0') {
            return Err(ApiError::Invalid(
                "the query contains a NUL character".into(),
            ));
        }
        let q = axum::extract::Query::<T>::try_from_uri(&parts.uri)
            .map_err(|e| ApiError::BadRequest(e.body_text()))?;
        Ok(Query(q.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Note {
        text: String,
        tags: Vec<String>,
    }

    #[test]
    fn refusals_say_what_is_wrong() {
        assert!(matches!(
            parse_body::<Note>(b"{"),
            Err(ApiError::BadRequest(_))
        ));
        assert!(matches!(
            parse_body::<Note>(br#"{"text": 1, "tags": []}"#),
            Err(ApiError::Invalid(_))
        ));
        match parse_body::<Note>(br#"{"text": "a", "tags": ["b", "c\u0000"]}"#) {
            Err(ApiError::Invalid(m)) => assert!(m.starts_with("tags[1] "), "{m}"),
            other => panic!("{other:?}"),
        }
        assert!(parse_body::<Note>(br#"{"text": "a\\u0000", "tags": []}"#).is_ok());
        assert!(
            matches!(
                parse_body::<Note>(br#"["a", []]"#),
                Err(ApiError::Invalid(_))
            ),
            "a struct is not read from an array"
        );
    }

    #[test]
    fn json_content_types() {
        let mut h = axum::http::HeaderMap::new();
        assert!(!is_json(&h));
        for (v, ok) in [
            ("application/json", true),
            ("Application/JSON; charset=utf-8", true),
            ("application/merge-patch+json", true),
            ("text/plain", false),
            ("application/jsonx", false),
        ] {
            h.insert(CONTENT_TYPE, v.parse().unwrap());
            assert_eq!(is_json(&h), ok, "{v}");
        }
    }
}
