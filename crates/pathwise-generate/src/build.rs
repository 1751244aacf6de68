//! Building one case draft from its archetype, region and condition.

use super::*;

pub(super) fn build(rng: &mut Rng, index: usize, arch: Arch) -> Draft {
    let (r, c) = pick_condition(rng, arch);
    let s = scenario(rng, arch, r, c);
    let side = if rng.chance(50) { "left" } else { "right" };
    let f = |t: &str| fill(t, side, c.level);
    let age = rng.range(c.ages.0, c.ages.1);
    let sex = rng.pick(&[
        "female", "male", "female", "male", "female", "male", "female", "male", "female", "male", "female", "male",
        "female", "male", "female", "male", "female", "male", "other", "unknown",
    ]);
    let occupation = if rng.chance(85) {
        let job = rng.pick(OCCUPATIONS);
        Some(if age >= 67 {
            format!("retired {job}")
        } else if age < 19 {
            "student".to_string()
        } else {
            job.to_string()
        })
    } else {
        None
    };
    let onset = day(Date::constant(2022, 1, 3), rng.range(0, 1500));
    let site = f(c.site.unwrap_or(r.site));

    // ---- the timeline: care starts at c0, the last assessment is at `last`
    let delay = rng.range(3, 28);
    let c0 = day(onset, delay);
    let span = if s.long { rng.range(50, 140) } else { rng.range(12, 38) };
    let last = day(c0, span);
    let at = |pct: i64| day(c0, span * pct / 100);

    // ---- medication first or PT first
    let meds_first = s.meds != Meds::None && (s.pt == PtMode::None || rng.chance(45));
    let pt_start = if meds_first {
        day(c0, rng.range(3, 10.min(span / 3)))
    } else {
        c0
    };

    // ---- PT courses
    let mut pt = Vec::new();
    if s.pt != PtMode::None {
        let two = s.long && span >= 90 && rng.chance(40);
        let first_len = if two {
            rng.range(35, (span / 2).max(36))
        } else {
            rng.range(span * 6 / 10, span)
        };
        let ends = [day(pt_start, first_len)];
        let first_end = ends[0].min(last);
        // low adherence by attendance needs an ended course
        let attendance_low = s.pt == PtMode::LowAdherence && rng.chance(50);
        let open = !two && !attendance_low && rng.chance(25);
        pt.push(course(
            rng,
            r,
            &s,
            pt_start,
            if open { None } else { Some(first_end) },
            last,
            attendance_low,
        ));
        if two {
            let start2 = day(first_end, rng.range(5, 14)).min(day(last, -14));
            let open2 = rng.chance(30);
            let mut c2 = course(rng, r, &s, start2, if open2 { None } else { Some(last) }, last, false);
            c2.provider = rng.pick(PROVIDERS);
            c2.second_opinion = Some(true);
            c2.note = Some(format!("Second opinion: {}", lower_first(rng.pick(r.pt_notes))));
            if s.pt == PtMode::LowAdherence {
                // the second course is the well-attended one
                c2.adherence = Some("partial");
            }
            pt.push(c2);
        }
    }

    // ---- workup
    let mut workup = Vec::new();
    let mut working = None;
    let xray_date = day(c0, rng.range(0, 7.min(span / 4)));
    let img_date = if s.long {
        at(rng.range(30, 65))
    } else {
        at(rng.range(35, 80))
    };
    let want_plain = matches!(s.imaging, Imaging::Plain | Imaging::PlainSevere)
        || (matches!(s.imaging, Imaging::Moderate | Imaging::Severe) && rng.chance(30));
    if want_plain {
        let severe = s.imaging == Imaging::PlainSevere;
        workup.push(Workup {
            date: xray_date,
            test: "xray",
            site: site.clone(),
            findings: if severe {
                format!("Weight-bearing radiographs: {}", lower_first(&f(c.severe)))
            } else {
                f(r.xray)
            },
            lesion: Some("arthrosis"),
            level: None,
            severity: Some(if severe { "severe" } else { "mild" }),
            instability: None,
            nerve: None,
            future: false,
        });
    }
    let mut img_test = c.test;
    if s.nerve_ultrasound {
        img_test = "ultrasound";
    }
    if matches!(s.imaging, Imaging::Moderate | Imaging::Severe | Imaging::Unstable) {
        let severe = s.imaging == Imaging::Severe;
        let (findings, lesion) = if s.nerve_ultrasound {
            (
                format!(
                    "Enlarged {} nerve with a cross-sectional area of 13 mm² at the {}; no mass.",
                    c.nerve, c.level
                ),
                "nerve-entrapment",
            )
        } else if severe {
            (f(c.severe), c.lesion_severe)
        } else {
            (f(c.moderate), c.lesion_moderate)
        };
        let graded = !matches!(lesion, "other" | "normal");
        workup.push(Workup {
            date: img_date,
            test: img_test,
            site: site.clone(),
            findings,
            lesion: Some(lesion),
            level: Some(f(c.level)),
            severity: graded.then_some(if severe {
                "severe"
            } else if lesion == "disc-bulge" || rng.chance(30) {
                "mild"
            } else {
                "moderate"
            }),
            instability: None,
            nerve: (img_test.starts_with("ncs") || img_test == "emg").then(|| f(c.nerve)),
            future: false,
        });
        if c.working != c.initial {
            working = Some((f(c.working), img_date));
        }
    }
    if s.imaging == Imaging::Unstable {
        if let Some((test, text)) = c.unstable {
            let d = day(img_date, rng.range(0, 10)).min(last);
            workup.push(Workup {
                date: d,
                test,
                site: site.clone(),
                findings: f(text),
                lesion: Some(c.lesion_moderate),
                level: Some(f(c.level)),
                severity: (c.lesion_moderate != "other").then_some("moderate"),
                instability: Some(true),
                nerve: None,
                future: false,
            });
        }
    }
    let lesion_is_nerve_study = img_test.starts_with("ncs") || img_test == "emg";
    let has_imaging = matches!(s.imaging, Imaging::Moderate | Imaging::Severe | Imaging::Unstable);
    if s.nerve_study && !(has_imaging && lesion_is_nerve_study) && !c.nerve.is_empty() {
        let d = day(img_date, rng.range(3, 20)).min(last);
        let test = rng.pick(&["ncs-emg", "ncs-emg", "emg"]);
        workup.push(Workup {
            date: d,
            test,
            site: if r.spinal {
                format!("{side} limb and paraspinals")
            } else {
                site.clone()
            },
            findings: nerve_findings(rng, r, c, side),
            lesion: None,
            level: None,
            severity: None,
            instability: None,
            nerve: Some(f(c.nerve)),
            future: false,
        });
    }
    if working.is_none() && s.nerve_study && lesion_is_nerve_study && c.working != c.initial {
        working = Some((f(c.working), img_date));
    }

    // ---- medication
    let mut medication = Vec::new();
    if s.meds != Meds::None {
        let first_start = if meds_first {
            c0
        } else {
            day(c0, rng.range(0, span / 3))
        };
        let pool: &[(&str, &str, &str, &str)] = if r.spinal && !c.neuro && rng.chance(40) {
            RELAXANTS
        } else if !r.spinal && rng.chance(30) {
            TOPICALS
        } else {
            NSAIDS
        };
        let m = rng.pick(pool);
        medication.push(med(rng, &s, m, first_start, last));
        if s.meds == Meds::Neuro {
            let start = if has_imaging {
                day(img_date, rng.range(1, 14)).min(last)
            } else {
                at(rng.range(30, 70))
            };
            let m = rng.pick(NEURO_AGENTS);
            let mut agent = med(rng, &s, m, start, last);
            if !c.neuro {
                // duloxetine or a TCA for chronic musculoskeletal pain
                agent.target = "general";
            }
            medication.push(agent);
        } else if rng.chance(25) {
            let start = at(rng.range(20, 80));
            let m = rng.pick(&[NSAIDS[6], RELAXANTS[0], TOPICALS[0]]);
            if m.0 != medication[0].drug {
                medication.push(med(rng, &s, m, start, last));
            }
        }
        if s.pain == Pain::Intractable
            && !medication
                .iter()
                .any(|m| matches!(m.response, "none" | "partial" | "worse"))
        {
            medication[0].response = "partial";
        }
    }

    // ---- injections
    let mut injection = Vec::new();
    let inj_date = if has_imaging {
        day(img_date, rng.range(7, 24)).min(day(last, -1))
    } else {
        at(rng.range(40, 80))
    };
    let steroid = c.steroid.unwrap_or(r.steroid);
    match s.inject {
        Inject::None => {}
        Inject::Failed | Inject::Helped => {
            let failed = s.inject == Inject::Failed;
            // an intractable-pain case needs its failed injection on record
            let record = s.pain == Pain::Intractable || rng.chance(92);
            let percent = if failed { rng.range(0, 40) } else { rng.range(55, 90) };
            let weeks = if failed {
                rng.pick(&[0.5, 1.0, 1.0, 2.0, 3.0])
            } else {
                rng.pick(&[4.0, 6.0, 8.0, 10.0, 12.0])
            };
            injection.push(Injection {
                date: inj_date,
                kind: steroid.0,
                level: f(steroid.1),
                guidance: if steroid.0 == "prp" { "ultrasound" } else { r.guidance },
                relief_percent: record.then_some(percent),
                relief_weeks: (record && rng.chance(85)).then_some(weeks),
                resumed_pt: Some(!failed),
                note: if failed {
                    Some(
                        rng.pick(&[
                            "Pain returned to baseline within days.",
                            "Brief relief from the local anaesthetic only.",
                            "No change in walking or sleep.",
                        ])
                        .to_string(),
                    )
                } else {
                    Some(
                        rng.pick(&[
                            "Relief let the patient return to the exercise programme.",
                            "Good relief; PT resumed with higher loads.",
                            "Sleep improved while the relief lasted.",
                        ])
                        .to_string(),
                    )
                },
            });
        }
        Inject::NonSteroid => {
            let (kind, level) = r.other_injection;
            injection.push(Injection {
                date: inj_date,
                kind,
                level: f(level),
                guidance: if kind == "trigger-point" {
                    "landmark"
                } else {
                    r.guidance
                },
                relief_percent: Some(rng.range(10, 60)),
                relief_weeks: Some(rng.pick(&[1.0, 2.0, 3.0])),
                resumed_pt: None,
                note: Some("Offered while awaiting further review.".to_string()),
            });
        }
    }

    // ---- assessments
    let a0 = pt.first().map_or(c0, |p| p.start);
    let room = span_days(a0, last);
    let max_n = (room / 5 + 1).clamp(3, 12);
    let total_n = rng.range(3, max_n) as usize;
    let n = if s.surgery { total_n.clamp(2, 6) } else { total_n };
    let mut dates = spread(rng, a0, last, n);
    let numbness: Option<Vec<String>> = if c.neuro && !c.numbness.is_empty() {
        Some(vec![f(c.numbness[0])])
    } else if rng.chance(30) {
        Some(Vec::new())
    } else {
        None
    };
    let exam: Vec<&str> = c.exam.iter().chain(r.exam).copied().collect();
    let mut note_pool: Vec<&str> = rng.shuffled(&exam);
    let muscles: Vec<String> = c.muscles.iter().map(|m| f(m)).collect();
    let base_grade: i64 = if s.weak && !muscles.is_empty() { 4 } else { 5 };
    let record_strength = !muscles.is_empty() && (s.weak || s.progressive || rng.chance(50));
    let pains = pain_series(rng, s.pain, n);
    let funcs = function_series(rng, r.instrument, s.pain, n);
    let drop_at = if s.progressive {
        rng.range(1, n as i64 - 1).max(1) as usize
    } else {
        usize::MAX
    };
    let spread_numbness = s.progressive && c.numbness.len() >= 2 && rng.chance(35);
    let mut assessment = Vec::new();
    for (k, &d) in dates.iter().enumerate() {
        let mut strength = Vec::new();
        if record_strength && (k == 0 || k + 1 == n || s.progressive || rng.chance(50)) {
            for (mi, m) in muscles.iter().enumerate() {
                let mut g = base_grade;
                if k >= drop_at && mi == 0 {
                    g = base_grade - rng.range(1, 2).min(base_grade);
                    g = g.min(base_grade - 1);
                }
                strength.push((m.clone(), g));
            }
        }
        let numb = numbness.as_ref().map(|v| {
            let mut v = v.clone();
            if spread_numbness && k >= drop_at {
                v.push(f(c.numbness[1]));
            }
            v
        });
        let (red, red_note) = if s.red_flags && k + 1 == n {
            let (flags, note) = rng.pick(r.red_flags);
            (flags.to_vec(), Some(note))
        } else {
            (Vec::new(), None)
        };
        let note = if let Some(n) = red_note {
            Some(n.to_string())
        } else if s.progressive && k == drop_at {
            Some(format!(
                "{} weaker than at the last visit; {}",
                capitalize(&muscles[0]),
                rng.pick(&[
                    "patient noticed it over the past fortnight.",
                    "tripping and dropping things more often.",
                    "reflex now absent.",
                ])
            ))
        } else if rng.chance(60) {
            note_pool.pop().map(f)
        } else {
            None
        };
        let record_function = k == 0 || k + 1 == n || rng.chance(80);
        assessment.push(Assessment {
            date: d,
            pain: pains[k],
            function: record_function.then_some(funcs[k]),
            strength,
            numbness: numb.filter(|_| k == 0 || k + 1 == n || rng.chance(60) || (spread_numbness && k >= drop_at)),
            red_flags: red,
            note,
        });
    }

    // ---- consults, surgery, post-op
    let mut consult = Vec::new();
    let mut surgery = Vec::new();
    let mut as_of = last;
    let mut expect_band = expected_band(arch, &s, c);
    if s.red_flags || s.progressive && !s.surgery {
        let same_day = last;
        consult.push(Consult {
            date: same_day,
            specialty: if r.spinal {
                rng.pick(&["spine-surgery", "neurosurgery"])
            } else {
                r.surgeon
            },
            outcome: if r.spinal {
                "Seen the same day: urgent MRI and decompression to be considered.".to_string()
            } else {
                "Seen the same day for urgent investigation.".to_string()
            },
            future: false,
        });
        if r.spinal && c.surgical && rng.chance(35) {
            surgery.push(Surgery {
                date: day(last, rng.range(1, 3)),
                procedure: format!("Urgent {}", lower_first(&f(c.surgery))),
                note: None,
                future: true,
            });
        }
        if s.imaging == Imaging::None || s.imaging == Imaging::Plain {
            workup.push(Workup {
                date: day(last, 1),
                test: if c.test == "ncs-emg" { "mri" } else { c.test },
                site: site.clone(),
                findings: f(if c.severe.is_empty() { c.moderate } else { c.severe }),
                lesion: Some(c.lesion_severe),
                level: Some(f(c.level)),
                severity: (c.lesion_severe != "other" && !c.severe.is_empty()).then_some("severe"),
                instability: None,
                nerve: None,
                future: true,
            });
        }
    }
    if matches!(
        arch,
        Arch::ReadyLesion | Arch::ReadyInstability | Arch::ReadyIntractable
    ) {
        if rng.chance(30) && !injection.is_empty() {
            consult.push(Consult {
                date: day(injection[0].date, -rng.range(3, 10)).max(c0),
                specialty: "pain-medicine",
                outcome: format!("Recommended a {} injection.", injection_words(injection[0].kind)),
                future: false,
            });
        }
        if rng.chance(45) {
            consult.push(Consult {
                date: day(last, rng.range(7, 28)),
                specialty: r.surgeon,
                outcome: "Surgical opinion booked.".to_string(),
                future: true,
            });
        }
    }
    if matches!(
        arch,
        Arch::LowAdherence | Arch::Lifestyle | Arch::Passive | Arch::Plateau
    ) && rng.chance(25)
    {
        consult.push(Consult {
            date: at(rng.range(40, 95)),
            specialty: rng.pick(&["physiatry", "sports-medicine", "physical-therapy"]),
            outcome: match arch {
                Arch::Plateau => "Agreed to continue the programme and review in six weeks.".to_string(),
                _ => "Advised a revised, supervised exercise plan.".to_string(),
            },
            future: false,
        });
    }
    if s.surgery {
        let sx = day(last, rng.range(10, 35));
        consult.push(Consult {
            date: day(last, rng.range(2, 8)),
            specialty: r.surgeon,
            outcome: format!("Listed for {}.", lower_first(&f(c.surgery))),
            future: false,
        });
        surgery.push(Surgery {
            date: sx,
            procedure: f(c.surgery),
            note: Some(
                rng.pick(&[
                    "Uncomplicated; discharged the next day.",
                    "Procedure as planned; day case.",
                    "No intraoperative complications.",
                ])
                .to_string(),
            ),
            future: false,
        });
        medication.push(Medication {
            start: sx,
            end: Some(day(sx, rng.range(7, 21))),
            drug: "acetaminophen",
            class: Some("acetaminophen"),
            dose: "1 g four times daily",
            target: "general",
            response: "good",
            side_effects: None,
            note: Some("Post-operative analgesia."),
        });
        let post_start = day(sx, rng.range(10, 21));
        let m = (total_n.saturating_sub(n)).clamp(1, 5);
        let post_len = rng.range(42, 84);
        let post_last = day(post_start, post_len);
        let post_dates = spread(rng, post_start, post_last, m);
        let p_from = pains.last().copied().unwrap_or(6);
        let f_from = funcs.last().copied().unwrap_or(0);
        let inst = r.instrument;
        for (k, &d) in post_dates.iter().enumerate() {
            let t = (k + 1) as i64;
            let m_i = m as i64;
            let pain = (p_from - (p_from - rng.range(0, 2)) * t / m_i).clamp(0, 10);
            let goal = if inst.higher_better {
                inst.hi - rng.range(2, 8) * inst.hi / 40
            } else {
                rng.range(2, 8) * inst.hi / 40
            };
            let func = f_from + (goal - f_from) * t / m_i;
            assessment.push(Assessment {
                date: d,
                pain,
                function: Some(func.clamp(0, inst.hi)),
                strength: if record_strength {
                    muscles
                        .iter()
                        .map(|m| {
                            (
                                m.clone(),
                                if k + 1 == post_dates.len() {
                                    5
                                } else {
                                    4.max(base_grade)
                                },
                            )
                        })
                        .collect()
                } else {
                    Vec::new()
                },
                numbness: numbness
                    .as_ref()
                    .map(|_| Vec::new())
                    .filter(|_| k + 1 == post_dates.len()),
                red_flags: Vec::new(),
                note: (k + 1 == post_dates.len()).then(|| {
                    rng.pick(&[
                        "Back at work on modified duties.",
                        "Walking without an aid; sleeping through the night.",
                        "Full range regained; strength improving.",
                        "Pleased with progress; independent with the home programme.",
                    ])
                    .to_string()
                }),
            });
        }
        let open = rng.chance(30);
        let frequency = rng.pick(&[2.0, 2.0, 1.5, 3.0]);
        pt.push(PtCourse {
            start: post_start,
            end: if open {
                None
            } else {
                Some(post_dates.last().copied().unwrap_or(post_last))
            },
            post_op: true,
            provider: rng.pick(PROVIDERS),
            second_opinion: None,
            planned: sessions(frequency, post_start, post_last),
            attended: 0,
            frequency,
            modalities: vec!["exercise", "education"],
            adherence: Some("good"),
            barriers: Vec::new(),
            response: "good",
            note: Some(format!(
                "Post-operative protocol after {}: {}",
                lower_first(&f(c.surgery)),
                lower_first(rng.pick(r.pt_notes))
            )),
        });
        if let Some(p) = pt.last_mut() {
            p.attended = (p.planned * rng.range(80, 100) as u32 / 100).max(1);
        }
        as_of = post_dates.last().copied().unwrap_or(post_last);
        dates.extend(post_dates);
        expect_band = "post-op";
    }

    // ---- padding material
    let first_visit = Some(Consult {
        date: day(onset, rng.range(1, delay.max(1))),
        specialty: "other",
        outcome: if s.pt == PtMode::None {
            "Primary care: advice and simple analgesia; physical therapy not yet arranged.".to_string()
        } else {
            format!(
                "Primary care: {} and referral to physical therapy.",
                rng.pick(&["advice to keep active", "simple analgesia", "activity modification"])
            )
        },
        future: false,
    });
    let spare_notes: Vec<String> = note_pool.iter().map(|e| f(e)).collect();
    let (first_visit, visit_now) = if s.pt == PtMode::None || rng.chance(50) {
        (None, first_visit)
    } else {
        (first_visit, None)
    };
    if let Some(v) = visit_now {
        consult.insert(0, v);
    }

    // ---- words
    let cond_title = f(c.title);
    let weeks = span / 7;
    let title = title_for(
        rng,
        arch,
        &cond_title,
        weeks,
        &f(c.surgery),
        muscles.first().map(String::as_str),
    );
    let id = format!("gen-{index:06}-{}-{}", r.region, c.slug);
    let mut tags: Vec<String> = c.tags.iter().map(|t| t.to_string()).collect();
    tags.push(arch.tag().to_string());
    tags.push("generated".to_string());
    let pain_quality = pain_quality(rng, c.neuro, r.spinal);
    let localized_spasm = (r.spinal && !c.neuro && rng.chance(50)).then_some(true);
    let lifestyle = if s.lifestyle_poor {
        let (sleep, nutrition) = rng.pick(&[("poor", "fair"), ("poor", "poor"), ("fair", "poor"), ("poor", "good")]);
        Some((sleep, nutrition, rng.chance(40), Some(rng.pick(LIFESTYLE_NOTES))))
    } else if rng.chance(80) {
        Some((
            rng.pick(&["good", "fair"]),
            rng.pick(&["good", "fair", "good"]),
            rng.chance(15),
            rng.chance(50).then(|| rng.pick(LIFESTYLE_GOOD_NOTES)),
        ))
    } else {
        None
    };
    let summary = summary_for(
        rng,
        arch,
        &s,
        age,
        occupation.as_deref(),
        &f(c.complaint),
        &pt,
        &workup,
        &injection,
    );
    let mut teaching: Vec<String> = rng
        .some(teaching_for(arch), 2)
        .into_iter()
        .map(|t| t.to_string())
        .collect();
    teaching.push(rng.pick(GENERAL_TEACHING).to_string());

    Draft {
        id,
        title,
        region: r.region,
        tags,
        summary,
        teaching,
        as_of,
        alias: format!("Case {}", index + 1),
        age,
        sex,
        occupation,
        onset,
        complaint: f(c.complaint),
        initial: f(c.initial),
        working,
        pain_quality,
        localized_spasm,
        lifestyle,
        instrument: r.instrument.name,
        pt,
        workup,
        medication,
        injection,
        consult,
        surgery,
        assessment,
        expect_band,
        first_visit,
        spare_notes,
    }
}
