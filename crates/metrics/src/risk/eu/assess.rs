//! The entry points: [`assess`] one material as the user names it, [`assess_all`] every
//! material the tables have, in table order.

use super::element::assess_element;
use super::group::assess_group;
use super::inputs::{as_group, MaterialInputs};
use super::types::Assessment;
use super::RiskError;
use model::eucrm::EuTables;
use model::wgi::WgiRow;
use model::Element;

/// Why an assessment cannot be made at all.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum AssessError {
    /// No inputs for the material.
    #[error("no EU CRM inputs for {material:?}: the bundled tables have {}", known.join(", "))]
    UnknownMaterial {
        /// Asked for.
        material: String,
        /// Known materials.
        known: Vec<String>,
    },
    /// A share's country is not an ISO3 code.
    #[error("{0} is not an ISO3 code")]
    NotACountry(String),
    /// The inputs are inconsistent.
    #[error(transparent)]
    Risk(#[from] RiskError),
}

/// The materials the tables have, in first-mention order (the preferred transcription's
/// order, then materials only earlier readings have).
pub fn materials(tables: &EuTables) -> Vec<String> {
    let mut m: Vec<String> = Vec::new();
    for i in tables
        .inputs
        .iter()
        .chain(&tables.earlier)
        .filter(|i| i.material != "all")
    {
        if !m.iter().any(|k| k.eq_ignore_ascii_case(&i.material)) {
            m.push(i.material.clone());
        }
    }
    m
}

/// Descriptive names of the groups users type, beside the ids and the names the files print.
const GROUP_NAMES: [(&str, &[&str]); 2] = [
    (
        "HREE",
        &[
            "rare earth elements (heavy)",
            "heavy rare earth elements",
            "heavy rare earths",
        ],
    ),
    (
        "LREE",
        &[
            "rare earth elements (light)",
            "light rare earth elements",
            "light rare earths",
        ],
    ),
];

/// The id of `material` as a user names it: an id (`Nd`, `HREE`), an element's name, a
/// name a transcription prints (`Heavy Rare earths Elements`, `LREEs`), or a descriptive
/// group name (`Rare earth elements (heavy)`); case-insensitive.
fn resolve(material: &str, tables: &EuTables, known: &[String]) -> Option<String> {
    let key = material.trim();
    let fold = |s: &str| {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    let k = fold(key);
    if let Some(id) = known.iter().find(|id| id.eq_ignore_ascii_case(key)) {
        return Some(id.clone());
    }
    let by_name = tables
        .inputs
        .iter()
        .chain(&tables.earlier)
        .find(|r| r.input == "name" && fold(&r.value) == k)
        .map(|r| r.material.clone());
    let by_element = || key.parse::<Element>().ok().map(|e| e.symbol().to_string());
    let by_group = || {
        GROUP_NAMES
            .iter()
            .find(|(_, names)| names.contains(&k.as_str()))
            .map(|(id, _)| id.to_string())
    };
    by_name
        .or_else(by_element)
        .or_else(by_group)
        .and_then(|id| known.iter().find(|k| k.eq_ignore_ascii_case(&id)).cloned())
}

/// Assesses `material` from the tables and WGI: each stage's SR with the basis the report
/// used, the SR at the stage it took, the EI from end-use shares and sector value added,
/// each beside the published value with its status and reasons; a group from its members.
/// `citation` names a source edition for the reader.
pub fn assess(
    material: &str,
    tables: &EuTables,
    wgi: &[WgiRow],
    citation: &dyn Fn(&str) -> String,
) -> Result<Assessment, AssessError> {
    let known = materials(tables);
    let id = resolve(material, tables, &known).ok_or_else(|| AssessError::UnknownMaterial {
        material: material.trim().into(),
        known: known.clone(),
    })?;
    let m = MaterialInputs::new(&id, tables);
    match as_group(&id) {
        Some(g) => {
            let mut members = Vec::new();
            for member in known
                .iter()
                .filter(|k| k.parse::<Element>().is_ok_and(|e| g.contains(e)))
            {
                let mi = MaterialInputs::new(member, tables);
                members.push(assess_element(&mi, tables, wgi, citation)?);
            }
            Ok(assess_group(g, &m, members, tables, citation))
        }
        None => assess_element(&m, tables, wgi, citation),
    }
}

/// Every material the tables have, in table order.
pub fn assess_all(
    tables: &EuTables,
    wgi: &[WgiRow],
    citation: &dyn Fn(&str) -> String,
) -> Result<Vec<Assessment>, AssessError> {
    materials(tables)
        .iter()
        .map(|m| assess(m, tables, wgi, citation))
        .collect()
}
