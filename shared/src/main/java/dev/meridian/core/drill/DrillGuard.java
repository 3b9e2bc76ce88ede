package dev.meridian.core.drill;

/**
 * The capacity check behind a drill: can the regions that take over the drilled traffic carry it
 * while keeping {@code drillHeadroom} of their healthy capacity free?
 *
 * @param available healthy capacity of the regions that take over, less the headroom
 * @param required the load those regions carry while the drill runs
 * @param explanation one human-readable line with the figures
 */
public record DrillGuard(boolean ok, double available, double required, String explanation) {}
