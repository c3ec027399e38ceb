//! The simulator's network folder: `nodes.csv`, `links.csv` and `demand.csv`, read into
//! [`model::sim::SimNetwork`] with located errors. Everything a step relies on is checked
//! here: known regions, stages and species, tonnages that are finite and not negative,
//! capacity not below the baseline, links to a later stage from a node that exists, and
//! no node, link or demand figure given twice.

use crate::error::{DataError, Result};
use crate::table::{Cell, CsvTable};
use model::sim::{DemandPoint, LinkSpec, NodeSpec, Region, SimNetwork, Species};
use model::units::MAX_TONNES;
use model::{Countries, Stage};
use std::collections::HashMap;

/// A file's name and text.
pub type Named<'a> = (&'a str, &'a str);

/// A region cell: an ISO3 code of a known country, `EU27` or `ROW`.
pub(crate) fn region(c: &Cell<'_>, countries: &Countries) -> Result<Region> {
    let expected = "an ISO 3166 alpha-3 code of a known country, EU27 or ROW";
    match Region::parse(c.trimmed()) {
        Some(Region::Country(code)) if countries.get(code).is_none() => Err(c.invalid(expected)),
        Some(r) => Ok(r),
        None => Err(c.invalid(expected)),
    }
}

/// A stage cell.
pub(crate) fn stage(c: &Cell<'_>) -> Result<Stage> {
    Stage::from_id(c.trimmed())
        .ok_or_else(|| c.invalid("a stage: mining, separation, metal, magnet or end_use"))
}

fn species(c: &Cell<'_>) -> Result<Species> {
    Species::parse(c.trimmed())
        .ok_or_else(|| c.invalid("an element symbol (La, Ce, Nd, ...) or unspecified"))
}

fn tonnes(c: &Cell<'_>) -> Result<f64> {
    c.number_in(
        0.0..=MAX_TONNES,
        "tonnes of oxide, not below 0 (at most 1e12)",
    )
}

/// Reads `nodes.csv` (`country,stage,element,baseline_t,capacity_t`; a blank capacity is
/// the baseline).
pub fn read_nodes(file: &str, text: &str, countries: &Countries) -> Result<Vec<NodeSpec>> {
    let t = CsvTable::parse(file, text)?;
    let col = t.require_all(&["country", "stage", "element", "baseline_t", "capacity_t"])?;
    let mut seen: HashMap<(Region, Stage, Species), u64> = HashMap::new();
    let mut out = Vec::with_capacity(t.rows.len());
    for row in &t.rows {
        let c = |i: usize| t.cell(row, col[i]);
        let (r, st, sp) = (region(&c(0), countries)?, stage(&c(1))?, species(&c(2))?);
        if st == Stage::EndUse {
            return Err(c(1).invalid(
                "a producing stage (mining, separation, metal, magnet): end-use nodes come from demand.csv and links.csv",
            ));
        }
        let baseline_t = tonnes(&c(3))?;
        let capacity_t = match c(4).trimmed() {
            "" => baseline_t,
            _ => tonnes(&c(4))?,
        };
        if capacity_t < baseline_t {
            return Err(c(4).invalid(format!(
                "a capacity not below the baseline ({baseline_t} t)"
            )));
        }
        if let Some(first) = seen.insert((r, st, sp), row.line) {
            return Err(c(0).invalid(format!(
                "each node once: {r} {st} {sp} is already on line {first}"
            )));
        }
        out.push(NodeSpec {
            region: r,
            stage: st,
            species: sp,
            baseline_t,
            capacity_t,
        });
    }
    Ok(out)
}

/// Reads `links.csv` (`from_country,from_stage,to_country,to_stage,element,baseline_t`):
/// each link goes to a later stage, from a node `nodes` has.
pub fn read_links(
    file: &str,
    text: &str,
    countries: &Countries,
    nodes: &[NodeSpec],
) -> Result<Vec<LinkSpec>> {
    let t = CsvTable::parse(file, text)?;
    let col = t.require_all(&[
        "from_country",
        "from_stage",
        "to_country",
        "to_stage",
        "element",
        "baseline_t",
    ])?;
    let known: std::collections::HashSet<(Region, Stage, Species)> = nodes
        .iter()
        .map(|n| (n.region, n.stage, n.species))
        .collect();
    let mut seen: HashMap<(Region, Stage, Region, Stage, Species), u64> = HashMap::new();
    let mut out = Vec::with_capacity(t.rows.len());
    for row in &t.rows {
        let c = |i: usize| t.cell(row, col[i]);
        let (fr, fs) = (region(&c(0), countries)?, stage(&c(1))?);
        let (tr, ts) = (region(&c(2), countries)?, stage(&c(3))?);
        let sp = species(&c(4))?;
        if ts <= fs {
            return Err(c(3).invalid(format!("a stage after {fs}: a link goes downstream")));
        }
        if !known.contains(&(fr, fs, sp)) {
            return Err(c(0).invalid(format!(
                "a node of nodes.csv: there is no {fr} {fs} {sp} node for this link to leave"
            )));
        }
        if ts != Stage::EndUse && !known.contains(&(tr, ts, sp)) {
            return Err(c(2).invalid(format!(
                "a node of nodes.csv (or the end_use stage): there is no {tr} {ts} {sp} node to receive this link"
            )));
        }
        if let Some(first) = seen.insert((fr, fs, tr, ts, sp), row.line) {
            return Err(c(0).invalid(format!("each link once: it is already on line {first}")));
        }
        out.push(LinkSpec {
            from_region: fr,
            from_stage: fs,
            to_region: tr,
            to_stage: ts,
            species: sp,
            baseline_t: tonnes(&c(5))?,
        });
    }
    Ok(out)
}

/// Reads `demand.csv` (`country,element,year,demand_t`).
pub fn read_demand(file: &str, text: &str, countries: &Countries) -> Result<Vec<DemandPoint>> {
    let t = CsvTable::parse(file, text)?;
    let col = t.require_all(&["country", "element", "year", "demand_t"])?;
    let mut seen: HashMap<(Region, Species, i32), u64> = HashMap::new();
    let mut out = Vec::with_capacity(t.rows.len());
    for row in &t.rows {
        let c = |i: usize| t.cell(row, col[i]);
        let (r, sp, y) = (region(&c(0), countries)?, species(&c(1))?, c(2).year()?);
        if let Some(first) = seen.insert((r, sp, y), row.line) {
            return Err(c(2).invalid(format!(
                "one demand figure per country, element and year: already on line {first}"
            )));
        }
        out.push(DemandPoint {
            region: r,
            species: sp,
            year: y,
            demand_t: tonnes(&c(3))?,
        });
    }
    Ok(out)
}

/// Reads a network folder's three files (`demand` is optional: a scenario may take its
/// demand from the demand model instead).
pub fn read_network(
    nodes: Named<'_>,
    links: Named<'_>,
    demand: Option<Named<'_>>,
    countries: &Countries,
) -> Result<SimNetwork> {
    let n = read_nodes(nodes.0, nodes.1, countries)?;
    let l = read_links(links.0, links.1, countries, &n)?;
    let d = match demand {
        Some((f, t)) => read_demand(f, t, countries)?,
        None => Vec::new(),
    };
    if n.is_empty() {
        return Err(DataError::File {
            file: nodes.0.into(),
            message: "no nodes: expected at least one row".into(),
        });
    }
    Ok(SimNetwork {
        nodes: n,
        links: l,
        demand: d,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn countries() -> Countries {
        crate::bundled::countries().unwrap()
    }

    #[test]
    fn a_small_network_reads_and_bad_rows_are_located() {
        let c = countries();
        let nodes = "country,stage,element,baseline_t,capacity_t\nCHN,mining,Nd,100,\nCHN,separation,Nd,0,200\n";
        let links = "from_country,from_stage,to_country,to_stage,element,baseline_t\nCHN,mining,CHN,separation,Nd,100\nCHN,separation,USA,end_use,Nd,100\n";
        let demand = "country,element,year,demand_t\nUSA,Nd,2025,90\n";
        let n = read_network(
            ("n.csv", nodes),
            ("l.csv", links),
            Some(("d.csv", demand)),
            &c,
        )
        .unwrap();
        assert_eq!(n.nodes[0].capacity_t, 100.0);
        assert_eq!(n.links.len(), 2);
        let e = read_links("l.csv", "from_country,from_stage,to_country,to_stage,element,baseline_t\nCHN,separation,CHN,mining,Nd,1\n", &c, &n.nodes).unwrap_err();
        assert_eq!(e.to_string(), "l.csv:2:4 (column to_stage): invalid value \"mining\": expected a stage after separation: a link goes downstream");
        let e = read_nodes(
            "n.csv",
            "country,stage,element,baseline_t,capacity_t\nXXX,mining,Nd,1,\n",
            &c,
        )
        .unwrap_err();
        assert!(
            e.to_string()
                .starts_with("n.csv:2:1 (column country): invalid value \"XXX\""),
            "{e}"
        );
        let e = read_nodes(
            "n.csv",
            "country,stage,element,baseline_t,capacity_t\nCHN,mining,Nd,-1,\n",
            &c,
        )
        .unwrap_err();
        assert!(
            e.to_string()
                .contains("(column baseline_t): invalid value \"-1\""),
            "{e}"
        );
        let e = read_nodes(
            "n.csv",
            "country,stage,element,baseline_t,capacity_t\nCHN,mining,Nd,5,4\n",
            &c,
        )
        .unwrap_err();
        assert!(
            e.to_string()
                .contains("a capacity not below the baseline (5 t)"),
            "{e}"
        );
    }
}
