package dev.baton.cli.command;

/** How commands print results: aligned text for people, or one JSON document for scripts. */
enum OutputFormat {
  TABLE,
  JSON
}
