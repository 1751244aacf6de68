//! The views' enumerated values serialise as their kebab-case words (the
//! words `score --json` prints: "ready", "surgical-consult", "not-met"),
//! and read back from them.

use crate::case::EventKind;
use crate::rules::{Band, CautionId, ConfounderId, CriterionId, NextStep, Status};
use serde::de::{Deserializer, Error as _};
use serde::{Deserialize, Serialize, Serializer};

macro_rules! as_words {
    ($($ty:ty),+) => {$(
        impl Serialize for $ty {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> Deserialize<'de> for $ty {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let word = String::deserialize(d)?;
                <$ty>::ALL
                    .iter()
                    .copied()
                    .find(|v| v.as_str() == word)
                    .ok_or_else(|| {
                        let all: Vec<&str> = <$ty>::ALL.iter().map(|v| v.as_str()).collect();
                        D::Error::custom(format!("unknown word `{word}`, expected one of {}", all.join(", ")))
                    })
            }
        }
    )+};
}

as_words!(EventKind, Band, NextStep, Status, CriterionId, ConfounderId, CautionId);
