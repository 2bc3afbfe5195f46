/**
 * Test helpers for check plugins: a scripted {@link dev.doctor.api.CommandRunner}, a {@link
 * dev.doctor.api.CheckContext} builder, and framework-neutral assertions on findings.
 */
package dev.doctor.testkit;
