//! The members of known households, for pairing up a family that arrives again.

use corridor_domain::{HouseholdId, PersonId, RecordId};
use corridor_store::{HouseholdRecord, Result};
use sqlx::Row;

use crate::db_err;
use crate::dialect::{self, Conn, in_ids};

pub(crate) async fn household_records(
    conn: &mut Conn,
    people: &[PersonId],
) -> Result<Vec<HouseholdRecord>> {
    if people.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<i64> = people.iter().map(|p| p.0).collect();
    let rows = sqlx::query(concat!(
        "SELECT p.household_id, pr.person_id, pr.id
         FROM persons p JOIN person_records pr ON pr.person_id = p.id
         WHERE p.merged_into IS NULL AND p.household_id IN
           (SELECT household_id FROM persons WHERE household_id IS NOT NULL AND id ",
        in_ids!(1),
        ")
         ORDER BY p.household_id, pr.person_id, pr.id"
    ))
    .bind(dialect::ids(&ids))
    .fetch_all(&mut *conn)
    .await
    .map_err(db_err)?;
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
