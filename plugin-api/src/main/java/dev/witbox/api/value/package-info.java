/**
 * The dynamic value model: WIT values without generated types, for tools, tests and hosts
 * that learn a plugin's world at run time.
 */
package dev.witbox.api.value;
