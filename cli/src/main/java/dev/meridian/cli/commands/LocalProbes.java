package dev.meridian.cli.commands;

import dev.meridian.local.LocalRuntime;

/** How local mode builds each vantage's probe cycle (the probe engine's ProbeService). */
final class LocalProbes {
  private LocalProbes() {}

  static LocalRuntime.ProbeLoopFactory factory() {
    return null; // wired when the probe engine lands (wt-probe)
  }
}
