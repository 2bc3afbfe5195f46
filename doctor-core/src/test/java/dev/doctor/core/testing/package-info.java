/** Test helpers shared by the core and CLI tests. */
package dev.doctor.core.testing;
