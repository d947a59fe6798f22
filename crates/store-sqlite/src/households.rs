//! The members of known households, for pairing up a family that arrives again.

use corridor_domain::{HouseholdId, PersonId, RecordId};
use corridor_store::{HouseholdRecord, Result};
use sqlx::{QueryBuilder, Row, Sqlite, SqliteConnection};

use crate::db_err;

pub(crate) async fn household_records(
    conn: &mut SqliteConnection,
    people: &[PersonId],
) -> Result<Vec<HouseholdRecord>> {
    if people.is_empty() {
        return Ok(Vec::new());
    }
    let mut q = QueryBuilder::<Sqlite>::new(
        "SELECT p.household_id, pr.person_id, pr.id
         FROM persons p JOIN person_records pr ON pr.person_id = p.id
         WHERE p.merged_into IS NULL AND p.household_id IN
           (SELECT household_id FROM persons WHERE household_id IS NOT NULL AND id IN (",
    );
    let mut list = q.separated(", ");
    for p in people {
        list.push_bind(p.0);
    }
    q.push(")) ORDER BY p.household_id, pr.person_id, pr.id");
    let rows = q.build().fetch_all(&mut *conn).await.map_err(db_err)?;
    rows.iter()
        .map(|row| {
            Ok(HouseholdRecord {
                household: HouseholdId(row.try_get(0).map_err(db_err)?),
                person: PersonId(row.try_get(1).map_err(db_err)?),
                record: RecordId(row.try_get(2).map_err(db_err)?),
            })
        })
        .collect()
}
