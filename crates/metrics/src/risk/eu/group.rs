//! A group's assessment (HREE, LREE): the transcriptions print no group rows for supply or
//! use shares and no group substitution indices, so a group scores what the 2017 study
//! says group results are, "the arithmetic averages of the results of the individual
//! materials included in these groups" (p.11; the PGM group likewise, p.47): each stage's SR, the SR and the EI
//! are the means of the members' computed values, each member's SR taken at the stage the
//! report used for it. A member's gap makes the group's value a gap.

use super::element::{differences, input_used, published};
use super::inputs::MaterialInputs;
use super::types::*;
use super::STAGES;
use model::eucrm::EuTables;
use model::ElementGroup;

/// Where the weighting comes from.
pub(super) const WEIGHTING: &str = "arithmetic mean of the members' computed values, each member's SR at the stage the report used for it (2017 study, EU-CRM-2017-STUDY, p.11: \"The results presented for the grouped materials (HREEs, LREEs and PGMs) are the arithmetic averages of the results of the individual materials included in these groups.\"; p.47 computes the PGM group so)";

fn mean(values: &[Option<f64>]) -> Option<f64> {
    let all: Option<Vec<f64>> = values.iter().copied().collect();
    all.filter(|v| !v.is_empty())
        .map(|v| v.iter().sum::<f64>() / v.len() as f64)
}

/// Which members are gaps for a value.
fn member_gaps(members: &[Assessment], value: impl Fn(&Assessment) -> Option<f64>) -> Vec<String> {
    members
        .iter()
        .filter(|m| value(m).is_none())
        .map(|m| m.material.clone())
        .collect()
}

/// The reasons for a group value: the members that move it, and whether the published
/// group value is the mean of the published members.
fn group_reasons(
    what: &str,
    members: &[Assessment],
    computed: impl Fn(&Assessment) -> Option<f64>,
    published: impl Fn(&Assessment) -> Option<f64>,
    group_published: Option<f64>,
) -> Vec<String> {
    let mut out = Vec::new();
    let gaps = member_gaps(members, &computed);
    if !gaps.is_empty() {
        out.push(format!(
            "members without a computed {what}: {}",
            gaps.join(", ")
        ));
    }
    let mut moved: Vec<(String, f64)> = members
        .iter()
        .filter_map(|m| Some((m.material.clone(), computed(m)? - published(m)?)))
        .filter(|(_, d)| d.abs() > MATCH_WITHIN + 1e-9)
        .collect();
    moved.sort_by(|a, b| b.1.abs().total_cmp(&a.1.abs()));
    if !moved.is_empty() {
        out.push(format!(
            "members computed − published: {} (each member's reasons are in its own assessment)",
            moved
                .iter()
                .map(|(m, d)| format!("{m} {d:+.2}"))
                .collect::<Vec<_>>()
                .join(", ")
        ));
        let up = moved.iter().any(|(_, d)| *d > 0.0);
        let down = moved.iter().any(|(_, d)| *d < 0.0);
        if up && down {
            out.push("members' differences of both signs partly cancel in the mean".into());
        }
    }
    let published_mean = mean(&members.iter().map(&published).collect::<Vec<_>>());
    if let (Some(pm), Some(gp)) = (published_mean, group_published) {
        out.push(format!(
            "the published {} is {} the mean of the members' published {what} ({pm:.2})",
            score_text(gp),
            if (pm - gp).abs() <= MATCH_WITHIN + 1e-9 {
                "consistent with"
            } else {
                "not"
            }
        ));
    }
    out
}

/// The assessment of group `g` from its members' assessments (in table order).
pub(super) fn assess_group(
    g: ElementGroup,
    m: &MaterialInputs,
    members: Vec<Assessment>,
    tables: &EuTables,
    citation: &dyn Fn(&str) -> String,
) -> Assessment {
    let published = published(m, tables, citation);
    let mut stages = Vec::new();
    for stage in STAGES {
        let of = |a: &Assessment| a.stages.get(stage).and_then(|s| s.sr);
        let pub_of = |a: &Assessment| a.stages.get(stage).and_then(|s| s.published_sr);
        let row = m.at_stage(stage, "published_stage_sr");
        let mut st = StageAssessment::empty(Status::Gap);
        st.basis = m.at_stage(stage, "supply_used").map(|r| r.value.clone());
        st.import_reliance = m
            .at_stage(stage, "import_reliance")
            .and_then(|r| r.number());
        st.published_sr = row.and_then(|r| r.number());
        if let Some(r) = row.filter(|r| !r.notes.is_empty()) {
            st.reasons.push(format!("published: {}", r.notes));
        }
        st.sr = mean(&members.iter().map(of).collect::<Vec<_>>());
        st.hhi_wgi = None;
        st.status = Status::of(st.sr, st.published_sr);
        st.difference = st.sr.zip(st.published_sr).map(|(c, p)| c - p);
        if st.status != Status::Match {
            st.reasons.extend(group_reasons(
                &format!("{stage} SR"),
                &members,
                of,
                pub_of,
                st.published_sr,
            ));
        }
        stages.push(st);
    }
    let mut stages = stages.into_iter();
    let (Some(extraction), Some(processing)) = (stages.next(), stages.next()) else {
        unreachable!("one entry per stage of STAGES, which has two")
    };
    let stages = Stages {
        extraction,
        processing,
    };
    let sr = mean(&members.iter().map(|a| a.sr).collect::<Vec<_>>());
    let ei = mean(&members.iter().map(|a| a.ei).collect::<Vec<_>>());
    let status = ValueStatus {
        sr: Status::of(sr, published.sr),
        ei: Status::of(ei, published.ei),
    };
    let reasons = ValueReasons {
        sr: group_reasons("SR", &members, |a| a.sr, |a| a.published.sr, published.sr),
        ei: group_reasons("EI", &members, |a| a.ei, |a| a.published.ei, published.ei),
    };
    let mut gaps = Vec::new();
    for (what, missing) in [
        ("SR", member_gaps(&members, |a| a.sr)),
        ("EI", member_gaps(&members, |a| a.ei)),
    ] {
        for id in missing {
            let why = members
                .iter()
                .find(|a| a.material == id)
                .map(|a| {
                    if what == "EI" {
                        a.reasons.ei.join("; ")
                    } else {
                        a.reasons.sr.join("; ")
                    }
                })
                .unwrap_or_default();
            gaps.push(format!("{what}: member {id} is a gap ({why})"));
        }
    }
    let member_scores: Vec<MemberScore> = members
        .iter()
        .map(|a| MemberScore {
            material: a.material.clone(),
            sr: a.sr,
            published_sr: a.published.sr,
            ei: a.ei,
            published_ei: a.published.ei,
            extraction_sr: a.stages.extraction.sr,
            processing_sr: a.stages.processing.sr,
            status: a.status,
        })
        .collect();
    let mut notes = vec![format!(
        "{} has no supply-share, end-use or substitution rows of its own in the 2023 transcriptions: its scores are the means of its {} members ({}), whose inputs are listed in their own assessments (group rows of earlier readings are listed below as not used)",
        g.id(),
        members.len(),
        members.iter().map(|a| a.material.as_str()).collect::<Vec<_>>().join(", ")
    )];
    notes.extend(m.notes.iter().cloned());
    let inputs: Vec<InputUsed> = m
        .rows
        .iter()
        .filter(|r| r.input != "name")
        .map(|r| {
            let mut i = input_used(r);
            let used = r.input.starts_with("published")
                || matches!(r.input.as_str(), "stage_used" | "supply_used")
                || r.input == "eu_sourcing_share"
                || r.input == "eu_sourcing_t";
            if !used {
                let what = "group row, not used: the group scores are the members' means";
                i.note = Some(if r.notes.is_empty() {
                    what.into()
                } else {
                    format!("{}; {what}", r.notes)
                });
            } else if r.input.starts_with("eu_sourcing") {
                i.note =
                    Some("group row, applied to each member without EU rows of its own".into());
            }
            i
        })
        .collect();
    let differences = differences(&stages, &status, sr, ei, &published, &reasons);
    Assessment {
        material: m.id.clone(),
        name: m.name(),
        sr,
        ei,
        critical: sr.zip(ei).map(|(s, e)| super::is_critical(s, e)),
        differences,
        bottleneck: m.text("all", "stage_used").map(str::to_string),
        computed_bottleneck: None,
        stages,
        inputs,
        gaps,
        difference: ValueDifference {
            sr: sr.zip(published.sr).map(|(c, p)| c - p),
            ei: ei.zip(published.ei).map(|(c, p)| c - p),
        },
        published,
        status,
        reasons,
        ei_lower_bound: members.iter().any(|a| a.ei_lower_bound),
        group: Some(GroupScores {
            weighting: WEIGHTING.into(),
            published_members_mean: ValuePair {
                sr: mean(&members.iter().map(|a| a.published.sr).collect::<Vec<_>>()),
                ei: mean(&members.iter().map(|a| a.published.ei).collect::<Vec<_>>()),
            },
            members: member_scores,
        }),
        other_readings: m.other_readings.clone(),
        notes,
        rows: m
            .rows
            .iter()
            .filter(|r| r.input != "name")
            .cloned()
            .collect(),
    }
}
