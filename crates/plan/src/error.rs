//! What stops a roadmap from being planned before any solver runs: a target that needs
//! data the inputs lack. A solver's failure is not an error here but a typed answer
//! ([`crate::Status::Error`]), and an infeasible target is an answer too.

/// A roadmap that cannot be turned into a model.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum PlanError {
    /// A target needs the group's demand and the roadmap gives none.
    #[error("target {target:?} (line {line}) needs the group's demand: give the roadmap a [demand] table (scenario and the group's share)")]
    NoDemand {
        /// Target name.
        target: String,
        /// Line of the target.
        line: u64,
    },
    /// A target's material includes elements the demand model does not cover.
    #[error("target {target:?} (line {line}) needs demand for {material}, and the demand model covers Nd, Pr, Dy and Tb only: use one of them, NdPr or magnet_REE")]
    DemandMaterial {
        /// Target name.
        target: String,
        /// Line of the target.
        line: u64,
        /// The material.
        material: String,
    },
    /// The demand has no figure for a year a target needs.
    #[error("target {target:?} (line {line}) needs {element} demand in {year}, which the demand scenario does not give")]
    DemandMissing {
        /// Target name.
        target: String,
        /// Line of the target.
        line: u64,
        /// Element.
        element: String,
        /// Year.
        year: i32,
    },
    /// A diversification target has no share for its supplier.
    #[error("target {target:?} (line {line}) has no share of world output for its supplier {supplier}: give supplier_share and supplier_share_source")]
    SupplierShare {
        /// Target name.
        target: String,
        /// Line of the target.
        line: u64,
        /// Supplier.
        supplier: String,
    },
    /// The model holds a number no solver may see (a bug: inputs are validated).
    #[error("the model is invalid: {0}")]
    Model(String),
}
