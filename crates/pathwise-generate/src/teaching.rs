//! Teaching points: what each archetype shows of the version 2 rules.

use super::*;

/// Teaching points per archetype (two are drawn).
const TEACHING: [(Arch, &[&str]); 29] = [
    (
        Arch::Emergency,
        &[
            "Cauda equina symptoms and a threatened limb are emergencies: same-day assessment, whatever the weeks of care.",
            "Ask about saddle sensation, bladder and bowel at every review, and record the answer as a screen (red_flags = []).",
            "Only the latest screen counts: a flag a later screen no longer lists has resolved.",
        ],
    ),
    (
        Arch::RedFlags,
        &[
            "Red flags override the pathway: refer urgently without waiting for weeks of conservative care.",
            "Infection, malignancy and fracture flags call for urgent imaging and a medical referral; cord flags for a surgeon.",
            "A screen older than six weeks leaves red flags unknown: screen again at the review.",
        ],
    ),
    (
        Arch::Progressive,
        &[
            "A progressive deficit must be confirmed: two grades in a row below the first, a drop of two grades, or a grade of 3 or less.",
            "Grade the same muscles at every visit so that a decline can be seen; one lower grade alone means re-examine within two weeks.",
            "A new area of numbness, or an mJOA two points lower, also counts as progression.",
        ],
    ),
    (
        Arch::DenseWeakness,
        &[
            "A dense motor deficit (grade 2 or less) in the spine is an indication for early surgical review.",
            "Severe weakness needs no confirmation and no weeks of failed care.",
        ],
    ),
    (
        Arch::PostOp,
        &[
            "For a post-op case the rules show what the surgeon saw: the criteria as of the day before surgery.",
            "Post-operative rehabilitation is a new structured PT course; it does not count as conservative care.",
            "Compare the post-operative function scores with the pre-operative baseline.",
        ],
    ),
    (
        Arch::ReadyLesion,
        &[
            "Surgeons typically ask for 6 to 12 weeks of documented failure of an adequate trial of conservative care.",
            "A severe target lesion, or a moderate compression that explains the neurological features, with documented failure meets the criteria for a surgical consult.",
            "Serial pain and function scores document failure: a fall of 2 pain points, an MCID or 30 percent of the room to improve is improvement.",
        ],
    ),
    (
        Arch::ReadyInstability,
        &[
            "Instability is shown on dynamic or stress imaging, or in a limb by a stability examination; a static MRI alone can miss it.",
            "Structural instability with failed conservative care is an indication for a surgical opinion.",
            "Record the translation or laxity in numbers so a surgeon can compare.",
        ],
    ),
    (
        Arch::ReadyIntractable,
        &[
            "Intractable pain means the latest two ratings of 7 or more despite a failed medication trial and a failed, declined or contraindicated injection.",
            "Intractable pain makes a case ready only with a target lesion on file: pain alone is not a surgical target.",
            "A failed injection is a therapeutic one with under 50 percent relief or relief of under four weeks, known once 14 days have passed.",
        ],
    ),
    (
        Arch::ReadyMyelopathy,
        &[
            "Cord compression on MRI with myelopathy signs or an mJOA of 17 or less needs no wait for conservative care.",
            "The latest mJOA grades it: 15 to 17 mild, 12 to 14 moderate, 11 or less severe.",
            "Hand clumsiness and an unsteady gait that come on slowly are charted as myelopathy signs; a rapid change is a red flag.",
        ],
    ),
    (
        Arch::ReadyEntrapment,
        &[
            "A severe entrapment on nerve conduction studies, or a moderate one after a failed steroid injection or failed care, is an indication for release.",
            "In the elbow and wrist a nerve study is the deciding study; it grades the entrapment.",
        ],
    ),
    (
        Arch::ReadyAcute,
        &[
            "An acute traumatic lesion (a full-thickness cuff tear, an ACL rupture) is referred early: no weeks of conservative care are needed.",
            "Mark such a study acute = true; the rules then accept a structural lesion without documented failure.",
        ],
    ),
    (
        Arch::ImagingToCome,
        &[
            "Documented failure with no advanced imaging is approaching: MRI could still show a target lesion.",
            "Plain radiographs showing mild change are not diagnostic imaging.",
        ],
    ),
    (
        Arch::LesionBeforePt,
        &[
            "A structural lesion on imaging does not replace a trial of conservative care unless it is acute.",
            "Physical therapy is the conservative first line; start it before anything else unless there are red flags.",
        ],
    ),
    (
        Arch::Plateau,
        &[
            "Failure over a target that is neither severe nor compressive is not yet a surgical indication.",
            "When every treatment has been tried, continue conservative care and reassess; the record is what a surgeon reviews.",
        ],
    ),
    (
        Arch::Lifestyle,
        &[
            "Poor sleep and poor nutrition slow tissue recovery and raise pain sensitivity.",
            "Address lifestyle before concluding that PT has failed, even when the weeks add up.",
        ],
    ),
    (
        Arch::NoPt,
        &[
            "Physical therapy is the conservative first line; start it before anything else unless there are red flags.",
            "Without a PT course there is no adequate trial, so conservative care cannot have failed.",
        ],
    ),
    (
        Arch::SuspectedMyelopathy,
        &[
            "Myelopathy signs without an MRI come before anything else: image the spine before any further therapy.",
            "Check reflexes, Hoffmann and gait in every patient with bilateral hand symptoms.",
            "Avoid neck manipulation until cord compression has been excluded.",
        ],
    ),
    (
        Arch::Improving,
        &[
            "A fall in pain of 2 points, an MCID change in function or 30 percent of the room to improve is a clinically important improvement: keep going.",
            "A good PT response or relief still in effect from an injection also means conservative care has not failed.",
            "A weakness that recovered (5, then 4, then 5 again) is neither a progressive deficit nor a neurological feature.",
        ],
    ),
    (
        Arch::LowAdherence,
        &[
            "When PT is not working, check adherence first: time, distance and boredom are common barriers.",
            "Attendance below 70 percent of planned sessions, or low home-exercise adherence, makes the trial inadequate.",
            "A second opinion or a changed schedule often fixes adherence before any escalation.",
        ],
    ),
    (
        Arch::Passive,
        &[
            "A plan of passive modalities only is a plan mismatch and not an adequate trial: add active exercise.",
            "Heat, TENS and ultrasound can ease symptoms but do not restore capacity on their own.",
        ],
    ),
    (
        Arch::Psychosocial,
        &[
            "A STarT Back psychosocial subscale of 4 or more, fear avoidance or catastrophizing calls for a combined physical and psychological programme (NICE NG59).",
            "An early scan reporting age-appropriate change can feed fear of movement; explain what it means.",
        ],
    ),
    (
        Arch::NoImaging,
        &[
            "Plain radiographs are not advanced imaging; MRI or CT shows soft tissue, discs and subtle fractures.",
            "Order diagnostic imaging when PT is not working, before any decision on surgery.",
        ],
    ),
    (
        Arch::NoNerveStudy,
        &[
            "Neurological features that imaging does not explain call for NCS/EMG to locate and grade the nerve lesion.",
            "A nerve study separates a root lesion from a peripheral entrapment.",
        ],
    ),
    (
        Arch::NeuroUntreated,
        &[
            "Neuropathic pain responds poorly to NSAIDs; gabapentin, pregabalin, an SNRI or a TCA are the agents to try.",
            "Name the pain quality: burning, tingling, shooting and electric pain are neuropathic features.",
        ],
    ),
    (
        Arch::NoMeds,
        &[
            "A medication trial can open a therapeutic window so that PT can progress.",
            "Topical anti-inflammatories or muscle relaxants suit localized pain and spasm.",
        ],
    ),
    (
        Arch::NoInjection,
        &[
            "An image-guided corticosteroid injection can give weeks or months of relief and let PT resume.",
            "PRP is an option for tendons and ligaments where steroid is best avoided.",
        ],
    ),
    (
        Arch::PositiveBlocks,
        &[
            "Medial branch blocks are diagnostic: two positive blocks (80 percent relief or more) lead to radiofrequency ablation, not surgery.",
            "A diagnostic block cannot be a failed injection, and facet arthrosis in the spine is not a surgical target.",
        ],
    ),
    (
        Arch::NoTarget,
        &[
            "Failed care and a failed injection with no target lesion point to pain medicine, not a surgeon.",
            "Imaging that shows no target, or a finding on the side opposite the symptoms, does not make a surgical candidate.",
        ],
    ),
    (
        Arch::Pending,
        &[
            "An injection's relief is only known 14 days after it: until then the result is pending, no evidence either way.",
            "While a result is pending, conservative care has not failed; review again once it is known.",
            "One grade lower at the latest visit only is an unconfirmed drop: re-examine strength within two weeks.",
        ],
    ),
];

pub(super) fn teaching_for(arch: Arch) -> &'static [&'static str] {
    TEACHING.iter().find(|(a, _)| *a == arch).map_or(&[], |t| t.1)
}

pub(super) const GENERAL_TEACHING: &[&str] = &[
    "Every point of the readiness score names the rule and the dated events it rests on.",
    "Scoring is as of the review date: later events are shown greyed and ignored.",
    "Use the same function instrument at every visit so changes can be compared.",
    "Record sessions attended and the response for every PT course, and the day the response was charted.",
];

pub(super) const EXTRA_TEACHING: &[&str] = &[
    "Review the whole pathway in order: physical therapy, re-evaluation, workup, pharmacology, injection, surgical consult and post-operative rehabilitation.",
    "When a case stalls, look for a wrong or incomplete diagnosis, poor adherence, lifestyle factors or an unsuitable plan before escalating care.",
    "A second opinion from another therapist or specialist is cheap compared with the cost of an unnecessary operation.",
    "Function instruments have a minimal clinically important difference: ODI 10, NDI 7.5, QuickDASH 11, LEFS 9 and PSFS 2 points.",
];
