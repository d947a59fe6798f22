//! Phone numbers to E.164. Afghan national numbers are the default; other countries
//! need their international prefix.

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PhoneError {
    #[error("empty phone number")]
    Empty,
    #[error("phone number contains letters or symbols")]
    InvalidCharacter,
    #[error("phone number has too few digits")]
    TooShort,
    #[error("phone number has too many digits")]
    TooLong,
}

/// Normalizes to E.164 ("+93701234567").
pub fn normalize(s: &str) -> Result<String, PhoneError> {
    let s = super::ascii_digits(s.trim());
    if s.is_empty() {
        return Err(PhoneError::Empty);
    }
    let mut digits = String::new();
    let mut plus = false;
    for c in s.chars() {
        match c {
            '0'..='9' => digits.push(c),
            // "+93 …" and "(+93) …": a plus before any digit.
            '+' if digits.is_empty() && !plus => plus = true,
            ' ' | '-' | '.' | '(' | ')' | '/' | '\u{00A0}' | '\u{200E}' | '\u{200F}' => {}
            _ => return Err(PhoneError::InvalidCharacter),
        }
    }
    if digits.is_empty() {
        return Err(PhoneError::Empty);
    }
    let international = if plus {
        Some(digits.as_str())
    } else {
        digits.strip_prefix("00")
    };
    let intl = match international {
        Some(d) => d.to_string(),
        None => {
            if let Some(rest) = digits.strip_prefix('0') {
                // Afghan national format: 0 + 9 digits.
                format!("93{rest}")
            } else if digits.len() == 9 && digits.starts_with('7') {
                // Afghan mobile written without its trunk 0.
                format!("93{digits}")
            } else if (digits.starts_with("93") && digits.len() == 11)
                || (digits.starts_with("92") && digits.len() == 12)
            {
                digits.clone()
            } else {
                return Err(if digits.len() < 9 {
                    PhoneError::TooShort
                } else {
                    PhoneError::TooLong
                });
            }
        }
    };
    // A trunk 0 kept after the country code (+93 0701…) is dropped.
    let intl = match (intl.strip_prefix("930"), intl.strip_prefix("920")) {
        (Some(r), _) => format!("93{r}"),
        (_, Some(r)) => format!("92{r}"),
        _ => intl,
    };
    let expected = if intl.starts_with("93") {
        Some(11)
    } else if intl.starts_with("92") {
        Some(12)
    } else {
        None
    };
    match expected {
        Some(n) if intl.len() < n => return Err(PhoneError::TooShort),
        Some(n) if intl.len() > n => return Err(PhoneError::TooLong),
        _ => {}
    }
    if intl.len() < 8 {
        return Err(PhoneError::TooShort);
    }
    if intl.len() > 15 {
        return Err(PhoneError::TooLong);
    }
    Ok(format!("+{intl}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn afghan_formats_meet() {
        for s in [
            "0701234567",
            "0093701234567",
            "+93 70 123 4567",
            "(070) 123-4567",
            "+93 (0)70 123 4567",
            "۰۷۰۱۲۳۴۵۶۷",
            "701234567",
            "93701234567",
        ] {
            assert_eq!(normalize(s).as_deref(), Ok("+93701234567"), "{s}");
        }
    }

    #[test]
    fn pakistan_needs_its_prefix() {
        for s in [
            "+92 300 1234567",
            "0092 300 1234567",
            "923001234567",
            "+92 0300 1234567",
        ] {
            assert_eq!(normalize(s).as_deref(), Ok("+923001234567"), "{s}");
        }
        // A bare 03XX number is read as Afghan national format, which it cannot be.
        assert!(normalize("03001234567").is_err());
    }

    #[test]
    fn other_countries_pass_through() {
        assert_eq!(
            normalize("+1 (202) 555-0143").as_deref(),
            Ok("+12025550143")
        );
        assert_eq!(normalize("0049 30 1234567").as_deref(), Ok("+49301234567"));
    }

    #[test]
    fn garbage_is_rejected() {
        assert_eq!(normalize(""), Err(PhoneError::Empty));
        assert_eq!(normalize("call me"), Err(PhoneError::InvalidCharacter));
        assert_eq!(normalize("070123"), Err(PhoneError::TooShort));
        assert_eq!(normalize("+93 70 123 4567 89"), Err(PhoneError::TooLong));
        assert_eq!(normalize("+1234567890123456"), Err(PhoneError::TooLong));
    }
}
