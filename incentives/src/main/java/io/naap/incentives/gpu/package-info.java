/**
 * What an hour of each GPU class costs its operator ({@link io.naap.incentives.gpu.GpuCostTable}):
 * amortised hardware and energy, from a text table shipped on the class path or given by an
 * operator.
 */
package io.naap.incentives.gpu;
