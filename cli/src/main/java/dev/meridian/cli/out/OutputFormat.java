package dev.meridian.cli.out;

/** How read commands print: aligned tables for people, the API's JSON for scripts. */
public enum OutputFormat {
  TABLE,
  JSON
}
