/**
 * The versioned JSON model spec (records, validation with field paths, presets) and its cost model
 * (parameters, MACs). See docs/model-spec.md.
 */
package org.tinyode.model.spec;
