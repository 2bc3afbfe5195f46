/** What a finding code means: the per-plugin pages of {@code ### <code>} sections behind {@code doctor explain}. */
package dev.doctor.core.explain;
