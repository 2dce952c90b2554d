//! `whosaid gazetteer import`: turns the public-domain congress-legislators YAML files into
//! gazetteer rows, so the US Congress and executive can be refreshed from the source.
