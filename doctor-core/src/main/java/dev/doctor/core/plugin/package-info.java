/** Finding, loading and starting plugin jars with PF4J, and what came of it. */
package dev.doctor.core.plugin;
