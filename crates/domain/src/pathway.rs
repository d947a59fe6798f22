//! The steps of each eligibility pathway and the rules for moving between them. Steps go
//! forward (skipping is fine: evidence often arrives late); going back, sideways between two
//! outcomes, or out of a final step is a correction and needs a note saying why.

use crate::Pathway;

/// One step of a pathway.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Step {
    pub code: &'static str,
    pub label: &'static str,
    /// Steps of equal rank are alternatives (approved or denied).
    pub rank: u8,
    /// Nothing follows a final step in the ordinary course.
    pub last: bool,
}

const fn step(code: &'static str, label: &'static str, rank: u8, last: bool) -> Step {
    Step {
        code,
        label,
        rank,
        last,
    }
}

const SIV: &[Step] = &[
    step(
        "chief_of_mission_submitted",
        "Chief of Mission application submitted",
        0,
        false,
    ),
    step(
        "com_in_progress_not_approved",
        "Chief of Mission in progress, not yet approved",
        1,
        false,
    ),
    step("com_approved", "Chief of Mission approved", 2, false),
    step("i360_filed", "I-360 petition filed", 3, false),
    step("nvc", "At the National Visa Center", 4, false),
    step("interview", "Visa interview", 5, false),
    step("visa_issued", "Visa issued", 6, true),
];

const REFUGEE: &[Step] = &[
    step("referred", "Referred", 0, false),
    step("interviewed", "Interviewed", 1, false),
    step("approved", "Approved", 2, false),
    step("denied", "Denied", 2, true),
    step("travelled", "Travelled", 3, true),
];

const PAROLE: &[Step] = &[
    step("applied", "Applied", 0, false),
    step("approved", "Approved", 1, true),
    step("denied", "Denied", 1, true),
];

const UNHCR: &[Step] = &[
    step("requested", "Registration requested", 0, false),
    step("registered", "Registered", 1, true),
];

const CLAIMED: &[Step] = &[
    step("claimed", "Claimed, no record found", 0, false),
    step("verifying", "Being verified", 1, false),
    step("verified", "Verified", 2, true),
    step("not_verified", "Could not be verified", 2, true),
];

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StepError {
    #[error("{step:?} is not a step of {pathway}; expected one of: {expected}")]
    Unknown {
        pathway: &'static str,
        step: String,
        expected: String,
    },
    #[error("the pathway is already at {0}")]
    Unchanged(&'static str),
    #[error("moving from {from} back or sideways to {to} is a correction: add a note saying why")]
    NoteRequired {
        from: &'static str,
        to: &'static str,
    },
}

impl Pathway {
    pub fn steps(self) -> &'static [Step] {
        match self {
            Pathway::Siv => SIV,
            Pathway::RefugeeP1 | Pathway::RefugeeP2 => REFUGEE,
            Pathway::HumanitarianParole => PAROLE,
            Pathway::UnhcrRegistration => UNHCR,
            Pathway::ClaimedNoRecord => CLAIMED,
        }
    }

    /// Where a pathway starts when nobody names a step.
    pub fn first_step(self) -> &'static Step {
        &self.steps()[0]
    }

    pub fn step(self, code: &str) -> Result<&'static Step, StepError> {
        let wanted = code.trim().to_ascii_lowercase().replace([' ', '-'], "_");
        self.steps()
            .iter()
            .find(|s| s.code == wanted)
            .ok_or_else(|| StepError::Unknown {
                pathway: self.as_str(),
                step: code.to_string(),
                expected: self
                    .steps()
                    .iter()
                    .map(|s| s.code)
                    .collect::<Vec<_>>()
                    .join(", "),
            })
    }

    /// Checks a move from `from` (None for a pathway newly in play) to `to`; returns the step.
    pub fn check_move(
        self,
        from: Option<&str>,
        to: &str,
        note: Option<&str>,
    ) -> Result<&'static Step, StepError> {
        let to = self.step(to)?;
        let Some(from) = from else { return Ok(to) };
        let from = self.step(from)?;
        if from.code == to.code {
            return Err(StepError::Unchanged(to.label));
        }
        let correction = to.rank <= from.rank || from.last;
        if correction && note.is_none_or(|n| n.trim().is_empty()) {
            return Err(StepError::NoteRequired {
                from: from.code,
                to: to.code,
            });
        }
        Ok(to)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn siv_goes_forward_and_may_skip() {
        let p = Pathway::Siv;
        assert_eq!(p.first_step().code, "chief_of_mission_submitted");
        assert!(p.check_move(None, "com_approved", None).is_ok());
        assert!(
            p.check_move(Some("com_approved"), "i360_filed", None)
                .is_ok()
        );
        assert!(p.check_move(Some("i360_filed"), "interview", None).is_ok());
        assert!(
            p.check_move(
                Some("chief_of_mission_submitted"),
                "com_in_progress_not_approved",
                None
            )
            .is_ok()
        );
    }

    #[test]
    fn going_back_or_leaving_a_final_step_needs_a_note() {
        let p = Pathway::Siv;
        assert_eq!(
            p.check_move(Some("nvc"), "com_approved", None),
            Err(StepError::NoteRequired {
                from: "nvc",
                to: "com_approved"
            })
        );
        assert!(
            p.check_move(
                Some("nvc"),
                "com_approved",
                Some("entered at the wrong step")
            )
            .is_ok()
        );
        let parole = Pathway::HumanitarianParole;
        assert!(parole.check_move(Some("applied"), "denied", None).is_ok());
        assert!(parole.check_move(Some("denied"), "approved", None).is_err());
        assert!(
            parole
                .check_move(
                    Some("denied"),
                    "approved",
                    Some("decision reversed on appeal")
                )
                .is_ok()
        );
    }

    #[test]
    fn unknown_and_unchanged_steps_are_refused() {
        let err = Pathway::RefugeeP1.check_move(None, "visa_issued", None);
        assert!(
            matches!(err, Err(StepError::Unknown { ref expected, .. }) if expected.contains("travelled"))
        );
        assert_eq!(
            Pathway::UnhcrRegistration.check_move(Some("registered"), "registered", None),
            Err(StepError::Unchanged("Registered"))
        );
        assert_eq!(
            Pathway::ClaimedNoRecord.step("Not-Verified").unwrap().code,
            "not_verified"
        );
    }

    #[test]
    fn every_pathway_parses_and_starts_somewhere() {
        for p in Pathway::ALL {
            assert_eq!(p.as_str().parse::<Pathway>().unwrap(), *p);
            assert_eq!(p.first_step().rank, 0);
            assert!(p.steps().iter().any(|s| s.last));
        }
    }
}
