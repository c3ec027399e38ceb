//! `rareflow schema COMMAND...`: the JSON schema of a command's result.

/// Prints the schema of the command `words`.
pub fn schema(words: &[String]) -> anyhow::Result<()> {
    let words: Vec<&str> = words.iter().map(String::as_str).collect();
    let Some(doc) = service::schema::for_command(&words) else {
        let known: Vec<String> = service::schema::COMMANDS
            .iter()
            .map(|(w, _)| w.join(" "))
            .collect();
        return Err(service::Error::Usage(format!(
            "no schema for {:?}: expected one of {}",
            words.join(" "),
            known.join(", ")
        ))
        .into());
    };
    let stdout = std::io::stdout();
    let mut w = stdout.lock();
    service::json::write_pretty(&mut w, &doc)?;
    Ok(())
}
