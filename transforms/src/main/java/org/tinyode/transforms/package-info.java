/**
 * Reusable Beam PTransforms of the evaluation pipeline: one composite per concept with a short
 * {@code expand()}, small static DoFns that only adapt (the maths lives in {@code model/} and
 * {@code float-model/}). Content arrives with issue #6.
 */
package org.tinyode.transforms;
