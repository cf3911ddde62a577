/**
 * KPI values and their aggregation. {@link io.naap.sla.kpi.QuantileSketch} holds the distribution
 * of one KPI over a time bucket (minute, hour, day) so that percentiles survive exact merging.
 */
package io.naap.sla.kpi;
