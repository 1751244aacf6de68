//! A case packed into bytes, every field kept: what a console holds for
//! each case of a big library, a third of the memory of the [`Case`]
//! itself (no per-string allocation, no map nodes, no room for fields
//! left out), unpacked when the case is selected.
//!
//! The layout is private and only ever read by this build: lengths as
//! LEB128, words as their index, dates as year, month and day, numbers as
//! their little-endian bytes. The fields the case list needs (the
//! [`Head`]) come first and are read without unpacking the rest. Every
//! struct is written by destructuring it whole, so a field added to the
//! model and not packed does not compile; `tests` round-trips every sample
//! and a generated library.

use super::model::*;
use super::words::*;
use jiff::civil::Date;
use std::collections::BTreeMap;

/// A packed [`Case`]: made only by [`Packed::new`], so it always unpacks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Packed(Box<[u8]>);

/// What the case list, its search and "go to" need of a case, read from
/// the front of its [`Packed`] bytes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Head<'p> {
    pub id: &'p str,
    pub title: &'p str,
    pub alias: &'p str,
    pub region: Region,
    pub onset: Date,
    pub initial_diagnosis: &'p str,
    pub working_diagnosis: Option<&'p str>,
    tags: &'p [u8],
}

impl<'p> Head<'p> {
    /// The case's tags, in the file's order.
    pub fn tags(&self) -> impl Iterator<Item = &'p str> + 'p {
        let mut r = Reader(self.tags);
        let n = r.len().unwrap_or(0);
        (0..n).map_while(move |_| r.str())
    }
}

impl Packed {
    pub fn new(case: &Case) -> Packed {
        let mut out = Vec::with_capacity(4096);
        case.pack(&mut out);
        Packed(out.into_boxed_slice())
    }

    /// The case, whole: equal to the one packed.
    pub fn unpack(&self) -> Case {
        let mut r = Reader(&self.0);
        let case = Case::unpack(&mut r);
        // made by `new` from a whole case, so it reads back whole
        case.filter(|_| r.0.is_empty())
            .expect("a packed case unpacks (only Packed::new makes one)")
    }

    pub fn head(&self) -> Head<'_> {
        read_head(&mut Reader(&self.0)).expect("a packed case has its head (only Packed::new makes one)")
    }

    /// The case id, the first of the head.
    pub fn id(&self) -> &str {
        Reader(&self.0)
            .str()
            .expect("a packed case has its id (only Packed::new makes one)")
    }

    /// The bytes it holds on the heap.
    pub fn heap_bytes(&self) -> usize {
        self.0.len()
    }
}

/// Reads packed bytes from the front.
struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        if n > self.0.len() {
            return None;
        }
        let (head, rest) = self.0.split_at(n);
        self.0 = rest;
        Some(head)
    }

    fn byte(&mut self) -> Option<u8> {
        self.take(1).map(|b| b[0])
    }

    fn len(&mut self) -> Option<usize> {
        let mut n = 0usize;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            n |= usize::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Some(n);
            }
        }
        None
    }

    fn str(&mut self) -> Option<&'a str> {
        let n = self.len()?;
        std::str::from_utf8(self.take(n)?).ok()
    }
}

fn put_len(out: &mut Vec<u8>, mut n: usize) {
    while n >= 0x80 {
        out.push((n as u8 & 0x7f) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

/// A value that packs into bytes and reads back equal.
trait Pack: Sized {
    fn pack(&self, out: &mut Vec<u8>);
    fn unpack(r: &mut Reader<'_>) -> Option<Self>;
}

impl Pack for u8 {
    fn pack(&self, out: &mut Vec<u8>) {
        out.push(*self);
    }
    fn unpack(r: &mut Reader<'_>) -> Option<Self> {
        r.byte()
    }
}

impl Pack for bool {
    fn pack(&self, out: &mut Vec<u8>) {
        out.push(u8::from(*self));
    }
    fn unpack(r: &mut Reader<'_>) -> Option<Self> {
        match r.byte()? {
            0 => Some(false),
            1 => Some(true),
            _ => None,
        }
    }
}

impl Pack for u32 {
    fn pack(&self, out: &mut Vec<u8>) {
        put_len(out, *self as usize);
    }
    fn unpack(r: &mut Reader<'_>) -> Option<Self> {
        u32::try_from(r.len()?).ok()
    }
}

impl Pack for f64 {
    fn pack(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.to_le_bytes());
    }
    fn unpack(r: &mut Reader<'_>) -> Option<Self> {
        let b: [u8; 8] = r.take(8)?.try_into().ok()?;
        Some(f64::from_le_bytes(b))
    }
}

impl Pack for Date {
    fn pack(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.year().to_le_bytes());
        out.push(self.month() as u8);
        out.push(self.day() as u8);
    }
    fn unpack(r: &mut Reader<'_>) -> Option<Self> {
        let b = r.take(4)?;
        Date::new(i16::from_le_bytes([b[0], b[1]]), b[2] as i8, b[3] as i8).ok()
    }
}

impl Pack for String {
    fn pack(&self, out: &mut Vec<u8>) {
        put_len(out, self.len());
        out.extend_from_slice(self.as_bytes());
    }
    fn unpack(r: &mut Reader<'_>) -> Option<Self> {
        r.str().map(str::to_string)
    }
}

impl<T: Pack> Pack for Option<T> {
    fn pack(&self, out: &mut Vec<u8>) {
        match self {
            None => out.push(0),
            Some(v) => {
                out.push(1);
                v.pack(out);
            }
        }
    }
    fn unpack(r: &mut Reader<'_>) -> Option<Self> {
        match r.byte()? {
            0 => Some(None),
            1 => T::unpack(r).map(Some),
            _ => None,
        }
    }
}

impl<T: Pack> Pack for Vec<T> {
    fn pack(&self, out: &mut Vec<u8>) {
        put_len(out, self.len());
        for v in self {
            v.pack(out);
        }
    }
    fn unpack(r: &mut Reader<'_>) -> Option<Self> {
        let n = r.len()?;
        // each item takes at least a byte: a wrong length cannot reserve much
        let mut v = Vec::with_capacity(n.min(r.0.len()));
        for _ in 0..n {
            v.push(T::unpack(r)?);
        }
        Some(v)
    }
}

impl Pack for BTreeMap<String, u8> {
    fn pack(&self, out: &mut Vec<u8>) {
        put_len(out, self.len());
        for (k, v) in self {
            k.pack(out);
            v.pack(out);
        }
    }
    fn unpack(r: &mut Reader<'_>) -> Option<Self> {
        let n = r.len()?;
        let mut m = BTreeMap::new();
        for _ in 0..n {
            let k = String::unpack(r)?;
            m.insert(k, u8::unpack(r)?);
        }
        Some(m)
    }
}

/// An enumerated word, as its place in the schema's list.
macro_rules! pack_words {
    ($($t:ident),+ $(,)?) => {
        $(impl Pack for $t {
            fn pack(&self, out: &mut Vec<u8>) {
                let at = $t::ALL.iter().position(|w| w == self).unwrap_or(0);
                out.push(at as u8);
            }
            fn unpack(r: &mut Reader<'_>) -> Option<Self> {
                $t::ALL.get(usize::from(r.byte()?)).copied()
            }
        })+
    };
}

pack_words!(
    Region,
    Sex,
    PainQuality,
    Rating,
    Phase,
    Modality,
    Adherence,
    PtResponse,
    Test,
    Lesion,
    Severity,
    MedClass,
    Target,
    MedResponse,
    InjectionKind,
    InjectionStatus,
    Guidance,
    Instrument,
    Specialty,
    MyelopathySign,
);

/// A struct, field by field in the order listed; the list must name every
/// field (it destructures the struct whole).
macro_rules! pack_struct {
    ($t:ident { $($f:ident),+ $(,)? }) => {
        impl Pack for $t {
            fn pack(&self, out: &mut Vec<u8>) {
                let $t { $($f),+ } = self;
                $($f.pack(out);)+
            }
            fn unpack(r: &mut Reader<'_>) -> Option<Self> {
                $(let $f = Pack::unpack(r)?;)+
                Some($t { $($f),+ })
            }
        }
    };
}

pack_struct!(Lifestyle {
    sleep,
    nutrition,
    smoking,
    note
});
pack_struct!(Psychosocial {
    start_back_total,
    start_back_psychosocial,
    fear_avoidance,
    catastrophizing,
    note
});
pack_struct!(PtCourse {
    start,
    end,
    phase,
    provider,
    second_opinion,
    sessions_planned,
    sessions_attended,
    frequency_per_week,
    modalities,
    hep_adherence,
    barriers,
    response,
    response_on,
    note
});
pack_struct!(Workup {
    date,
    test,
    site,
    findings,
    lesion,
    level,
    severity,
    instability,
    nerve,
    concordant,
    acute
});
pack_struct!(Medication {
    start,
    end,
    drug,
    class,
    class_inferred,
    dose,
    target,
    response,
    response_on,
    side_effects,
    note
});
pack_struct!(Injection {
    date,
    kind,
    status,
    level,
    guidance,
    relief_percent,
    relief_weeks,
    resumed_pt,
    note
});
pack_struct!(FunctionScore { instrument, score });
pack_struct!(Assessment {
    date,
    pain,
    function,
    strength,
    numbness,
    red_flags,
    mjoa,
    myelopathy_signs,
    instability,
    note
});
pack_struct!(Consult {
    date,
    specialty,
    outcome,
    note
});
pack_struct!(Surgery { date, procedure, note });

/// The head's fields first, in this order; [`read_head`] reads them back.
impl Pack for Case {
    fn pack(&self, out: &mut Vec<u8>) {
        let Case {
            id,
            title,
            region,
            tags,
            summary,
            teaching_points,
            as_of,
            as_of_explicit,
            patient,
            presentation,
            lifestyle,
            psychosocial,
            pt,
            workup,
            medication,
            injection,
            assessment,
            consult,
            surgery,
        } = self;
        let Patient {
            alias,
            age,
            sex,
            occupation,
            hba1c,
            bmi,
            anticoagulant,
        } = patient;
        let Presentation {
            onset,
            complaint,
            initial_diagnosis,
            working_diagnosis,
            diagnosis_revised_on,
            pain_quality,
            localized_spasm,
            neurogenic_claudication,
        } = presentation;
        // the head
        id.pack(out);
        title.pack(out);
        alias.pack(out);
        region.pack(out);
        onset.pack(out);
        initial_diagnosis.pack(out);
        working_diagnosis.pack(out);
        tags.pack(out);
        // the rest
        summary.pack(out);
        teaching_points.pack(out);
        as_of.pack(out);
        as_of_explicit.pack(out);
        age.pack(out);
        sex.pack(out);
        occupation.pack(out);
        hba1c.pack(out);
        bmi.pack(out);
        anticoagulant.pack(out);
        complaint.pack(out);
        diagnosis_revised_on.pack(out);
        pain_quality.pack(out);
        localized_spasm.pack(out);
        neurogenic_claudication.pack(out);
        lifestyle.pack(out);
        psychosocial.pack(out);
        pt.pack(out);
        workup.pack(out);
        medication.pack(out);
        injection.pack(out);
        assessment.pack(out);
        consult.pack(out);
        surgery.pack(out);
    }

    fn unpack(r: &mut Reader<'_>) -> Option<Self> {
        let id = String::unpack(r)?;
        let title = String::unpack(r)?;
        let alias = String::unpack(r)?;
        let region = Region::unpack(r)?;
        let onset = Date::unpack(r)?;
        let initial_diagnosis = String::unpack(r)?;
        let working_diagnosis = Option::unpack(r)?;
        let tags = Vec::unpack(r)?;
        let summary = Option::unpack(r)?;
        let teaching_points = Vec::unpack(r)?;
        let as_of = Date::unpack(r)?;
        let as_of_explicit = bool::unpack(r)?;
        let patient = Patient {
            alias,
            age: u8::unpack(r)?,
            sex: Sex::unpack(r)?,
            occupation: Option::unpack(r)?,
            hba1c: Option::unpack(r)?,
            bmi: Option::unpack(r)?,
            anticoagulant: Option::unpack(r)?,
        };
        let presentation = Presentation {
            onset,
            complaint: String::unpack(r)?,
            initial_diagnosis,
            working_diagnosis,
            diagnosis_revised_on: Option::unpack(r)?,
            pain_quality: Vec::unpack(r)?,
            localized_spasm: Option::unpack(r)?,
            neurogenic_claudication: Option::unpack(r)?,
        };
        Some(Case {
            id,
            title,
            region,
            tags,
            summary,
            teaching_points,
            as_of,
            as_of_explicit,
            patient,
            presentation,
            lifestyle: Option::unpack(r)?,
            psychosocial: Option::unpack(r)?,
            pt: Vec::unpack(r)?,
            workup: Vec::unpack(r)?,
            medication: Vec::unpack(r)?,
            injection: Vec::unpack(r)?,
            assessment: Vec::unpack(r)?,
            consult: Vec::unpack(r)?,
            surgery: Vec::unpack(r)?,
        })
    }
}

/// The head, as [`Case::pack`] writes it first, borrowed from the bytes.
fn read_head<'p>(r: &mut Reader<'p>) -> Option<Head<'p>> {
    let id = r.str()?;
    let title = r.str()?;
    let alias = r.str()?;
    let region = Region::unpack(r)?;
    let onset = Date::unpack(r)?;
    let initial_diagnosis = r.str()?;
    let working_diagnosis = match r.byte()? {
        0 => None,
        1 => Some(r.str()?),
        _ => return None,
    };
    let tags = r.0;
    Some(Head {
        id,
        title,
        alias,
        region,
        onset,
        initial_diagnosis,
        working_diagnosis,
        tags,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The samples: every table and most words (a generated library is
    /// round-tripped by the console's tests, `tests/suite/memory.rs`).
    fn cases() -> Vec<Case> {
        crate::library::Library::builtin()
            .cases
            .into_iter()
            .map(|l| l.case)
            .collect()
    }

    #[test]
    fn every_sample_unpacks_equal_and_its_head_matches() {
        let all = cases();
        assert!(all.len() > 20);
        for c in &all {
            let p = Packed::new(c);
            assert_eq!(&p.unpack(), c, "{}", c.id);
            let h = p.head();
            assert_eq!(h.id, c.id);
            assert_eq!(h.title, c.title);
            assert_eq!(h.alias, c.patient.alias);
            assert_eq!(h.region, c.region);
            assert_eq!(h.onset, c.presentation.onset);
            assert_eq!(h.initial_diagnosis, c.presentation.initial_diagnosis);
            assert_eq!(h.working_diagnosis, c.presentation.working_diagnosis.as_deref());
            assert_eq!(h.tags().collect::<Vec<_>>(), c.tags);
            assert_eq!(p.id(), c.id);
            assert!(p.heap_bytes() < 8 * 1024, "{}: {} bytes", c.id, p.heap_bytes());
        }
    }

    #[test]
    fn equal_cases_pack_equal_and_a_changed_one_does_not() {
        let all = cases();
        let c = &all[0];
        assert_eq!(Packed::new(c), Packed::new(&c.clone()));
        let mut d = c.clone();
        d.title.push('!');
        assert_ne!(Packed::new(c), Packed::new(&d));
        let mut e = c.clone();
        e.patient.age = e.patient.age.wrapping_add(1);
        assert_ne!(Packed::new(c), Packed::new(&e));
    }

    #[test]
    fn lengths_of_every_size_read_back() {
        for n in [0usize, 1, 127, 128, 300, 16_383, 16_384, 1 << 20, usize::MAX >> 1] {
            let mut out = Vec::new();
            put_len(&mut out, n);
            assert_eq!(Reader(&out).len(), Some(n), "{n}");
        }
        // a truncated or overlong length is no length
        assert_eq!(Reader(&[0x80]).len(), None);
        assert_eq!(Reader(&[0xff; 11]).len(), None);
    }
}
