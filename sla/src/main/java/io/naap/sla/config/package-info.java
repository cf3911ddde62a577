/**
 * The text format of naap's config files: {@link io.naap.sla.config.SectionedText} reads {@code
 * [kind name]} sections of {@code key = value} lines, and {@link
 * io.naap.sla.config.ConfigTextException} is the shape of a refusal ({@code source:line: problem}).
 * Each file's own rules (its keys' values, required keys, what a name must be) stay with the file.
 */
package io.naap.sla.config;
