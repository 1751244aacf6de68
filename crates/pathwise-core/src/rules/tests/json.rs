//! The `score --json` contract version 2: keys in order, points and weeks,
//! evidence labels, basis, and terminal-safe escaping, streamed or whole.

use super::*;
use serde_json::{Value, json};

#[test]
fn the_contract_keys_in_order_for_the_worked_example() {
    let case = example();
    let r = eval(&case);
    let text = to_json_string(&r.json(&case));
    let v: Value = serde_json::from_str(&text).expect("valid JSON");
    let keys: Vec<&str> = v.as_object().expect("object").keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        [
            "id",
            "rules_version",
            "profile",
            "as_of",
            "evaluated_on",
            "score",
            "band",
            "next_step",
            "next_step_detail",
            "documented_weeks",
            "criteria",
            "confounders",
            "cautions"
        ]
    );
    assert_eq!(v["rules_version"], json!(2));
    assert_eq!(v["profile"], json!("default"));
    assert_eq!(
        (v["as_of"].clone(), v["evaluated_on"].clone()),
        (json!("2026-05-04"), json!("2026-05-04"))
    );
    assert_eq!(v["documented_weeks"], json!(13.9));
    assert_eq!(v["next_step_detail"], json!(r.next_step_reason));
    let cf = &v["criteria"][4];
    let ck: Vec<&str> = cf.as_object().expect("object").keys().map(String::as_str).collect();
    assert_eq!(ck, ["id", "status", "points", "detail", "evidence", "basis"]);
    assert_eq!(cf["points"].to_string(), "40");
    assert_eq!(
        cf["evidence"],
        json!(["2026-01-27 assessment", "2026-05-04 assessment"])
    );
    assert_eq!(
        cf["basis"],
        json!("6-12 weeks of documented failure; MCID and 30 % rule (Ostelo 2008)")
    );
    assert_eq!(v["criteria"].as_array().map(Vec::len), Some(14));
    assert_eq!(
        v["cautions"],
        json!([{ "id": "red-flags-not-screened", "detail": "no red-flag screen in the last 6 weeks", "evidence": [] }])
    );
    // the value form is the same
    assert_eq!(to_json(&case, &r), v);
}

#[test]
fn weeks_keep_a_decimal_point_and_points_one_decimal() {
    let body = format!(
        "{PT}{}{}",
        assessment("2026-01-01", "pain = 7"),
        assessment("2026-03-05", "pain = 7")
    );
    let c = case("lumbar", "", "", &body);
    let v = to_json(&c, &eval(&c));
    assert_eq!(v["criteria"][4]["points"].to_string(), "30");
    assert_eq!(v["documented_weeks"].to_string(), "9.0");
    // 66 days: 9.43 weeks, 31.43 points
    let c = case("lumbar", "", "", &body.replace("2026-03-05", "2026-03-08"));
    let v = to_json(&c, &eval(&c));
    assert_eq!(v["criteria"][4]["points"].to_string(), "31.4");
    assert_eq!(v["documented_weeks"].to_string(), "9.4");
}

#[test]
fn text_from_a_case_is_escaped_for_terminals_and_round_trips() {
    let hostile = EXAMPLE.replace(
        "\"ankle dorsiflexion\"",
        "\"ankle\\u001b[31m\\u007f\\u009b\\u202e dorsiflexion\"",
    );
    let case = parse(&hostile);
    let r = eval(&case);
    let text = to_json_string(&r.json(&case));
    assert!(!text.chars().any(|c| crate::text::is_unsafe(c) && c != '\n'), "{text}");
    for esc in ["\\u001b", "\\u007f", "\\u009b", "\\u202e"] {
        assert!(text.contains(esc), "{esc} in {text}");
    }
    let back: Value = serde_json::from_str(&text).expect("valid JSON");
    assert_eq!(back, to_json(&case, &r));
}

#[test]
fn a_stream_of_cases_is_the_same_array() {
    let a = example();
    let b = parse(&EXAMPLE.replace("l5-radiculopathy-extrusion", "second"));
    let (ra, rb) = (eval(&a), eval(&b));
    let mut out = Vec::new();
    write_json_seq(&mut out, [ra.json(&a), rb.json(&b)]).expect("writes");
    let streamed = String::from_utf8(out).expect("UTF-8");
    let whole = serde_json::to_string_pretty(&Value::Array(vec![to_json(&a, &ra), to_json(&b, &rb)])).expect("JSON");
    assert_eq!(streamed, whole);
}

#[test]
fn every_invisible_or_reordering_character_is_escaped_and_round_trips() {
    use crate::rules::to_json_string;
    use crate::text::is_unsafe;
    let v = serde_json::json!({
        "t": "a\u{1b}[31m\u{7f}\u{9b}\u{202e}z \u{2028}b\u{2029}c\u{fff9}d\u{fffa}e\u{fffb}f"
    });
    let s = to_json_string(&v);
    for esc in [
        "\\u001b", "\\u007f", "\\u009b", "\\u202e", "\\u2028", "\\u2029", "\\ufff9", "\\ufffa", "\\ufffb",
    ] {
        assert!(s.contains(esc), "{esc} in {s}");
    }
    assert!(!s.chars().any(|c| is_unsafe(c) && c != '\n'), "{s}");
    let back: serde_json::Value = serde_json::from_str(&s).expect("valid JSON");
    assert_eq!(back, v);
}

#[test]
fn the_ascii_fast_path_escapes_what_follows_a_clean_block_at_every_offset() {
    use crate::rules::to_json_string;
    use crate::text::is_unsafe;
    // the writer checks 64 bytes at a time: put each character before, on
    // and after the block boundaries, after runs of printable ASCII
    for c in [
        '\u{7f}', '\u{9b}', '\u{202e}', '\u{2028}', 'é', '漢', '"', '\\', '\n', '\u{1b}',
    ] {
        for at in 0..=140 {
            let s = format!("{}{c}{}", "x".repeat(at), "y".repeat(70));
            let out = to_json_string(&serde_json::json!({ "t": s }));
            assert!(
                !out.chars().any(|ch| is_unsafe(ch) && ch != '\n'),
                "{c:?} at {at}: {out}"
            );
            if is_unsafe(c) && c != '\n' && c != '\u{1b}' {
                let esc = format!("\\u{:04x}", u32::from(c));
                assert!(out.contains(&esc), "{c:?} at {at}: {out}");
            }
            let back: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
            assert_eq!(back["t"], s, "{c:?} at {at}");
        }
    }
}

#[test]
fn the_array_made_on_every_core_is_the_stream_byte_for_byte() {
    use crate::rules::{array_element, write_json_array};
    let cases: Vec<_> = crate::library::Library::builtin()
        .cases
        .into_iter()
        .map(|l| l.case)
        .collect();
    assert!(cases.len() > 16, "enough cases for more than one thread");
    // more items than a window, so windows join too
    let many: Vec<&crate::case::Case> = cases.iter().cycle().take(2500).collect();
    let scores: Vec<_> = many.iter().map(|c| eval(c)).collect();
    let mut streamed = Vec::new();
    write_json_seq(&mut streamed, many.iter().zip(&scores).map(|(c, r)| r.json(c))).expect("writes");
    let mut made = Vec::new();
    let items: Vec<(&crate::case::Case, &Readiness)> = many.iter().copied().zip(&scores).collect();
    write_json_array(&mut made, &items, |(c, r)| array_element(&r.json(c))).expect("writes");
    assert!(made == streamed, "the arrays differ");
    // values with empty and nested arrays and objects, and no items at all
    let odd = [
        json!({"a": [], "b": {}, "c": [[], [1, {"d": []}]], "e": "x\u{7f}"}),
        json!([]),
        json!(3),
    ];
    let (mut seq, mut arr) = (Vec::new(), Vec::new());
    write_json_seq(&mut seq, odd.iter()).expect("writes");
    write_json_array(&mut arr, &odd, array_element).expect("writes");
    assert_eq!(
        String::from_utf8(arr).unwrap_or_default(),
        String::from_utf8(seq).unwrap_or_default()
    );
    let (mut seq, mut arr) = (Vec::new(), Vec::new());
    write_json_seq(&mut seq, std::iter::empty::<Value>()).expect("writes");
    write_json_array(&mut arr, &[] as &[Value], array_element).expect("writes");
    assert_eq!(arr, seq);
    // and the same as serde_json's own pretty printer
    let pretty = serde_json::to_string_pretty(&odd).expect("JSON");
    let (mut arr2,) = (Vec::new(),);
    write_json_array(&mut arr2, &odd, array_element).expect("writes");
    assert_eq!(
        String::from_utf8(arr2).unwrap_or_default(),
        pretty.replace("\u{7f}", "\\u007f")
    );
}
