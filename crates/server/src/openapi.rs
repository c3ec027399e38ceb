//! The OpenAPI document at `/api/v1/openapi.json`, generated from the handlers'
//! annotations and the result types themselves (the same types `rareflow schema` prints),
//! so the document cannot describe a shape the API does not send.

use crate::api::{compute, plan, reads, writes};
use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityScheme};
use utoipa::{Modify, OpenApi};

/// The API's description.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "rareflow",
        description = "The rare-earth supply chain: who holds what, how concentrated, according to whom, and what if. Each endpoint answers one CLI command with the document `--format json` prints; query parameters are the command's long flags. Errors: {\"error\": {\"code\", \"message\", \"location\"?}}.",
        license(name = "MIT OR Apache-2.0")
    ),
    paths(
        reads::overview, reads::rank, reads::concentration, reads::compare, reads::cite,
        reads::country, reads::sources, reads::chain, reads::balance, reads::projects,
        reads::risk_eu, reads::risk_usgs, reads::demand, reads::trade, reads::editions,
        writes::import, writes::remove, writes::save_run, writes::runs, writes::saved_run,
        writes::verify_run,
        compute::stock, compute::sim_list, compute::sim_network, compute::sim_run_bundled,
        compute::sim_run_upload, compute::sim_check_bundled, compute::sim_check_upload,
        compute::sim_compare, plan::plan_list, plan::plan_bundled, plan::plan_upload,
    ),
    components(schemas(crate::error::ErrorResponse, crate::error::Code)),
    modifiers(&Security),
    tags(
        (name = "questions", description = "Questions about the data: the CLI's reading commands"),
        (name = "compute", description = "Models run on what the request sends: stock, the simulator, the roadmap planner"),
        (name = "store", description = "Imported editions (writes need the token)"),
        (name = "runs", description = "Saved simulator runs, with what reproduces them (saving needs the token)"),
    )
)]
pub struct ApiDoc;

/// Declares the bearer token that writes need.
struct Security;

impl Modify for Security {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "token",
            SecurityScheme::Http(Http::new(HttpAuthScheme::Bearer)),
        );
    }
}

/// The document as served.
pub fn document() -> utoipa::openapi::OpenApi {
    let mut doc = ApiDoc::openapi();
    doc.info.version = env!("CARGO_PKG_VERSION").to_string();
    doc
}
