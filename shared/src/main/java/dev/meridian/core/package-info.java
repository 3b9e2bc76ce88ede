/** Meridian's decision core: the domain model, health state machines, planner and drill rules. */
package dev.meridian.core;
