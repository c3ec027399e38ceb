//! Roadmap files (TOML; the schema is `docs/roadmaps.md`), read into
//! [`model::plan::Roadmap`] and validated at load: every key is known, shares lie in
//! [0, 1], budgets are not negative, countries and elements exist, each target's first
//! year lies within the horizon. Errors read `FILE:LINE:COL (key NAME): ...`, as scenario
//! files' do, from the spans the TOML parser keeps. Project names are checked by `service`
//! (which knows the projects) at the positions kept in [`NameAt`].

use crate::error::Result;
use crate::scenario::{parse_toml, position, Keys, Reader, Value};
use model::plan::{
    Budget, Coproducts, Defaults, DemandSpec, Group, NameAt, Roadmap, SolveLimits, SourcedShare,
    Target, TargetKind,
};
use model::{Countries, CountryCode, Material, Stage};
use toml::de::DeValue;

const TOP_KEYS: &str = "name, description, narrative, sources, from, to, group, discount_rate, market_feed_t, generic_countries, exclude, require, missing_opex, closest_feasible, time_limit_s, mip_gap, budget, demand, defaults, coproducts, targets";

const TARGET_KEYS: &str = "name, kind, group, element, stage, from, tonnes, share, fraction, max_share, supplier, supplier_share, supplier_share_source, sources, description";

/// The most years a horizon may span (a bound on the model's size).
pub const MAX_HORIZON_YEARS: i32 = 60;

impl Reader<'_> {
    fn country(&self, v: &Value<'_>, key: &str) -> Result<CountryCode> {
        let expected = "an ISO 3166 alpha-3 code of a known country";
        let s = self.string(v, key, expected)?;
        match CountryCode::parse(s.trim()) {
            Some(c) if self.countries.get(c).is_some() => Ok(c),
            _ => Err(self.invalid(v, key, expected)),
        }
    }

    fn group(&self, v: &Value<'_>, key: &str) -> Result<Group> {
        let expected = "\"non_china\", \"eu\", a country code or a list of country codes";
        match v.get_ref() {
            DeValue::String(s) if s.eq_ignore_ascii_case("non_china") => Ok(Group::NonChina),
            DeValue::String(s) if s.eq_ignore_ascii_case("eu") => Ok(Group::Eu),
            DeValue::String(_) => Ok(Group::Countries(vec![self.country(v, key)?])),
            DeValue::Array(_) => Ok(Group::Countries(
                self.list(v, key, |x, k| self.country(x, k))?,
            )),
            _ => Err(self.invalid(v, key, expected)),
        }
    }

    fn material(&self, v: &Value<'_>, key: &str) -> Result<Material> {
        let expected =
            "an element symbol (Nd, Pr, Dy, Tb, ...) or a group (TREO, NdPr, magnet_REE, LREE, HREE)";
        self.string(v, key, expected)?
            .parse::<Material>()
            .map_err(|_| self.invalid(v, key, expected))
    }

    fn plan_stage(&self, v: &Value<'_>, key: &str) -> Result<Stage> {
        let expected = "a stage: mining, separation, metal or magnet";
        match Stage::from_id(&self.string(v, key, expected)?) {
            Some(Stage::EndUse) | None => Err(self.invalid(v, key, expected)),
            Some(s) => Ok(s),
        }
    }

    fn share(&self, v: &Value<'_>, key: &str) -> Result<f64> {
        self.number(v, key, 0.0..1.0, "a share from 0 to 1")
    }

    fn musd(&self, v: &Value<'_>, key: &str) -> Result<f64> {
        self.number(
            v,
            key,
            0.0..1e9,
            "million USD (2024), not below 0 (at most 1e9)",
        )
    }

    fn text(&self, k: &mut Keys<'_, '_>, name: &str) -> Result<String> {
        let key = k.key(name);
        k.get(name)
            .map(|v| self.string(v, &key, "text"))
            .transpose()
            .map(Option::unwrap_or_default)
    }

    fn names(&self, v: &Value<'_>, key: &str) -> Result<Vec<NameAt>> {
        match v.get_ref() {
            DeValue::Array(items) => items
                .iter()
                .enumerate()
                .map(|(i, x)| {
                    let k = format!("{key}[{i}]");
                    let name = self.string(x, &k, "a project name of data/projects.csv")?;
                    let (line, column) = position(self.text, x.span().start);
                    Ok(NameAt {
                        name,
                        key: k,
                        line,
                        column,
                    })
                })
                .collect(),
            _ => Err(self.invalid(v, key, "a list of project names")),
        }
    }

    fn table<'t, 'i>(&self, v: &'t Value<'i>, key: &str) -> Result<&'t toml::de::DeTable<'i>> {
        match v.get_ref() {
            DeValue::Table(t) => Ok(t),
            _ => Err(self.invalid(v, key, &format!("a table ([{key}])"))),
        }
    }
}

/// Reads a roadmap file.
pub fn read_roadmap(file: &str, text: &str, countries: &Countries) -> Result<Roadmap> {
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
    let description = r.text(&mut k, "description")?;
    let narrative = r.text(&mut k, "narrative")?;
    let sources = match k.get("sources") {
        Some(v) => r.list(v, "sources", |x, key| r.string(x, key, "text"))?,
        None => Vec::new(),
    };
    let from = r.year(
        k.need(&r, "from", whole.clone(), "the first decision year")?,
        "from",
    )?;
    let to_v = k.need(&r, "to", whole.clone(), "the last year of the horizon")?;
    let to = r.year(to_v, "to")?;
    if to < from || to - from >= MAX_HORIZON_YEARS {
        return Err(r.invalid(
            to_v,
            "to",
            &format!("a year from {from} to {}", from + MAX_HORIZON_YEARS - 1),
        ));
    }
    let group = r.group(
        k.need(&r, "group", whole.clone(), "whose chain is planned")?,
        "group",
    )?;
    let (discount_rate, discount_rate_default) = match k.get("discount_rate") {
        Some(v) => (
            r.number(
                v,
                "discount_rate",
                0.0..1.0,
                "a rate from 0 to 1 (0.08 for 8%)",
            )?,
            false,
        ),
        None => (Roadmap::DEFAULT_DISCOUNT_RATE, true),
    };
    let market_feed_t = match k.get("market_feed_t") {
        Some(v) => r.tonnes(v, "market_feed_t")?,
        None => 0.0,
    };
    let generic_countries = match k.get("generic_countries") {
        Some(v) => match v.get_ref() {
            DeValue::Array(a) if a.is_empty() => Vec::new(),
            _ => r.list(v, "generic_countries", |x, key| r.country(x, key))?,
        },
        None => Vec::new(),
    };
    let exclude = match k.get("exclude") {
        Some(v) => r.names(v, "exclude")?,
        None => Vec::new(),
    };
    let require = match k.get("require") {
        Some(v) => r.names(v, "require")?,
        None => Vec::new(),
    };
    let omit_missing_opex = match k.get("missing_opex") {
        Some(v) => {
            let expected = "\"exclude\" (a candidate without an operating cost is left out) or \"omit\" (kept, its operating cost left out of the objective)";
            match r.string(v, "missing_opex", expected)?.as_str() {
                "exclude" => false,
                "omit" => true,
                _ => return Err(r.invalid(v, "missing_opex", expected)),
            }
        }
        None => false,
    };
    let closest_feasible = match k.get("closest_feasible") {
        Some(v) => match v.get_ref() {
            DeValue::Boolean(b) => *b,
            _ => return Err(r.invalid(v, "closest_feasible", "true or false")),
        },
        None => false,
    };
    let mut limits = SolveLimits::default();
    if let Some(v) = k.get("time_limit_s") {
        limits.time_limit_s = r.number(
            v,
            "time_limit_s",
            0.01..86400.0,
            "seconds from 0.01 to 86400",
        )?;
    }
    if let Some(v) = k.get("mip_gap") {
        limits.mip_gap = r.number(v, "mip_gap", 0.0..1.0, "a relative gap from 0 to 1")?;
    }
    let budget = match k.get("budget") {
        Some(v) => budget(&r, v)?,
        None => Budget::default(),
    };
    let demand = match k.get("demand") {
        Some(v) => Some(demand(&r, v)?),
        None => None,
    };
    let defaults = match k.get("defaults") {
        Some(v) => defaults(&r, v)?,
        None => Defaults::default(),
    };
    let coproducts = match k.get("coproducts") {
        Some(v) => coproducts(&r, v)?,
        None => Coproducts::default(),
    };
    let mut targets: Vec<Target> = Vec::new();
    if let Some(v) = k.get("targets") {
        match v.get_ref() {
            DeValue::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    let t = target(&r, item, &format!("targets[{i}]"), &group, (from, to))?;
                    if targets.iter().any(|x| x.name == t.name) {
                        return Err(r.err(
                            item.span(),
                            &format!("targets[{i}].name"),
                            format!("a second target named {:?}: expected unique names", t.name),
                        ));
                    }
                    targets.push(t);
                }
            }
            _ => return Err(r.invalid(v, "targets", "an array of tables ([[targets]])")),
        }
    }
    if targets.is_empty() {
        return Err(r.err(
            whole,
            "targets",
            "no target: expected at least one [[targets]] table",
        ));
    }
    k.finish(&r, TOP_KEYS)?;
    Ok(Roadmap {
        name,
        description,
        narrative,
        sources,
        from,
        to,
        group,
        targets,
        budget,
        discount_rate,
        discount_rate_default,
        market_feed_t,
        generic_countries,
        exclude,
        require,
        demand,
        defaults,
        coproducts,
        omit_missing_opex,
        closest_feasible,
        limits,
    })
}

fn budget(r: &Reader<'_>, v: &Value<'_>) -> Result<Budget> {
    let mut k = Keys::new(r.table(v, "budget")?, "budget");
    let mut b = Budget::default();
    if let Some(x) = k.get("per_year_musd") {
        b.per_year_musd = Some(r.musd(x, "budget.per_year_musd")?);
    }
    if let Some(x) = k.get("total_musd") {
        b.total_musd = Some(r.musd(x, "budget.total_musd")?);
    }
    b.source = r.text(&mut k, "source")?;
    k.finish(r, "per_year_musd, total_musd, source")?;
    Ok(b)
}

fn demand(r: &Reader<'_>, v: &Value<'_>) -> Result<DemandSpec> {
    let at = v.span();
    let mut k = Keys::new(r.table(v, "demand")?, "demand");
    let scenario = r.string(
        k.need(r, "scenario", at.clone(), "a demand scenario id")?,
        "demand.scenario",
        "a demand scenario id (stated-policies, announced-pledges, net-zero)",
    )?;
    let share = r.share(
        k.need(r, "share", at.clone(), "the group's share of world demand")?,
        "demand.share",
    )?;
    let source = r.string(
        k.need(r, "share_source", at, "where the share comes from")?,
        "demand.share_source",
        "text",
    )?;
    k.finish(r, "scenario, share, share_source")?;
    Ok(DemandSpec {
        scenario,
        share: SourcedShare { share, source },
    })
}

/// A table of values by stage (`{ mining = 16, separation = 3 }`), each in `range`.
fn per_stage(
    r: &Reader<'_>,
    v: &Value<'_>,
    key: &str,
    example: &str,
    range: std::ops::Range<f64>,
    expected: &str,
) -> Result<Vec<(Stage, f64)>> {
    let DeValue::Table(t) = v.get_ref() else {
        return Err(r.invalid(v, key, &format!("a table such as {example}")));
    };
    t.iter()
        .map(|(name, value)| {
            let key = format!("{key}.{}", name.get_ref());
            match Stage::from_id(name.get_ref()) {
                Some(Stage::EndUse) | None => Err(r.err(
                    name.span(),
                    &key,
                    "unknown stage: expected mining, separation, metal or magnet",
                )),
                Some(stage) => Ok((stage, r.number(value, &key, range.clone(), expected)?)),
            }
        })
        .collect()
}

fn defaults(r: &Reader<'_>, v: &Value<'_>) -> Result<Defaults> {
    let at = v.span();
    let mut k = Keys::new(r.table(v, "defaults")?, "defaults");
    let mut d = Defaults::default();
    if let Some(x) = k.get("lead_years") {
        d.lead_years = per_stage(
            r,
            x,
            "defaults.lead_years",
            "{ separation = 3 }",
            0.0..100.0,
            "years from 0 to 100",
        )?;
    }
    if let Some(x) = k.get("opex_usd_per_t") {
        d.opex_usd_per_t = per_stage(
            r,
            x,
            "defaults.opex_usd_per_t",
            "{ separation = 25000 }",
            0.0..1e9,
            "USD (2024) per tonne, not below 0",
        )?;
    }
    if let Some(x) = k.get("ramp_years") {
        d.ramp_years = Some(r.integer(
            x,
            "defaults.ramp_years",
            0..100,
            "whole years from 0 to 100",
        )? as u32);
    }
    d.source = r.text(&mut k, "source")?;
    if (!d.lead_years.is_empty() || d.ramp_years.is_some() || !d.opex_usd_per_t.is_empty())
        && d.source.trim().is_empty()
    {
        return Err(r.err(
            at,
            "defaults.source",
            "missing key source: expected where the default lead times, ramp times and operating costs come from",
        ));
    }
    k.finish(r, "lead_years, ramp_years, opex_usd_per_t, source")?;
    Ok(d)
}

fn coproducts(r: &Reader<'_>, v: &Value<'_>) -> Result<Coproducts> {
    let mut k = Keys::new(r.table(v, "coproducts")?, "coproducts");
    let mut c = Coproducts::default();
    if let Some(x) = k.get("market_t") {
        c.market_t = r.tonnes(x, "coproducts.market_t")?;
    }
    if let Some(x) = k.get("stock_usd_per_t") {
        c.stock_usd_per_t = r.number(
            x,
            "coproducts.stock_usd_per_t",
            0.0..1e9,
            "USD (2024) per tonne, not below 0",
        )?;
    }
    c.source = r.text(&mut k, "source")?;
    k.finish(r, "market_t, stock_usd_per_t, source")?;
    Ok(c)
}

fn target(
    r: &Reader<'_>,
    v: &Value<'_>,
    path: &str,
    roadmap_group: &Group,
    horizon: (i32, i32),
) -> Result<Target> {
    let DeValue::Table(t) = v.get_ref() else {
        return Err(r.invalid(v, path, "a table ([[targets]])"));
    };
    let at = v.span();
    let mut k = Keys::new(t, path);
    let key = |name: &str| format!("{path}.{name}");
    let kinds = "volume, share, self_sufficiency or diversification";
    let kind_v = k.need(r, "kind", at.clone(), kinds)?;
    let kind_id = r.string(kind_v, &key("kind"), kinds)?;
    let name = match k.get("name") {
        Some(n) => r.string(n, &key("name"), "a name")?,
        None => String::new(),
    };
    let group = match k.get("group") {
        Some(g) => r.group(g, &key("group"))?,
        None => roadmap_group.clone(),
    };
    let material = r.material(
        k.need(r, "element", at.clone(), "an element or a group")?,
        &key("element"),
    )?;
    let stage = r.plan_stage(k.need(r, "stage", at.clone(), "a stage")?, &key("stage"))?;
    let from_v = k.need(r, "from", at.clone(), "the first year the target must hold")?;
    let from = r.year(from_v, &key("from"))?;
    if from < horizon.0 || from > horizon.1 {
        return Err(r.invalid(
            from_v,
            &key("from"),
            &format!("a year within the horizon ({} to {})", horizon.0, horizon.1),
        ));
    }
    let mut need = |n: &str, what: &str| k.need(r, n, at.clone(), what);
    let kind = match kind_id.as_str() {
        "volume" => TargetKind::Volume {
            tonnes: r.tonnes(need("tonnes", "tonnes of oxide a year")?, &key("tonnes"))?,
        },
        "share" => TargetKind::Share {
            share: r.share(need("share", "a share of world output")?, &key("share"))?,
        },
        "self_sufficiency" => TargetKind::SelfSufficiency {
            fraction: r.number(
                need("fraction", "a fraction of the group's demand")?,
                &key("fraction"),
                0.0..10.0,
                "a fraction of demand from 0 to 10",
            )?,
        },
        "diversification" => {
            let max_share = r.share(
                need("max_share", "the largest share one supplier may have")?,
                &key("max_share"),
            )?;
            let supplier = r.country(need("supplier", "a country")?, &key("supplier"))?;
            let supplier_share = match k.get("supplier_share") {
                Some(s) => {
                    let share = r.share(s, &key("supplier_share"))?;
                    let source = r.string(
                        k.need(
                            r,
                            "supplier_share_source",
                            at.clone(),
                            "where the supplier's share comes from",
                        )?,
                        &key("supplier_share_source"),
                        "text",
                    )?;
                    Some(SourcedShare { share, source })
                }
                None => None,
            };
            TargetKind::Diversification {
                max_share,
                supplier,
                supplier_share,
            }
        }
        _ => return Err(r.invalid(kind_v, &key("kind"), kinds)),
    };
    let sources = match k.get("sources") {
        Some(s) => r.list(s, &key("sources"), |x, kk| r.string(x, kk, "text"))?,
        None => Vec::new(),
    };
    let description = match k.get("description") {
        Some(d) => r.string(d, &key("description"), "text")?,
        None => String::new(),
    };
    k.finish(r, TARGET_KEYS)?;
    let (line, _) = position(r.text, at.start);
    let name = if name.is_empty() {
        format!(
            "{} {} {} {}",
            kind.id(),
            group.id(),
            material.id(),
            stage.id()
        )
    } else {
        name
    };
    Ok(Target {
        name,
        kind,
        group,
        material,
        stage,
        from,
        sources,
        description,
        line,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Result<Roadmap> {
        read_roadmap("r.toml", text, &crate::bundled::countries().unwrap())
    }

    const OK: &str = "name = \"x\"\nfrom = 2026\nto = 2030\ngroup = \"USA\"\n[[targets]]\nkind = \"volume\"\nelement = \"NdPr\"\nstage = \"separation\"\ntonnes = 1000\nfrom = 2028\n";

    #[test]
    fn a_roadmap_reads_with_its_defaults() {
        let r = read(OK).unwrap();
        assert_eq!(r.targets.len(), 1);
        assert_eq!(r.discount_rate, 0.08);
        assert!(r.discount_rate_default);
        assert_eq!(r.market_feed_t, 0.0);
        assert_eq!(r.targets[0].name, "volume USA NdPr separation");
    }

    #[test]
    fn mistakes_are_located() {
        let e = |t: &str| read(t).unwrap_err().to_string();
        assert_eq!(
            e(&OK.replace("\"NdPr\"", "\"Xx\"")),
            "r.toml:7:11 (key targets[0].element): invalid value \"Xx\": expected an element symbol (Nd, Pr, Dy, Tb, ...) or a group (TREO, NdPr, magnet_REE, LREE, HREE)"
        );
        assert_eq!(
            e(&OK.replace("group = \"USA\"", "group = \"XYZ\"")),
            "r.toml:4:9 (key group): invalid value \"XYZ\": expected an ISO 3166 alpha-3 code of a known country"
        );
        assert_eq!(
            e(&OK.replace("from = 2028", "from = 2031")),
            "r.toml:10:8 (key targets[0].from): invalid value 2031: expected a year within the horizon (2026 to 2030)"
        );
        assert_eq!(
            e(&OK
                .replace("kind = \"volume\"", "kind = \"share\"")
                .replace("tonnes = 1000", "share = 1.5")),
            "r.toml:9:9 (key targets[0].share): invalid value 1.5: expected a share from 0 to 1"
        );
        assert_eq!(
            e(&format!("{OK}[budget]\nper_year_musd = -5\n")),
            "r.toml:12:17 (key budget.per_year_musd): invalid value -5: expected million USD (2024), not below 0 (at most 1e9)"
        );
        assert!(e(&OK.replace("tonnes = 1000", "tonnes = 1000\nwhy = 1"))
            .starts_with("r.toml:10:1 (key targets[0].why): unknown key why"));
    }
}
