/** DJL blocks of the TinyODE network (stem, ODEBlock, transition, relative MHSA, head) built from a ModelSpec. */
package org.tinyode.floatmodel.nn;
