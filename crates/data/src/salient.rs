//! Reader for the USGS MCS salient-statistics files (U.S. production, trade, consumption,
//! prices, employment and net import reliance by year) for rare earths, yttrium and
//! scandium.
//!
//! Each column name encodes metric, product and unit (`Imports_Compounds_t`,
//! `Price_Nd2O3_dkg`, `Price_Cmpds_Oxide_dg`); [`column_spec`] is the one table that says
//! what each means. An unknown column is an error, so a new edition cannot be half-read.

use crate::cell::{read_usgs_cell, RawValue};
use crate::error::{DataError, Result};
use crate::table::CsvTable;
use model::{
    CountryCode, EditionId, Element, ElementGroup, Flag, Flags, Material, Metric, Observation,
    Place, Stage, Table, Unit, Year,
};

/// What one salient column holds.
#[derive(Debug, Clone, PartialEq)]
pub struct ColumnSpec {
    /// The metric.
    pub metric: Metric,
    /// The stage.
    pub stage: Stage,
    /// The material, when the column names one (prices); else the file's commodity.
    pub material: Option<Material>,
    /// The product form ("oxide", "compounds and metals", ...).
    pub form: &'static str,
    /// The unit.
    pub unit: Unit,
}

fn spec(metric: Metric, stage: Stage, form: &'static str, unit: Unit) -> ColumnSpec {
    ColumnSpec {
        metric,
        stage,
        material: None,
        form,
        unit,
    }
}

/// What a salient column means; `None` for columns that carry no values (ids, years).
pub fn column_spec(name: &str) -> Option<ColumnSpec> {
    use Metric::*;
    use Stage::*;
    use Unit::*;
    let price = |m: Material, form: &'static str, unit: Unit| ColumnSpec {
        metric: Price,
        stage: Separation,
        material: Some(m),
        form,
        unit,
    };
    let el = Material::Element;
    Some(match name {
        "USprod_Concentrate_t" => spec(MineProduction, Mining, "concentrate", TonnesReo),
        "USprod_Mine_t" => spec(MineProduction, Mining, "", TonnesReo),
        "USprod_Compounds-Metals_t" => {
            spec(Production, Separation, "compounds and metals", TonnesReo)
        }
        "Imports_Compounds_t" => spec(ImportsCompounds, Separation, "compounds", TonnesReo),
        "Imports_Alloys_t" => spec(ImportsAlloys, Metal, "alloys", TonnesReo),
        "Imports_Metals_t" => spec(ImportsMetals, Metal, "metals", TonnesReo),
        "Imports_All_t" => spec(ImportsAll, Separation, "all forms", TonnesReo),
        "Exports_Ores-Compounds_t" => spec(
            ExportsOresCompounds,
            Mining,
            "ores and compounds",
            TonnesReo,
        ),
        "Exports_Compounds_t" => spec(ExportsCompounds, Separation, "compounds", TonnesReo),
        "Exports_Alloys_t" => spec(ExportsAlloys, Metal, "alloys", TonnesReo),
        "Exports_Metals_t" => spec(ExportsMetals, Metal, "metals", TonnesReo),
        "Consump_Compounds-Metals_t" => spec(
            ApparentConsumption,
            Separation,
            "compounds and metals",
            TonnesReo,
        ),
        "Consump_t" => spec(ApparentConsumption, Separation, "", TonnesReo),
        "Employment_" => spec(Employment, Mining, "mine and mill", Persons),
        "NIR_Compounds-Metals_t" => spec(
            NetImportReliance,
            Separation,
            "compounds and metals",
            Percent,
        ),
        "NIR_Concentrate_t" => spec(NetImportReliance, Mining, "concentrate", Percent),
        "NIR_pct" | "NIR_ct" => spec(NetImportReliance, Separation, "", Percent),
        "Price_CeO2_dkg" => price(el(Element::Ce), "oxide", UsdPerKg),
        "Price_Dy2O3_dkg" => price(el(Element::Dy), "oxide", UsdPerKg),
        "Price_Eu2O3_dkg" => price(el(Element::Eu), "oxide", UsdPerKg),
        "Price_La2O3_dkg" => price(el(Element::La), "oxide", UsdPerKg),
        "Price_Nd2O3_dkg" => price(el(Element::Nd), "oxide", UsdPerKg),
        // USGS labels the column TbO2; the product is terbium oxide, Tb4O7.
        "Price_TbO2_dkg" => price(el(Element::Tb), "oxide", UsdPerKg),
        "Price_Mischmetal_dkg" => ColumnSpec {
            stage: Metal,
            ..price(Material::Group(ElementGroup::Lree), "mischmetal", UsdPerKg)
        },
        "Price_Y2O3_dkg" => price(el(Element::Y), "oxide", UsdPerKg),
        "Price_Metal_dkg" => ColumnSpec {
            stage: Metal,
            ..price(el(Element::Y), "metal", UsdPerKg)
        },
        "Price_Cmpds_Acetate_dg" => price(el(Element::Sc), "acetate", UsdPerGram),
        "Price_Cmpds_Chloride_dg" => price(el(Element::Sc), "chloride", UsdPerGram),
        "Price_Cmpds_Fluoride_dg" => price(el(Element::Sc), "fluoride", UsdPerGram),
        "Price_Cmpds_Iodide_dg" => price(el(Element::Sc), "iodide", UsdPerGram),
        "Price_Cmpds_Oxide_dg" => price(el(Element::Sc), "oxide", UsdPerGram),
        "Price_Mtl_Dendritic_dg" => ColumnSpec {
            stage: Metal,
            ..price(el(Element::Sc), "metal, dendritic", UsdPerGram)
        },
        "Price_Mtl_Ingot_dg" => ColumnSpec {
            stage: Metal,
            ..price(el(Element::Sc), "metal, ingot", UsdPerGram)
        },
        "Price_Mtl_Alloy_1kg_dkg" => ColumnSpec {
            stage: Metal,
            ..price(
                el(Element::Sc),
                "aluminum-scandium alloy, 1 kg lots",
                UsdPerKg,
            )
        },
        "Price_Mtl_Alloy_1000kg_dkg" => ColumnSpec {
            stage: Metal,
            ..price(
                el(Element::Sc),
                "aluminum-scandium alloy, 1,000 kg lots",
                UsdPerKg,
            )
        },
        _ => return None,
    })
}

/// Reads a salient-statistics file; every value is for the United States.
pub fn read_salient(file: &str, text: &str) -> Result<(EditionId, Vec<Observation>)> {
    let t = CsvTable::parse(file, text)?;
    let expected = "DataSource, Commodity, Year and value columns";
    let source = t.require("DataSource", expected)?;
    let commodity = t.require("Commodity", expected)?;
    let year_col = t.require("Year", expected)?;
    let mut columns = Vec::new();
    for (i, h) in t.headers.iter().enumerate() {
        if h.is_empty() || i == source || i == commodity || i == year_col {
            continue;
        }
        let spec = column_spec(h).ok_or_else(|| DataError::MissingColumn {
            file: file.to_string(),
            name: format!("a meaning for column {h}"),
            expected: "salient columns rareflow knows (see data::salient::column_spec)".into(),
        })?;
        columns.push((i, spec));
    }
    let mut years = Vec::new();
    for row in &t.rows {
        let c = t.cell(row, year_col);
        let y: i32 = c.year()?;
        years.push(y);
    }
    let latest = years.iter().copied().max();
    let usa = CountryCode::parse("USA")
        .map(Place::Country)
        .ok_or_else(|| DataError::File {
            file: file.into(),
            message: "internal: USA code".into(),
        })?;
    let mut edition = None;
    let mut out = Vec::new();
    for (row, &year) in t.rows.iter().zip(&years) {
        let id = t.cell(row, source).trimmed().to_string();
        edition.get_or_insert_with(|| id.clone());
        let commodity_cell = t.cell(row, commodity);
        let material = match commodity_cell.trimmed().to_lowercase().as_str() {
            "rare earths" => Material::Group(ElementGroup::Treo),
            "yttrium" => Material::Element(Element::Y),
            "scandium" => Material::Element(Element::Sc),
            _ => return Err(commodity_cell.invalid("Rare Earths, Yttrium or Scandium")),
        };
        for (i, spec) in &columns {
            let cell = t.cell(row, *i);
            let expected = match spec.unit {
                Unit::TonnesReo => "a number of tonnes",
                Unit::Percent => "a percentage, >N, or E",
                Unit::Persons => "a number of persons",
                Unit::UsdPerKg | Unit::UsdPerGram => "a price",
            };
            let mut flags = Flags::NONE;
            if Some(year) == latest {
                flags.insert(Flag::Estimated);
            }
            let value = match read_usgs_cell(&cell, expected)? {
                RawValue::NetExporter if spec.metric != Metric::NetImportReliance => {
                    return Err(cell.invalid(expected))
                }
                raw => raw.into_value(spec.unit, 1.0, &mut flags),
            };
            out.push(Observation {
                edition: EditionId(id.clone()),
                table: Table::Salient,
                label: "United States".into(),
                place: usa,
                material: spec.material.unwrap_or(material),
                stage: spec.stage,
                metric: spec.metric,
                form: spec.form.to_string(),
                year: Year(year),
                value,
                unit: spec.unit,
                flags,
                note: String::new(),
                citation: String::new(),
            });
        }
    }
    let edition = edition.ok_or_else(|| DataError::File {
        file: file.into(),
        message: "no rows: expected salient statistics by year".into(),
    })?;
    Ok((EditionId(edition), out))
}
