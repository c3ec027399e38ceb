//! Scenario files (TOML; the schema is `docs/scenarios.md`), read into
//! [`model::sim::Scenario`] and validated at load: every key is known for its event type,
//! every value has its type and range, `end` is not before `start`, regions, stages and
//! species exist. Errors read `FILE:LINE:COL (key NAME): ...`, the key written as a path
//! (`events[3].allowed`), from the spans the TOML parser keeps for every key and value.

use crate::error::{DataError, Result};
use model::sim::{
    CapacityOf, DemandOf, DemandSource, Event, EventKind, Mode, NetworkSource, PriceSettings,
    Region, Scenario, Selector, Species, When,
};
use model::{Countries, Stage};
use std::ops::Range;
use toml::de::{DeTable, DeValue};
use toml::Spanned;

/// A TOML value with its place in the file.
pub(crate) type Value<'i> = Spanned<DeValue<'i>>;

/// What reading one file needs: its name and text (for positions), and the countries.
pub(crate) struct Reader<'a> {
    pub(crate) file: &'a str,
    pub(crate) text: &'a str,
    pub(crate) countries: &'a Countries,
}

/// The 1-based line and column of byte `offset` of `text`.
pub fn position(text: &str, offset: usize) -> (u64, usize) {
    let before = &text[..floor_boundary(text, offset)];
    let line = before.matches('\n').count() as u64 + 1;
    let column = before
        .rfind('\n')
        .map_or(before.chars().count(), |i| before[i + 1..].chars().count())
        + 1;
    (line, column)
}

/// The largest char boundary of `text` at or before `offset`.
pub(crate) fn floor_boundary(text: &str, offset: usize) -> usize {
    let mut i = offset.min(text.len());
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

impl Reader<'_> {
    pub(crate) fn err(
        &self,
        span: Range<usize>,
        key: &str,
        message: impl Into<String>,
    ) -> DataError {
        let (line, column) = position(self.text, span.start);
        DataError::Key {
            file: self.file.into(),
            line,
            column,
            key: key.into(),
            message: message.into(),
        }
    }

    pub(crate) fn invalid(&self, v: &Value<'_>, key: &str, expected: &str) -> DataError {
        let (a, b) = (
            floor_boundary(self.text, v.span().start),
            floor_boundary(self.text, v.span().end),
        );
        let shown = &self.text[a..b.max(a)];
        self.err(
            v.span(),
            key,
            format!("invalid value {shown}: expected {expected}"),
        )
    }

    pub(crate) fn string(&self, v: &Value<'_>, key: &str, expected: &str) -> Result<String> {
        match v.get_ref() {
            DeValue::String(s) => Ok(s.to_string()),
            _ => Err(self.invalid(v, key, expected)),
        }
    }

    pub(crate) fn number(
        &self,
        v: &Value<'_>,
        key: &str,
        range: Range<f64>,
        expected: &str,
    ) -> Result<f64> {
        let x = match v.get_ref() {
            DeValue::Integer(i) => i64::from_str_radix(i.as_str(), i.radix())
                .ok()
                .map(|x| x as f64),
            DeValue::Float(f) => f.as_str().parse::<f64>().ok(),
            _ => None,
        };
        match x {
            Some(x) if x.is_finite() && x >= range.start && x <= range.end => Ok(x),
            _ => Err(self.invalid(v, key, expected)),
        }
    }

    pub(crate) fn integer(
        &self,
        v: &Value<'_>,
        key: &str,
        range: Range<i64>,
        expected: &str,
    ) -> Result<i64> {
        match v.get_ref() {
            DeValue::Integer(i) => match i64::from_str_radix(i.as_str(), i.radix()) {
                Ok(x) if x >= range.start && x <= range.end => Ok(x),
                _ => Err(self.invalid(v, key, expected)),
            },
            _ => Err(self.invalid(v, key, expected)),
        }
    }

    pub(crate) fn year(&self, v: &Value<'_>, key: &str) -> Result<i32> {
        let (a, b) = (*model::units::YEARS.start(), *model::units::YEARS.end());
        self.integer(
            v,
            key,
            a.into()..b.into(),
            &format!("a year from {a} to {b}"),
        )
        .map(|y| y as i32)
    }

    pub(crate) fn region(&self, v: &Value<'_>, key: &str) -> Result<Region> {
        let expected = "an ISO 3166 alpha-3 code of a known country, EU27 or ROW";
        let s = self.string(v, key, expected)?;
        match Region::parse(&s) {
            Some(Region::Country(c)) if self.countries.get(c).is_none() => {
                Err(self.invalid(v, key, expected))
            }
            Some(r) => Ok(r),
            None => Err(self.invalid(v, key, expected)),
        }
    }

    pub(crate) fn stage(&self, v: &Value<'_>, key: &str) -> Result<Stage> {
        let expected = "a stage: mining, separation, metal, magnet or end_use";
        Stage::from_id(&self.string(v, key, expected)?)
            .ok_or_else(|| self.invalid(v, key, expected))
    }

    pub(crate) fn species(&self, v: &Value<'_>, key: &str) -> Result<Species> {
        let expected = "an element symbol (Nd, Dy, ...) or unspecified";
        Species::parse(&self.string(v, key, expected)?)
            .ok_or_else(|| self.invalid(v, key, expected))
    }

    pub(crate) fn tonnes(&self, v: &Value<'_>, key: &str) -> Result<f64> {
        self.number(
            v,
            key,
            0.0..model::units::MAX_TONNES,
            "tonnes of oxide, not below 0 (at most 1e12)",
        )
    }

    pub(crate) fn fraction(&self, v: &Value<'_>, key: &str) -> Result<f64> {
        self.number(v, key, 0.0..1.0, "a fraction from 0 to 1")
    }

    pub(crate) fn list<T>(
        &self,
        v: &Value<'_>,
        key: &str,
        one: impl Fn(&Value<'_>, &str) -> Result<T>,
    ) -> Result<Vec<T>> {
        match v.get_ref() {
            DeValue::Array(items) if !items.is_empty() => items
                .iter()
                .enumerate()
                .map(|(i, x)| one(x, &format!("{key}[{i}]")))
                .collect(),
            _ => Err(self.invalid(v, key, "a list such as [\"CHN\"]")),
        }
    }

    pub(crate) fn selector<T>(
        &self,
        v: &Value<'_>,
        key: &str,
        one: impl Fn(&Value<'_>, &str) -> Result<T>,
    ) -> Result<Selector<T>> {
        match v.get_ref() {
            DeValue::String(s) if s == "all" => Ok(Selector::All),
            DeValue::Array(_) => Ok(Selector::Only(self.list(v, key, one)?)),
            _ => Err(self.invalid(v, key, "\"all\" or a list")),
        }
    }

    /// `2026`, `"2026"` or `"2026-04"`.
    pub(crate) fn when(&self, v: &Value<'_>, key: &str) -> Result<When> {
        let expected = "a year (2026 or \"2026\") or a month (\"2026-04\") from 1900 to 2200";
        let (year, month) = match v.get_ref() {
            DeValue::Integer(_) => (self.year(v, key)?, None),
            DeValue::String(s) => {
                let (y, m) = match s.split_once('-') {
                    Some((y, m)) => (y, Some(m)),
                    None => (s.as_ref(), None),
                };
                let y: i32 = y
                    .parse()
                    .ok()
                    .filter(|y| model::Year::checked(*y).is_some() && s.len() >= 4)
                    .ok_or_else(|| self.invalid(v, key, expected))?;
                let m = match m {
                    None => None,
                    Some(m) => Some(
                        m.parse::<u8>()
                            .ok()
                            .filter(|m| (1..=12).contains(m) && !m.to_string().is_empty())
                            .ok_or_else(|| self.invalid(v, key, expected))?,
                    ),
                };
                (y, m)
            }
            _ => return Err(self.invalid(v, key, expected)),
        };
        Ok(When { year, month })
    }
}

/// The keys of a table, each read at most once; whatever is left at the end is unknown.
pub(crate) struct Keys<'t, 'i> {
    table: &'t DeTable<'i>,
    path: String,
    used: Vec<String>,
}

impl<'t, 'i> Keys<'t, 'i> {
    pub(crate) fn new(table: &'t DeTable<'i>, path: &str) -> Self {
        Keys {
            table,
            path: path.into(),
            used: Vec::new(),
        }
    }

    pub(crate) fn key(&self, name: &str) -> String {
        if self.path.is_empty() {
            name.into()
        } else {
            format!("{}.{name}", self.path)
        }
    }

    pub(crate) fn get(&mut self, name: &str) -> Option<&'t Value<'i>> {
        self.used.push(name.into());
        self.table
            .iter()
            .find(|(k, _)| k.get_ref() == name)
            .map(|(_, v)| v)
    }

    pub(crate) fn need(
        &mut self,
        r: &Reader<'_>,
        name: &str,
        at: Range<usize>,
        what: &str,
    ) -> Result<&'t Value<'i>> {
        let key = self.key(name);
        self.get(name)
            .ok_or_else(|| r.err(at, &key, format!("missing key {name}: expected {what}")))
    }

    /// An error for the first key not read: unknown keys are mistakes (free text goes in
    /// `description` or `narrative`).
    pub(crate) fn finish(&self, r: &Reader<'_>, allowed: &str) -> Result<()> {
        for (k, _) in self.table.iter() {
            if !self.used.iter().any(|u| u == k.get_ref()) {
                return Err(r.err(
                    k.span(),
                    &self.key(k.get_ref()),
                    format!("unknown key {}: expected one of {allowed}", k.get_ref()),
                ));
            }
        }
        Ok(())
    }
}

/// A TOML document with spans, or a located syntax error.
pub(crate) fn parse_toml<'i>(file: &str, text: &'i str) -> Result<Spanned<DeTable<'i>>> {
    DeTable::parse(text).map_err(|e| {
        let (line, column) = position(text, e.span().map_or(0, |s| s.start));
        DataError::Key {
            file: file.into(),
            line,
            column,
            key: "(syntax)".into(),
            message: format!("not valid TOML: {}", e.message().trim()),
        }
    })
}

const TOP_KEYS: &str =
    "name, description, narrative, sources, from, to, demand, network, mode, prices, events";

/// Reads a scenario file.
pub fn read_scenario(file: &str, text: &str, countries: &Countries) -> Result<Scenario> {
    let r = Reader {
        file,
        text,
        countries,
    };
    let doc = parse_toml(file, text)?;
    let whole = doc.span();
    let mut k = Keys::new(doc.get_ref(), "");
    let name = r.string(
        k.need(&r, "name", whole.clone(), "a name")?,
        "name",
        "a name",
    )?;
    let free = |k: &mut Keys<'_, '_>, key: &str| -> Result<String> {
        k.get(key)
            .map(|v| r.string(v, key, "text"))
            .transpose()
            .map(Option::unwrap_or_default)
    };
    let description = free(&mut k, "description")?;
    let narrative = free(&mut k, "narrative")?;
    let sources = match k.get("sources") {
        Some(v) => r.list(v, "sources", |x, key| r.string(x, key, "text"))?,
        None => Vec::new(),
    };
    let from_v = k.need(&r, "from", whole.clone(), "the first year")?;
    let from = r.year(from_v, "from")?;
    let to_v = k.need(&r, "to", whole.clone(), "the last year")?;
    let to = r.year(to_v, "to")?;
    if to < from {
        return Err(r.invalid(to_v, "to", &format!("a year not before from ({from})")));
    }
    let demand = match k.get("demand") {
        None => DemandSource::Network,
        Some(v) => match r
            .string(v, "demand", "a demand scenario id or \"flat\"")?
            .as_str()
        {
            "flat" => DemandSource::Flat,
            id => DemandSource::Scenario(id.into()),
        },
    };
    let network = match k.get("network") {
        None => NetworkSource::Bundled,
        Some(v) => match r.string(v, "network", "\"bundled\" or a folder")?.as_str() {
            "bundled" => NetworkSource::Bundled,
            "" => return Err(r.invalid(v, "network", "\"bundled\" or a folder")),
            dir => NetworkSource::Folder(dir.into()),
        },
    };
    let mode = match k.get("mode") {
        None => Mode::Sticky,
        Some(v) => match r.string(v, "mode", "\"sticky\"")?.as_str() {
            "sticky" => Mode::Sticky,
            _ => return Err(r.invalid(v, "mode", "\"sticky\" (the only mode so far)")),
        },
    };
    let prices = match k.get("prices") {
        None => PriceSettings::default(),
        Some(v) => prices(&r, v)?,
    };
    let mut events = Vec::new();
    if let Some(v) = k.get("events") {
        match v.get_ref() {
            DeValue::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    events.push(event(&r, item, &format!("events[{i}]"))?);
                }
            }
            _ => return Err(r.invalid(v, "events", "an array of tables ([[events]])")),
        }
    }
    k.finish(&r, TOP_KEYS)?;
    Ok(Scenario {
        name,
        description,
        narrative,
        from,
        to,
        demand,
        network,
        mode,
        prices,
        events,
        sources,
    })
}

fn prices(r: &Reader<'_>, v: &Value<'_>) -> Result<PriceSettings> {
    let DeValue::Table(t) = v.get_ref() else {
        return Err(r.invalid(v, "prices", "a table ([prices])"));
    };
    let mut k = Keys::new(t, "prices");
    let mut p = PriceSettings::default();
    if let Some(c) = k.get("cap") {
        p.cap = r.number(
            c,
            "prices.cap",
            1.0..1e6,
            "a multiple of the base price, at least 1",
        )?;
    }
    if let Some(e) = k.get("elasticity") {
        let DeValue::Table(et) = e.get_ref() else {
            return Err(r.invalid(e, "prices.elasticity", "a table such as { Nd = 0.5 }"));
        };
        for (name, value) in et.iter() {
            let key = format!("prices.elasticity.{}", name.get_ref());
            let s = Species::parse(name.get_ref()).ok_or_else(|| {
                r.err(
                    name.span(),
                    &key,
                    "unknown element: expected an element symbol (Nd, Dy, ...)",
                )
            })?;
            let x = r.number(value, &key, 0.01..100.0, "an elasticity from 0.01 to 100")?;
            p.elasticity.push((s, x));
        }
    }
    k.finish(r, "cap, elasticity")?;
    Ok(p)
}

/// The keys each event type takes (besides `type`, `sources`, `description`, `narrative`).
const EVENT_KEYS: [(&str, &str); 7] = [
    (
        "export_restriction",
        "exporter, stages, elements, importers, allowed, start, end",
    ),
    ("disruption", "country, stage, fraction, start, end"),
    (
        "capacity",
        "country, stage, element, ore_type, project, capacity_t, start, ramp_years",
    ),
    (
        "deal",
        "exporter, from_stage, importer, to_stage, element, quantity_t, start, end, ramp_years",
    ),
    ("stockpile", "holder, element, stock_t, start, release"),
    ("depletion", "country, fraction_per_year, elements, start"),
    (
        "demand_change",
        "element, technology, factor, start, end, country",
    ),
];

fn event(r: &Reader<'_>, v: &Value<'_>, path: &str) -> Result<Event> {
    let DeValue::Table(t) = v.get_ref() else {
        return Err(r.invalid(v, path, "a table ([[events]])"));
    };
    let at = v.span();
    let mut k = Keys::new(t, path);
    let types = EVENT_KEYS.map(|(t, _)| t).join(", ");
    let ty_v = k.need(r, "type", at.clone(), &types)?;
    let key = |name: &str| format!("{path}.{name}");
    let ty = r.string(ty_v, &key("type"), &types)?;
    let Some((_, allowed)) = EVENT_KEYS.iter().find(|(t, _)| *t == ty) else {
        return Err(r.invalid(ty_v, &key("type"), &types));
    };
    let sources = match k.get("sources") {
        Some(s) => r.list(s, &key("sources"), |x, kk| r.string(x, kk, "text"))?,
        None => Vec::new(),
    };
    let description = match k.get("description") {
        Some(d) => r.string(d, &key("description"), "text")?,
        None => String::new(),
    };
    if let Some(n) = k.get("narrative") {
        r.string(n, &key("narrative"), "text")?;
    }
    let mut need =
        |name: &str, what: &str| k.need(r, name, at.clone(), what).map(|v| (v, key(name)));
    let start = {
        let (v, kk) = need("start", "a year or \"YYYY-MM\"")?;
        r.when(v, &kk)?
    };
    let kind = match ty.as_str() {
        "export_restriction" => {
            let (ex, kex) = need("exporter", "a country")?;
            let (st, kst) = need("stages", "a list of stages")?;
            let (el, kel) = need("elements", "\"all\" or a list of elements")?;
            let (im, kim) = need("importers", "\"all\" or a list of countries")?;
            let (al, kal) = need("allowed", "a fraction from 0 to 1")?;
            EventKind::ExportRestriction {
                exporter: r.region(ex, &kex)?,
                stages: r.list(st, &kst, |x, kk| r.stage(x, kk))?,
                species: r.selector(el, &kel, |x, kk| r.species(x, kk))?,
                importers: r.selector(im, &kim, |x, kk| r.region(x, kk))?,
                allowed: r.fraction(al, &kal)?,
            }
        }
        "disruption" => {
            let (c, kc) = need("country", "a country")?;
            let (s, ks) = need("stage", "a stage")?;
            let (f, kf) = need("fraction", "a fraction from 0 to 1")?;
            EventKind::Disruption {
                region: r.region(c, &kc)?,
                stage: r.stage(s, &ks)?,
                fraction: r.fraction(f, &kf)?,
            }
        }
        "capacity" => {
            let (c, kc) = need("country", "a country")?;
            let (s, ks) = need("stage", "a stage")?;
            let (element, ore, project) = (k.get("element"), k.get("ore_type"), k.get("project"));
            let of = match (element, ore, project) {
                (Some(e), None, None) => CapacityOf::Species(r.species(e, &key("element"))?),
                (None, Some(o), None) => CapacityOf::OreType(r.string(
                    o,
                    &key("ore_type"),
                    "an ore type of data/ore_types.csv",
                )?),
                (None, None, Some(p)) => CapacityOf::Project(r.string(
                    p,
                    &key("project"),
                    "a project of data/projects.csv",
                )?),
                _ => {
                    return Err(r.err(
                        at.clone(),
                        &key("element"),
                        "exactly one of element, ore_type or project",
                    ))
                }
            };
            let capacity_t = match k.get("capacity_t") {
                Some(v) => Some(r.tonnes(v, &key("capacity_t"))?),
                None if matches!(of, CapacityOf::Project(_)) => None,
                None => {
                    return Err(r.err(
                        at.clone(),
                        &key("capacity_t"),
                        "missing key capacity_t: expected tonnes of oxide a year",
                    ))
                }
            };
            let ramp_years = match k.get("ramp_years") {
                Some(v) => {
                    r.integer(v, &key("ramp_years"), 0..100, "whole years from 0 to 100")? as u32
                }
                None => 0,
            };
            EventKind::Capacity {
                region: r.region(c, &kc)?,
                stage: r.stage(s, &ks)?,
                of,
                capacity_t,
                ramp_years,
            }
        }
        "deal" => {
            let (ex, kex) = need("exporter", "a country")?;
            let (fs, kfs) = need("from_stage", "a stage")?;
            let (im, kim) = need("importer", "a country")?;
            let (ts, kts) = need("to_stage", "a stage")?;
            let (el, kel) = need("element", "an element")?;
            let (q, kq) = need("quantity_t", "tonnes of oxide a year")?;
            let from_stage = r.stage(fs, &kfs)?;
            let to_stage = r.stage(ts, &kts)?;
            if to_stage <= from_stage {
                return Err(r.invalid(
                    ts,
                    &kts,
                    &format!("a stage after {from_stage}: a deal goes downstream"),
                ));
            }
            let ramp_years = match k.get("ramp_years") {
                Some(v) => {
                    r.integer(v, &key("ramp_years"), 0..100, "whole years from 0 to 100")? as u32
                }
                None => 0,
            };
            EventKind::Deal {
                exporter: r.region(ex, &kex)?,
                from_stage,
                importer: r.region(im, &kim)?,
                to_stage,
                species: r.species(el, &kel)?,
                quantity_t: r.tonnes(q, &kq)?,
                ramp_years,
            }
        }
        "stockpile" => {
            let (h, kh) = need("holder", "a country")?;
            let (el, kel) = need("element", "an element")?;
            let (st, kst) = need("stock_t", "tonnes of oxide")?;
            if let Some(rel) = k.get("release") {
                if r.string(rel, &key("release"), "\"on_shortfall\"")? != "on_shortfall" {
                    return Err(r.invalid(
                        rel,
                        &key("release"),
                        "\"on_shortfall\" (the only policy so far)",
                    ));
                }
            }
            EventKind::Stockpile {
                holder: r.region(h, &kh)?,
                species: r.species(el, &kel)?,
                stock_t: r.tonnes(st, &kst)?,
            }
        }
        "depletion" => {
            let (c, kc) = need("country", "a country")?;
            let (f, kf) = need("fraction_per_year", "a fraction from 0 to 1")?;
            EventKind::Depletion {
                region: r.region(c, &kc)?,
                fraction_per_year: r.fraction(f, &kf)?,
                species: match k.get("elements") {
                    Some(v) => r.selector(v, &key("elements"), |x, kk| r.species(x, kk))?,
                    None => Selector::All,
                },
            }
        }
        "demand_change" => {
            let (f, kf) = need("factor", "a factor not below 0")?;
            let of = match (k.get("element"), k.get("technology")) {
                (Some(e), None) => DemandOf::Species(r.species(e, &key("element"))?),
                (None, Some(t)) => {
                    DemandOf::Technology(r.string(t, &key("technology"), "a technology id")?)
                }
                _ => {
                    return Err(r.err(
                        at.clone(),
                        &key("element"),
                        "exactly one of element or technology",
                    ))
                }
            };
            let region = match k.get("country") {
                Some(c) => Some(r.region(c, &key("country"))?),
                None => None,
            };
            EventKind::DemandChange {
                of,
                factor: r.number(f, &kf, 0.0..1e6, "a factor not below 0")?,
                region,
            }
        }
        _ => unreachable!("the type was checked against EVENT_KEYS"),
    };
    let end = match k.get("end") {
        Some(v) => {
            let end = r.when(v, &key("end"))?;
            if (end.year, end.month.unwrap_or(12)) < (start.year, start.month.unwrap_or(1)) {
                return Err(r.invalid(v, &key("end"), "a time not before start"));
            }
            Some(end)
        }
        None => None,
    };
    k.finish(
        r,
        &format!("type, sources, description, narrative, {allowed}"),
    )?;
    let (line, _) = position(r.text, at.start);
    Ok(Event {
        kind,
        start,
        end,
        sources,
        description,
        line,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Result<Scenario> {
        read_scenario("s.toml", text, &crate::bundled::countries().unwrap())
    }

    #[test]
    fn a_scenario_reads_and_mistakes_are_located() {
        let s = read(
            "name = \"ban\"\nfrom = 2025\nto = 2030\nnetwork = \"net\"\n\n[[events]]\ntype = \"export_restriction\"\nexporter = \"CHN\"\nstages = [\"separation\"]\nelements = [\"Dy\"]\nimporters = \"all\"\nallowed = 0\nstart = \"2025-04\"\n",
        )
        .unwrap();
        assert_eq!(s.events.len(), 1);
        assert_eq!(
            s.events[0].start,
            When {
                year: 2025,
                month: Some(4)
            }
        );
        let e = read("name = \"x\"\nfrom = 2025\nto = 2030\n[[events]]\ntype = \"disruption\"\ncountry = \"CHN\"\nstage = \"mining\"\nfraction = 1.5\nstart = 2026\n").unwrap_err();
        assert_eq!(e.to_string(), "s.toml:8:12 (key events[0].fraction): invalid value 1.5: expected a fraction from 0 to 1");
        let e = read("name = \"x\"\nfrom = 2025\nto = 2030\n[[events]]\ntype = \"disruption\"\ncountry = \"CHN\"\nstage = \"mining\"\nfraction = 0.5\nstart = 2026\nend = 2025\nwhy = \"x\"\n").unwrap_err();
        assert_eq!(
            e.to_string(),
            "s.toml:10:7 (key events[0].end): invalid value 2025: expected a time not before start"
        );
        let e = read("name = \"x\"\nfrom = 2025\nto = 2030\n[[events]]\ntype = \"disruption\"\ncountry = \"CHN\"\nstage = \"mining\"\nfraction = 0.5\nstart = 2026\nwhy = \"x\"\n").unwrap_err();
        assert!(
            e.to_string()
                .starts_with("s.toml:10:1 (key events[0].why): unknown key why"),
            "{e}"
        );
        let e = read(
            "name = \"x\"\nfrom = 2025\nto = 2030\n[[events]]\ntype = \"drought\"\nstart = 2026\n",
        )
        .unwrap_err();
        assert!(
            e.to_string()
                .starts_with("s.toml:5:8 (key events[0].type): invalid value \"drought\""),
            "{e}"
        );
        let e = read("name = \"x\"\nfrom = 2025\nto = \n").unwrap_err();
        assert!(e.to_string().starts_with("s.toml:3:"), "{e}");
    }
}
